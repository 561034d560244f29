#include "cli/progress_view.h"

#include <cctype>
#include <ctime>

#include <fmt/format.h>

namespace pave::cli {
namespace {

struct Verbs {
  const char* doing;
  const char* done;
};

Verbs VerbsOf(Action a) {
  switch (a) {
    case Action::kNoOp: return {"reading", "read"};
    case Action::kCreate: return {"creating", "created"};
    case Action::kUpdate: return {"updating", "updated"};
    case Action::kReplace: return {"replacing", "replaced"};
    case Action::kDelete: return {"deleting", "deleted"};
  }
  return {"working", "done"};
}

const char* KindName(EventKind k) {
  switch (k) {
    case EventKind::kRefreshStarted: return "refresh_started";
    case EventKind::kRefreshFinished: return "refresh_finished";
    case EventKind::kChangeStarted: return "change_started";
    case EventKind::kChangeProgress: return "change_progress";
    case EventKind::kChangeSucceeded: return "change_succeeded";
    case EventKind::kChangeFailed: return "change_failed";
    case EventKind::kChangeSkipped: return "change_skipped";
    case EventKind::kResourceAdopted: return "resource_adopted";
    case EventKind::kRunFinished: return "run_finished";
  }
  return "unknown";
}

}  // namespace

std::string FormatDuration(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms >= 60000) return fmt::format("{}m{:02}s", ms / 60000, (ms / 1000) % 60);
  return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
}

std::string WithoutTimer(const std::string& note) {
  size_t comma = note.rfind(", ");
  if (comma == std::string::npos || note.size() < comma + 4 || note.back() != 's') return note;
  for (size_t i = comma + 2; i + 1 < note.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(note[i]))) return note;
  }
  return note.substr(0, comma);
}

ProgressView::ProgressView(Env* env, Printer* printer, ViewMode mode,
                           std::chrono::seconds heartbeat)
    : env_(env), printer_(printer), mode_(mode), heartbeat_(heartbeat) {
  if (mode_ != ViewMode::kJson) ticker_ = std::thread([this] { Heartbeat(); });
}

ProgressView::~ProgressView() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    ClearStatus();
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

size_t ProgressView::succeeded() const {
  std::lock_guard<std::mutex> lock(mu_);
  return succeeded_;
}

size_t ProgressView::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

void ProgressView::SetTotal(size_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  total_ = total;
}

std::ostream& ProgressView::Stream() {
  return mode_ == ViewMode::kJson ? printer_->out() : printer_->err();
}

std::string ProgressView::Counter() const {
  if (total_ == 0) return "";
  return fmt::format("[{}/{}] ", done_, total_);
}

std::string ProgressView::StatusLine() const {
  auto now = env_->MonotonicNow();
  std::string running;
  size_t shown = 0;
  for (const auto& [address, f] : in_flight_) {
    if (shown == 3) {
      running += fmt::format(" and {} more", in_flight_.size() - shown);
      break;
    }
    auto d = std::chrono::duration_cast<std::chrono::milliseconds>(now - f.started);
    running += (shown++ ? ", " : "") + address.ToString() + " " + FormatDuration(d);
  }
  std::string counter = total_ ? fmt::format("{}/{}", done_, total_) : "";
  if (running.empty()) return counter;
  return (counter.empty() ? "" : counter + " ") + "running: " + running;
}

void ProgressView::DrawStatus() {
  if (mode_ != ViewMode::kTerminal) return;
  std::string line = StatusLine();
  ClearStatus();
  if (line.empty()) return;
  Stream() << printer_->Styled(Style::kDim, line);
  Stream().flush();
  status_shown_ = true;
}

void ProgressView::ClearStatus() {
  if (!status_shown_) return;
  Stream() << "\r\x1b[K";
  Stream().flush();
  status_shown_ = false;
}

std::string ProgressView::Elapsed(std::chrono::milliseconds d) const {
  return printer_->Styled(Style::kDim, "[" + FormatDuration(d) + "]");
}

void ProgressView::PrintLine(const std::string& line) {
  ClearStatus();
  if (mode_ == ViewMode::kPlain) {
    std::time_t t = std::chrono::system_clock::to_time_t(env_->Now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
    Stream() << stamp << " ";
  }
  Stream() << line << "\n";
  Stream().flush();
}

std::vector<KeptResource> ProgressView::kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return kept_;
}

void ProgressView::OnEvent(const Event& e) {
  std::lock_guard<std::mutex> lock(mu_);
  if (e.kind == EventKind::kChangeProgress) {
    if (auto k = KeptFromNote(e.address, e.message, env_->Now())) kept_.push_back(std::move(*k));
  }
  if (mode_ == ViewMode::kJson) {
    Value j = {{"event", KindName(e.kind)}, {"elapsed_ms", e.elapsed.count()}};
    if (!e.address.type.empty()) j["address"] = e.address.ToString();
    if (e.kind != EventKind::kRefreshStarted && e.kind != EventKind::kRefreshFinished) {
      j["action"] = ActionName(e.action);
    }
    if (!e.message.empty()) j["message"] = e.message;
    if (e.count) j["count"] = e.count;
    if (!e.status.ok()) j["error"] = e.status.message();
    if (e.kind == EventKind::kChangeSucceeded) ++succeeded_;
    if (e.kind == EventKind::kChangeFailed) ++failed_;
    PrintLine(j.dump());
    return;
  }
  const std::string addr = printer_->Styled(Style::kBold, e.address.ToString());
  Verbs verbs = VerbsOf(e.action);
  auto now = env_->MonotonicNow();
  switch (e.kind) {
    case EventKind::kRefreshStarted:
      break;  // the finished line says it all; one line per type is enough
    case EventKind::kRefreshFinished:
      PrintLine(fmt::format("read {} {} resource(s) {}", e.count, e.message, Elapsed(e.elapsed)));
      break;
    case EventKind::kChangeStarted:
      in_flight_[e.address] = {e.action, now, now, ""};
      PrintLine(fmt::format("{}: {}...", addr, verbs.doing));
      break;
    case EventKind::kChangeProgress: {
      auto it = in_flight_.find(e.address);
      if (it != in_flight_.end()) it->second.note = e.message;
      break;
    }
    case EventKind::kChangeSucceeded:
      ++succeeded_;
      ++done_;
      in_flight_.erase(e.address);
      PrintLine(fmt::format("{}{}: {}{} {}", Counter(), addr, printer_->Styled(Style::kGreen, verbs.done),
                            e.message.empty() ? "" : " (" + e.message + ")", Elapsed(e.elapsed)));
      break;
    case EventKind::kChangeFailed:
      ++failed_;
      ++done_;
      in_flight_.erase(e.address);
      PrintLine(fmt::format("{}{}: {} {}: {}", Counter(), addr, printer_->Styled(Style::kRed, "failed"),
                            verbs.doing, e.status.message()));
      break;
    case EventKind::kChangeSkipped:
      ++done_;
      PrintLine(fmt::format("{}{}: {} ({})", Counter(), addr, printer_->Styled(Style::kYellow, "skipped"),
                            e.message));
      break;
    case EventKind::kResourceAdopted:
      PrintLine(fmt::format("{}: {} ({})", addr, printer_->Styled(Style::kCyan, "adopted"),
                            e.message));
      break;
    case EventKind::kRunFinished:
      PrintLine(printer_->Styled(Style::kBold, e.message));
      break;
  }
  if (e.kind != EventKind::kRunFinished) DrawStatus();
}

void ProgressView::Heartbeat() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(1));
    if (stopping_) break;
    auto now = env_->MonotonicNow();
    for (auto& [address, f] : in_flight_) {
      if (now - f.last_note < heartbeat_) continue;
      f.last_note = now;
      auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - f.started);
      std::string note = WithoutTimer(f.note);
      PrintLine(fmt::format("{}: still {}{} {}",
                            printer_->Styled(Style::kBold, address.ToString()),
                            VerbsOf(f.action).doing, note.empty() ? "" : " (" + note + ")",
                            Elapsed(elapsed)));
    }
    DrawStatus();
  }
}

}  // namespace pave::cli
