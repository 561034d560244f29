#include "testing/mem_recorder.h"

#include <algorithm>

namespace pave {

namespace {
const char* KindName(MemRecorder::Kind k) {
  switch (k) {
    case MemRecorder::Kind::kBegin: return "begin";
    case MemRecorder::Kind::kFinish: return "finish";
    case MemRecorder::Kind::kFail: return "fail";
    case MemRecorder::Kind::kMove: return "move";
  }
  return "unknown";
}
}  // namespace

Status MemRecorder::Add(Kind kind, const PendingOperation& op, std::optional<ResourceState> result, Status error) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (kind == Kind::kBegin) {
      for (const auto& [address, status] : begin_fail_) {
        if (address == op.address) return status;
      }
    }
    entries_.push_back(Entry{kind, op, std::move(result), std::move(error), {}});
  }
  if (log_) log_->Add(std::string(KindName(kind)) + " " + OperationName(op.op) + " " + op.address.ToString());
  return Status::Ok();
}

Status MemRecorder::Begin(const PendingOperation& op) { return Add(Kind::kBegin, op, std::nullopt, Status::Ok()); }

Status MemRecorder::Finish(const PendingOperation& op, const ResourceState* result) {
  return Add(Kind::kFinish, op, result ? std::optional<ResourceState>(*result) : std::nullopt, Status::Ok());
}

Status MemRecorder::Fail(const PendingOperation& op, const Status& error) {
  return Add(Kind::kFail, op, std::nullopt, error);
}

Status MemRecorder::Move(const ResourceAddress& from, const ResourceAddress& to) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    PendingOperation op;
    op.address = from;
    entries_.push_back(Entry{Kind::kMove, op, std::nullopt, Status::Ok(), to});
  }
  if (log_) log_->Add("move " + from.ToString() + " " + to.ToString());
  return Status::Ok();
}

State MemRecorder::ReplayOnto(State base, size_t count) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < count && i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.kind == Kind::kMove) {
      base.Move(e.op.address, e.to);
    } else if (e.kind == Kind::kFinish && e.result) {
      base.Put(*e.result);
    } else if (e.kind == Kind::kFinish) {
      base.Remove(e.op.address);
    }
  }
  return base;
}

void MemRecorder::FailBeginFor(const ResourceAddress& address, Status error) {
  std::lock_guard<std::mutex> lock(mu_);
  begin_fail_.emplace_back(address, std::move(error));
}

std::vector<MemRecorder::Entry> MemRecorder::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_;
}

std::vector<PendingOperation> MemRecorder::Pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<PendingOperation> pending;
  for (const Entry& e : entries_) {
    auto same = [&](const PendingOperation& p) {
      return p.address == e.op.address && p.idempotency_token == e.op.idempotency_token && p.op == e.op.op;
    };
    if (e.kind == Kind::kBegin) {
      pending.push_back(e.op);
    } else if (e.kind != Kind::kMove) {
      pending.erase(std::remove_if(pending.begin(), pending.end(), same), pending.end());
    }
  }
  return pending;
}

}  // namespace pave
