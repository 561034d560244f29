#include "testing/fake_provider.h"

#include <algorithm>
#include <thread>

namespace pave {

const char* FakeMethodName(FakeMethod m) {
  switch (m) {
    case FakeMethod::kCreate: return "create";
    case FakeMethod::kRead: return "read";
    case FakeMethod::kUpdate: return "update";
    case FakeMethod::kDelete: return "delete";
    case FakeMethod::kFind: return "find";
  }
  return "unknown";
}

void CallLog::Add(std::string entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.push_back(std::move(entry));
}

std::vector<std::string> CallLog::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_;
}

int CallLog::IndexOf(const std::string& entry) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find(entries_.begin(), entries_.end(), entry);
  return it == entries_.end() ? -1 : static_cast<int>(it - entries_.begin());
}

int CallLog::MaxInFlight() const {
  std::lock_guard<std::mutex> lock(mu_);
  int now = 0, max = 0;
  for (const std::string& e : entries_) {
    if (e.rfind("call ", 0) == 0) max = std::max(max, ++now);
    if (e.rfind("return ", 0) == 0) --now;
  }
  return max;
}

void CallLog::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

AttributeSchema FakeAttr(std::string name, AttrType type, AttrFlags flags) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = type;
  a.required = flags.required;
  a.computed = flags.computed;
  a.force_new = flags.force_new;
  a.secret = flags.secret;
  a.stable = flags.stable;
  a.unordered = flags.unordered;
  a.default_value = std::move(flags.default_value);
  return a;
}

FakeResourceType::FakeResourceType(ResourceSchema schema, CallLog* log) : schema_(std::move(schema)), log_(log) {}

void FakeResourceType::Log(const char* what, FakeMethod m, const ResourceAddress& address) {
  if (log_) log_->Add(std::string(what) + " " + FakeMethodName(m) + " " + address.ToString());
}

std::optional<FakeResourceType::Failure> FakeResourceType::Enter(FakeMethod m, const ResourceAddress& address) {
  std::chrono::milliseconds latency{0};
  std::optional<Failure> failure;
  {
    std::lock_guard<std::mutex> lock(mu_);
    int n = ++calls_[m];
    if (auto it = latency_.find(m); it != latency_.end()) latency = it->second;
    for (const Failure& f : failures_) {
      bool match = f.method == m && (!f.address || *f.address == address) && (f.call == 0 || f.call == n);
      if (match) {
        failure = f;
        break;
      }
    }
  }
  if (latency.count() > 0) std::this_thread::sleep_for(latency);
  return failure;
}

Value FakeResourceType::Computed(const AttributeSchema& a, const std::string& id) const {
  switch (a.type) {
    case AttrType::kString: return a.name + "-" + id;
    case AttrType::kInt: return static_cast<int64_t>(std::hash<std::string>()(id) % 1000);
    case AttrType::kBool: return false;
    case AttrType::kList: return Value::array();
    case AttrType::kMap: return Value::object();
    case AttrType::kAny: return a.name + "-" + id;
  }
  return nullptr;
}

Value FakeResourceType::Visible(const Value& attributes) const {
  Value out = attributes;
  for (const AttributeSchema& a : schema_.attributes) {
    if (a.secret) out.erase(a.name);
  }
  return out;
}

Result<Value> FakeResourceType::CreateLocked(const OperationContext& ctx, const Value& desired) {
  if (!ctx.idempotency_token.empty()) {
    for (const auto& [id, s] : cloud_) {
      if (s.token == ctx.idempotency_token) return s.attributes;  // idempotent, like ClientToken
    }
  }
  std::string id = schema_.type + "-" + std::to_string(next_id_++);
  Value attrs = desired.is_object() ? desired : Value::object();
  attrs["id"] = id;
  for (const AttributeSchema& a : schema_.attributes) {
    if (a.computed && (!attrs.contains(a.name) || attrs[a.name].is_null())) attrs[a.name] = Computed(a, id);
  }
  cloud_[id] = Stored{ctx.address, ctx.idempotency_token, attrs};
  return attrs;
}

Result<Value> FakeResourceType::Create(const OperationContext& ctx, const Value& desired) {
  Log("call", FakeMethod::kCreate, ctx.address);
  std::optional<Failure> failure = Enter(FakeMethod::kCreate, ctx.address);
  std::vector<std::string> notes;
  {
    std::lock_guard<std::mutex> lock(mu_);
    notes = progress_notes_;
  }
  for (const std::string& note : notes) ctx.Progress(note);
  bool reports_created = false;
  bool reports_complete = false;
  Result<Value> result = failure && !failure->after_effect ? Result<Value>(failure->error) : [&] {
    std::lock_guard<std::mutex> lock(mu_);
    reports_created = reports_created_;
    reports_complete = reports_complete_;
    return CreateLocked(ctx, desired);
  }();
  if (result.ok() && reports_created) {
    Value made = {{"id", result->value("id", Value(nullptr))}};
    if (reports_complete) {
      ctx.CreatedComplete(made);
    } else {
      ctx.Created(made);
    }
  }
  if (failure && failure->after_effect) result = failure->error;
  Log("return", FakeMethod::kCreate, ctx.address);
  return result;
}

Result<std::vector<std::optional<Value>>> FakeResourceType::Read(const std::vector<ReadRequest>& requests) {
  ResourceAddress first = requests.empty() ? ResourceAddress{schema_.type, "none"} : requests[0].address;
  Log("call", FakeMethod::kRead, first);
  std::optional<Failure> failure = Enter(FakeMethod::kRead, first);
  std::vector<std::optional<Value>> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<ResourceAddress> batch;
    for (const ReadRequest& r : requests) {
      batch.push_back(r.address);
      auto it = r.prior.is_object() && r.prior.contains("id") && r.prior["id"].is_string()
                    ? cloud_.find(r.prior["id"].get<std::string>())
                    : cloud_.end();
      out.push_back(it == cloud_.end() ? std::nullopt : std::optional<Value>(Visible(it->second.attributes)));
    }
    read_batches_.push_back(std::move(batch));
  }
  Log("return", FakeMethod::kRead, first);
  if (failure) return failure->error;
  return out;
}

Result<Value> FakeResourceType::Update(const OperationContext& ctx, const Value& prior, const Value& desired) {
  Log("call", FakeMethod::kUpdate, ctx.address);
  std::optional<Failure> failure = Enter(FakeMethod::kUpdate, ctx.address);
  Result<Value> result = Status::Internal("unset");
  if (failure && !failure->after_effect) {
    result = failure->error;
  } else {
    std::lock_guard<std::mutex> lock(mu_);
    std::string id = prior.value("id", "");
    auto it = cloud_.find(id);
    if (it == cloud_.end()) {
      result = Status::NotFound(ctx.address.ToString() + ": no resource with id \"" + id + "\"");
    } else {
      result = [&]() -> Result<Value> {
        Value& attrs = it->second.attributes;
        for (const AttributeSchema& a : schema_.attributes) {
          Value want = desired.contains(a.name) ? desired[a.name] : Value(nullptr);
          if (a.computed && want.is_null()) continue;
          Value have = attrs.contains(a.name) ? attrs[a.name] : Value(nullptr);
          if (a.force_new && want != have) {
            return Status::FailedPrecondition(ctx.address.ToString() + ": attribute \"" + a.name + "\" cannot change in place");
          }
          if (want.is_null()) attrs.erase(a.name); else attrs[a.name] = want;
        }
        return attrs;
      }();
    }
  }
  if (failure && failure->after_effect) result = failure->error;
  Log("return", FakeMethod::kUpdate, ctx.address);
  return result;
}

Status FakeResourceType::Delete(const OperationContext& ctx, const Value& prior) {
  Log("call", FakeMethod::kDelete, ctx.address);
  std::optional<Failure> failure = Enter(FakeMethod::kDelete, ctx.address);
  Status status;
  if (failure && !failure->after_effect) {
    status = failure->error;
  } else {
    std::lock_guard<std::mutex> lock(mu_);
    if (ctx.allow_data_loss) ++deletes_allowing_data_loss_;
    std::string id = prior.value("id", "");
    if (cloud_.erase(id) == 0) status = Status::NotFound(ctx.address.ToString() + ": no resource with id \"" + id + "\"");
  }
  if (failure && failure->after_effect) status = failure->error;
  Log("return", FakeMethod::kDelete, ctx.address);
  return status;
}

Value FakeResourceType::last_find_desired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_find_desired_;
}

Result<std::optional<Value>> FakeResourceType::Find(const OperationContext& ctx, const Value& desired) {
  Log("call", FakeMethod::kFind, ctx.address);
  std::optional<Failure> failure = Enter(FakeMethod::kFind, ctx.address);
  std::optional<Value> found;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_find_desired_ = desired;
    for (const auto& [id, s] : cloud_) {
      if (!ctx.idempotency_token.empty() && s.token == ctx.idempotency_token) found = s.attributes;
    }
  }
  Log("return", FakeMethod::kFind, ctx.address);
  if (failure) return failure->error;
  return found;
}

void FakeResourceType::SetLatency(FakeMethod m, std::chrono::milliseconds d) {
  std::lock_guard<std::mutex> lock(mu_);
  latency_[m] = d;
}

void FakeResourceType::SetReportsCreated(bool on, bool complete) {
  std::lock_guard<std::mutex> lock(mu_);
  reports_created_ = on;
  reports_complete_ = complete;
}

void FakeResourceType::FailAddress(FakeMethod m, const ResourceAddress& address, Status error, bool after_effect) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.push_back(Failure{m, address, 0, std::move(error), after_effect});
}

void FakeResourceType::FailCall(FakeMethod m, int n, Status error, bool after_effect) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.push_back(Failure{m, std::nullopt, n, std::move(error), after_effect});
}

void FakeResourceType::ClearFailures() {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.clear();
}

void FakeResourceType::SetProgressNotes(std::vector<std::string> notes) {
  std::lock_guard<std::mutex> lock(mu_);
  progress_notes_ = std::move(notes);
}

int FakeResourceType::deletes_allowing_data_loss() const {
  std::lock_guard<std::mutex> lock(mu_);
  return deletes_allowing_data_loss_;
}

int FakeResourceType::calls(FakeMethod m) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(m);
  return it == calls_.end() ? 0 : it->second;
}

std::vector<std::vector<ResourceAddress>> FakeResourceType::read_batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return read_batches_;
}

size_t FakeResourceType::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cloud_.size();
}

std::optional<Value> FakeResourceType::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cloud_.find(id);
  if (it == cloud_.end()) return std::nullopt;
  return it->second.attributes;
}

std::optional<Value> FakeResourceType::GetByAddress(const ResourceAddress& address) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, s] : cloud_) {
    if (s.address == address) return s.attributes;
  }
  return std::nullopt;
}

std::string FakeResourceType::Seed(const ResourceAddress& address, Value attributes, std::string token) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = schema_.type + "-" + std::to_string(next_id_++);
  attributes["id"] = id;
  cloud_[id] = Stored{address, std::move(token), std::move(attributes)};
  return id;
}

void FakeResourceType::Erase(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  cloud_.erase(id);
}

void FakeResourceType::Modify(const std::string& id, const std::string& attribute, Value v) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = cloud_.find(id); it != cloud_.end()) it->second.attributes[attribute] = std::move(v);
}

}  // namespace pave
