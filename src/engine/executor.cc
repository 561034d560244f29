#include "engine/executor.h"

#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>

#include "core/hash.h"
#include "core/progress_note.h"
#include "engine/apply_graph.h"
#include "engine/reference.h"
#include "engine/secret.h"

namespace pave {

namespace {

enum class OpState { kWaiting, kRunning, kSucceeded, kFailed, kSkipped };

// A create's desired properties as the journal keeps them: secret attributes left out.
Value WithoutSecrets(const ResourceSchema& schema, const Value& desired) {
  if (!desired.is_object()) return Value(nullptr);
  Value out = desired;
  for (const AttributeSchema& a : schema.attributes) {
    if (a.secret) out.erase(a.name);
  }
  return out;
}

struct Ready {
  int64_t priority;
  Graph::Node node;
  // Longest remaining chain first; among equals, plan (address) order.
  bool operator<(const Ready& o) const { return priority != o.priority ? priority < o.priority : node > o.node; }
};

class Executor {
 public:
  Executor(const Plan& plan, State* state, const ProviderRegistry& registry, const ApplyOptions& options)
      : plan_(plan), state_(state), registry_(registry), options_(options),
        env_(options.env ? options.env : DefaultEnv()),
        lineage_(options.lineage.empty() ? state->lineage : options.lineage) {}

  ApplyResult Run();

 private:
  void Worker();
  Status RunOperation(Graph::Node n);
  Result<std::optional<ResourceState>> Call(ResourceType& type, const PlannedOperation& op, const OperationContext& ctx,
                                            const PendingOperation& pending, const Value& desired, const Value& prior,
                                            const std::optional<ResourceState>& made);
  // ctx.Created: merges `partial` into *made (tainted unless `complete`) and journals it.
  Status NoteCreated(const Change& change, const ResourceSchema& schema, const PendingOperation& pending,
                     const Value& desired, const Value& partial, bool complete, std::optional<ResourceState>* made);
  // Create with safe retries: after an answer that may hide a made resource (lost answer,
  // AlreadyExists) it looks with Find before it tries again, and never retries once the
  // provider reported the resource made.
  Result<Value> CreateSafely(ResourceType& type, const OperationContext& ctx, const Value& desired,
                             const std::optional<ResourceState>& made);
  Result<std::optional<Value>> FindPatiently(ResourceType& type, const OperationContext& ctx, const Value& desired);
  // A create failed after the provider reported the resource made: record it tainted.
  Status RecordTainted(const PendingOperation& pending, ResourceState partial, const Status& failed);
  Status RecordResult(const PlannedOperation& op, const PendingOperation& pending, const Value& desired,
                      std::optional<ResourceState> result);
  Result<Value> Desired(const Change& change, const ResourceSchema& schema);
  // The account the operation acts in: where the resource lives (update, delete), or where
  // the config puts it (create), its reference resolved against live state.
  Result<std::string> AccountOf(const PlannedOperation& op);
  std::optional<Value> LookupLocked(const ResourceAddress& target, const std::string& attribute, int depth);
  Value Prior(const PlannedOperation& op);
  Result<std::string> Token(const ResourceAddress& address);
  ResourceState ResultState(const Change& change, const ResourceSchema& schema, const PendingOperation& pending,
                            const Value& desired, Value result) const;
  Status Record(const std::function<Status()>& call);
  // Marks `n` done; returns how many operations became ready.
  size_t Complete(Graph::Node n, const Status& status, std::vector<Event>* events);
  bool CreateBeforeDestroyDelete(const PlannedOperation& op) const {
    return op.replace_part && op.op == Operation::kDelete && g_.create_before_destroy[op.change];
  }
  bool CreateBeforeDestroyCreate(const PlannedOperation& op) const {
    return op.replace_part && op.op == Operation::kCreate && g_.create_before_destroy[op.change];
  }
  // Before the create of a replace done create-first: the old instance moves to a deposed
  // address (one journal record), so that a crash between the create and the delete leaves
  // both known. Returns where it went (nullopt when the state held nothing there).
  Result<std::optional<ResourceAddress>> Depose(size_t change, const std::string& token);
  // The address the operation acts on: a create-first replace's delete acts on the deposed
  // old instance.
  ResourceAddress Target(const PlannedOperation& op);
  Event MakeEvent(EventKind kind, const PlannedOperation& op) const;
  void Emit(const Event& e) const {
    if (options_.events) options_.events->OnEvent(e);
  }
  ApplyResult Summarize();

  const Plan& plan_;
  State* const state_;  // guarded by mu_ while workers run
  const ProviderRegistry& registry_;
  const ApplyOptions& options_;
  Env* const env_;
  const std::string lineage_;
  ApplyGraph g_;                                               // read-only while workers run
  std::unordered_map<ResourceAddress, size_t> change_index_;   // read-only while workers run

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<OpState> op_state_;                        // guarded by mu_
  std::vector<size_t> waiting_;                          // guarded by mu_: unfinished dependencies
  std::vector<Status> op_error_;                         // guarded by mu_
  std::vector<bool> skip_reported_;                      // guarded by mu_: by change
  std::vector<std::optional<ResourceAddress>> deposed_;  // guarded by mu_: by change
  std::priority_queue<Ready> ready_;                     // guarded by mu_
  size_t running_ = 0;                                   // guarded by mu_
  bool stop_ = false;                                    // guarded by mu_
  bool cancelled_ = false;                               // guarded by mu_
  std::unordered_map<ResourceAddress, Value> secrets_;   // guarded by mu_: plaintext made this run
  std::mutex recorder_mu_;                               // one recorder call at a time
};

ApplyResult Executor::Run() {
  ApplyResult result;
  if (plan_.lineage != state_->lineage || plan_.serial != state_->serial) {
    result.errors.emplace_back(ResourceAddress{}, Status::Aborted("the state changed since the plan was made (serial " +
                                                                  std::to_string(plan_.serial) + " -> " +
                                                                  std::to_string(state_->serial) + "); plan again"));
    return result;
  }
  Result<ApplyGraph> graph = BuildApplyGraph(plan_, *state_, registry_);
  if (!graph.ok()) {
    result.errors.emplace_back(ResourceAddress{}, graph.status().WithContext("cannot order the plan"));
    return result;
  }
  g_ = std::move(*graph);
  for (size_t i = 0; i < plan_.changes.size(); ++i) change_index_.emplace(plan_.changes[i].address, i);
  size_t n = g_.ops.size();
  op_state_.assign(n, OpState::kWaiting);
  op_error_.assign(n, Status::Ok());
  skip_reported_.assign(plan_.changes.size(), false);
  deposed_.assign(plan_.changes.size(), std::nullopt);
  waiting_.resize(n);
  for (Graph::Node i = 0; i < n; ++i) {
    waiting_[i] = g_.graph.dependencies(i).size();
    if (waiting_[i] == 0) ready_.push(Ready{g_.priority[i], i});
  }
  size_t threads = std::min(n, static_cast<size_t>(std::max(1, options_.parallelism)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back([this] { Worker(); });
  if (threads > 0) Worker();
  for (std::thread& t : pool) t.join();
  return Summarize();
}

void Executor::Worker() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !ready_.empty() || running_ == 0; });
    if (stop_ || ready_.empty()) return;
    lock.unlock();
    bool cancel = options_.cancelled && options_.cancelled();
    lock.lock();
    if (cancel) {
      stop_ = cancelled_ = true;
      cv_.notify_all();
      return;
    }
    if (ready_.empty()) continue;
    Graph::Node n = ready_.top().node;
    ready_.pop();
    op_state_[n] = OpState::kRunning;
    ++running_;
    lock.unlock();

    auto start = env_->MonotonicNow();
    Status status = RunOperation(n);
    Event done = MakeEvent(status.ok() ? EventKind::kChangeSucceeded : EventKind::kChangeFailed, g_.ops[n]);
    done.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(env_->MonotonicNow() - start);
    done.status = status;
    Emit(done);

    std::vector<Event> events;
    lock.lock();
    --running_;
    size_t newly_ready = Complete(n, status, &events);
    if (ready_.empty() && running_ == 0) {
      cv_.notify_all();  // nothing more will become ready: everyone leaves
    } else {
      // This worker takes one of the new operations itself; wake one sleeper for each other.
      for (size_t i = 1; i < newly_ready; ++i) cv_.notify_one();
    }
    lock.unlock();
    for (const Event& e : events) Emit(e);
    lock.lock();
  }
}

Status Executor::RunOperation(Graph::Node n) {
  const PlannedOperation& op = g_.ops[n];
  const Change& change = plan_.changes[op.change];
  ASSIGN_OR_RETURN(std::string account, AccountOf(op));
  Result<ResourceType*> found = registry_.Find(change.address.type, account);
  if (!found.ok()) return found.status().WithContext(account.empty() ? "" : "in " + PlacementLabel(account));
  ResourceType* type = *found;
  Value desired;
  if (op.op != Operation::kDelete) {
    ASSIGN_OR_RETURN(desired, Desired(change, type->schema()));
  }
  Value prior = op.op == Operation::kCreate ? Value(nullptr) : Prior(op);
  ASSIGN_OR_RETURN(std::string token, Token(change.address));
  std::optional<ResourceAddress> deposed;
  if (CreateBeforeDestroyCreate(op)) {
    ASSIGN_OR_RETURN(deposed, Depose(op.change, token));
  }
  PendingOperation pending{Target(op), op.op, token};
  pending.account = account;
  if (op.op == Operation::kCreate) pending.request = WithoutSecrets(type->schema(), desired);
  pending.durable = !type->schema().state_only;
  RETURN_IF_ERROR(Record([&] { return options_.recorder->Begin(pending); }).WithContext("recording the start"));
  Emit(MakeEvent(EventKind::kChangeStarted, op));

  auto start = env_->MonotonicNow();
  OperationContext ctx;
  ctx.address = change.address;
  ctx.platform = options_.platform;
  ctx.lineage = lineage_;  // the state's (Apply refuses a plan of another lineage)
  ctx.state_serial = plan_.serial + 1;
  ctx.idempotency_token = token;
  ctx.progress = [this, &op, start](const std::string& note) {
    Event e = MakeEvent(EventKind::kChangeProgress, op);
    e.message = note;
    e.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(env_->MonotonicNow() - start);
    Emit(e);
  };
  ctx.cancelled = options_.cancelled;
  ctx.allow_data_loss = options_.allow_data_loss;
  std::optional<ResourceState> made;  // what the provider reported made (create only)
  Status made_recorded = Status::Ok();
  if (op.op == Operation::kCreate) {
    ctx.created = [&](const Value& partial, bool complete) {
      Status s = NoteCreated(change, type->schema(), pending, desired, partial, complete, &made);
      if (made_recorded.ok()) made_recorded = s;
    };
  }
  // Notes from deep inside the call (the AWS client waiting out throttling) reach the view.
  ScopedProgressNote notes(&ctx.progress);
  Result<std::optional<ResourceState>> result = Call(*type, op, ctx, pending, desired, prior, made);
  if (!result.ok() && !made && deposed) {
    // Nothing was made: the old instance is the resource again.
    Status restored = Record([&] { return options_.recorder->Move(*deposed, change.address); });
    std::lock_guard<std::mutex> lock(mu_);
    if (restored.ok()) {
      state_->Move(*deposed, change.address);
      deposed_[op.change].reset();
    }
  }
  Status status = Status::Ok();
  if (!result.ok() && made) {
    status = RecordTainted(pending, std::move(*made), result.status());
  } else if (!result.ok()) {
    status = result.status();
    Status recorded = Record([&] { return options_.recorder->Fail(pending, status); });
    if (!recorded.ok()) return status.WithContext("(recording the failure also failed: " + recorded.message() + ")");
  } else {
    status = RecordResult(op, pending, desired, std::move(*result));
  }
  if (status.ok() && !made_recorded.ok()) return made_recorded.WithContext("recording the made resource");
  return status;
}

Result<std::optional<ResourceAddress>> Executor::Depose(size_t index, const std::string& token) {
  const Change& change = plan_.changes[index];
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!state_->Find(change.address)) return std::optional<ResourceAddress>();
  }
  ResourceAddress to = ResourceAddress::Deposed(change.address, token.substr(0, 8));
  RETURN_IF_ERROR(Record([&] { return options_.recorder->Move(change.address, to); })
                      .WithContext("recording the old instance as deposed"));
  std::lock_guard<std::mutex> lock(mu_);
  state_->Move(change.address, to);
  deposed_[index] = to;
  return std::optional<ResourceAddress>(to);
}

ResourceAddress Executor::Target(const PlannedOperation& op) {
  const Change& change = plan_.changes[op.change];
  if (!CreateBeforeDestroyDelete(op)) return change.address;
  std::lock_guard<std::mutex> lock(mu_);
  return deposed_[op.change] ? *deposed_[op.change] : change.address;
}

Status Executor::NoteCreated(const Change& change, const ResourceSchema& schema, const PendingOperation& pending,
                             const Value& desired, const Value& partial, bool complete,
                             std::optional<ResourceState>* made) {
  if (!partial.is_object() || !partial.contains("id")) return Status::Ok();
  Value attrs = *made ? (*made)->attributes : Value::object();
  for (auto it = partial.begin(); it != partial.end(); ++it) attrs[it.key()] = it.value();
  *made = ResultState(change, schema, pending, desired, std::move(attrs));
  (*made)->tainted = complete ? "" : "its create did not finish";
  return Record([&] { return options_.recorder->Created(pending, **made); });
}

Result<std::optional<ResourceState>> Executor::Call(ResourceType& type, const PlannedOperation& op,
                                                    const OperationContext& ctx, const PendingOperation& pending,
                                                    const Value& desired,
                                                    const Value& prior, const std::optional<ResourceState>& made) {
  const Change& change = plan_.changes[op.change];
  switch (op.op) {
    case Operation::kCreate: {
      ASSIGN_OR_RETURN(Value v, CreateSafely(type, ctx, desired, made));
      if (!v.is_object()) return Status::Internal("provider returned " + std::string(v.type_name()) + " for a create");
      return std::optional<ResourceState>(ResultState(change, type.schema(), pending, desired, std::move(v)));
    }
    case Operation::kUpdate: {
      ASSIGN_OR_RETURN(Value v, type.Update(ctx, prior, desired));
      if (!v.is_object()) return Status::Internal("provider returned " + std::string(v.type_name()) + " for an update");
      return std::optional<ResourceState>(ResultState(change, type.schema(), pending, desired, std::move(v)));
    }
    case Operation::kDelete: {
      Status s = type.Delete(ctx, prior);
      if (!s.ok() && s.code() != StatusCode::kNotFound) return s;  // NotFound: already gone
      return std::optional<ResourceState>();
    }
  }
  return Status::Internal("unknown operation");
}

bool OutcomeUnknown(const Status& s) {
  switch (s.code()) {
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
    case StatusCode::kAlreadyExists:
      return true;
    default:
      return false;
  }
}

Result<Value> Executor::CreateSafely(ResourceType& type, const OperationContext& ctx, const Value& desired,
                                     const std::optional<ResourceState>& made) {
  // As many as the AWS client gives other transient errors (src/aws/retry.h): every attempt
  // after a lost answer follows a look that found nothing, so it cannot make a second one.
  // (Three left one create in ~3,000 failing at 7% lost answers and resets.)
  constexpr int kAttempts = 8;
  for (int attempt = 1;; ++attempt) {
    Result<Value> created = type.Create(ctx, desired);
    if (created.ok() || made || !OutcomeUnknown(created.status()) || ctx.Cancelled()) return created;
    ctx.Progress("create answered \"" + created.status().message() + "\"; looking for what it may have made");
    Result<std::optional<Value>> found = FindPatiently(type, ctx, desired);
    if (found.ok() && *found && (*found)->is_object()) {
      // What the lost call made may lack the create's later steps (attributes, rules, tags):
      // recorded tainted at once, then made as desired by an update from what it is.
      ctx.Progress("found the resource the create made; adopting it");
      ctx.Created(**found);
      return type.Update(ctx, **found, desired);
    }
    if (!found.ok()) {
      return Status(created.status().code(),
                    created.status().message() + "; looking for the resource failed: " + found.status().message());
    }
    if (created.status().code() == StatusCode::kAlreadyExists) {
      return Status(StatusCode::kAlreadyExists, created.status().message() +
                                                    "; no resource of this address (pave:token or address tag) "
                                                    "was found: something else holds the name");
    }
    if (attempt >= kAttempts) return created;
  }
}

// AWS lists a new resource a little after it made it: look a few times over ~6 s.
Result<std::optional<Value>> Executor::FindPatiently(ResourceType& type, const OperationContext& ctx,
                                                     const Value& desired) {
  std::chrono::milliseconds delay(500);
  for (int look = 1;; ++look) {
    Result<std::optional<Value>> found = type.Find(ctx, desired);
    bool transient = !found.ok() && found.status().code() == StatusCode::kUnavailable;
    if ((found.ok() && *found) || (!found.ok() && !transient) || look >= 4 || ctx.Cancelled()) return found;
    env_->SleepFor(delay);
    delay *= 2;
  }
}

Status Executor::RecordTainted(const PendingOperation& pending, ResourceState partial, const Status& failed) {
  const Value id = partial.attributes.value("id", Value(nullptr));
  const std::string made = "; the resource exists (" + (id.is_string() ? id.get<std::string>() : id.dump()) + ")";
  Status out;
  if (partial.tainted.empty()) {
    // Every step of the create was done; only a wait or the read-back failed.
    out = Status(failed.code(), failed.message() + made + " and is recorded: the next plan reads it back");
  } else {
    partial.tainted = "its create failed after it was made: " + failed.message();
    out = Status(failed.code(), failed.message() + made + " and is recorded as tainted: the next apply replaces it");
  }
  Status recorded = Record([&] { return options_.recorder->Finish(pending, &partial); });
  {
    std::lock_guard<std::mutex> lock(mu_);
    state_->Put(std::move(partial));
  }
  if (!recorded.ok()) return out.WithContext("(recording it also failed: " + recorded.message() + ")");
  return out;
}

Status Executor::RecordResult(const PlannedOperation& op, const PendingOperation& pending, const Value& desired,
                              std::optional<ResourceState> result) {
  const Change& change = plan_.changes[op.change];
  if (CreateBeforeDestroyDelete(op) && pending.address == change.address) {
    // (No deposed instance: the state held nothing to depose.) The address holds the new one.
    std::lock_guard<std::mutex> lock(mu_);
    if (const ResourceState* now = state_->Find(change.address)) result = *now;
  }
  Status recorded = Record([&] { return options_.recorder->Finish(pending, result ? &*result : nullptr); });
  std::lock_guard<std::mutex> lock(mu_);
  if (result) {
    const ResourceType* type = registry_.Find(change.address.type);
    Value plain = Value::object();
    for (const AttributeSchema& a : type->schema().attributes) {
      if (a.secret && desired.contains(a.name)) plain[a.name] = desired[a.name];
    }
    if (plain.empty()) {
      secrets_.erase(change.address);
    } else {
      secrets_[change.address] = std::move(plain);
    }
    state_->Put(std::move(*result));
  } else {
    state_->Remove(pending.address);
    if (pending.address == change.address) secrets_.erase(change.address);
  }
  return recorded.WithContext("recording the result");
}

Status Executor::Record(const std::function<Status()>& call) {
  if (!options_.recorder) return Status::Ok();
  std::lock_guard<std::mutex> lock(recorder_mu_);
  return call();
}

Result<std::string> Executor::AccountOf(const PlannedOperation& op) {
  const Change& change = plan_.changes[op.change];
  if (op.op != Operation::kCreate) return change.prior_account;
  if (!HasReferences(Value(change.account))) return change.account;
  std::lock_guard<std::mutex> lock(mu_);
  ReferenceLookup lookup = [this](const ResourceAddress& t, const std::string& a) { return LookupLocked(t, a, 0); };
  ASSIGN_OR_RETURN(Resolution r, ResolveReferences(Value(change.account), lookup));
  if (!r.known() || !r.value.is_string() || !IsResolvedPlacement(r.value.get<std::string>()) ||
      SplitPlacement(r.value.get<std::string>()).account.empty()) {
    return Status::FailedPrecondition("account " + change.account + " is not known (got " + r.value.dump() + ")");
  }
  return r.value.get<std::string>();
}

Result<Value> Executor::Desired(const Change& change, const ResourceSchema& schema) {
  Value props = change.properties.is_object() ? change.properties : Value::object();
  if (change.secrets.is_object()) {
    for (auto it = change.secrets.begin(); it != change.secrets.end(); ++it) props[it.key()] = it.value();
  }
  for (const AttributeSchema& a : schema.attributes) {
    if (a.default_value && !a.default_value->is_null() && (!props.contains(a.name) || props[a.name].is_null())) {
      props[a.name] = *a.default_value;
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  ReferenceLookup lookup = [this](const ResourceAddress& t, const std::string& a) { return LookupLocked(t, a, 0); };
  ASSIGN_OR_RETURN(Resolution r, ResolveReferences(props, lookup));
  if (!r.known()) {
    return Status::FailedPrecondition("reference " + ReferenceText(r.unknown[0]) + " has no value");
  }
  return std::move(r.value);
}

std::optional<Value> Executor::LookupLocked(const ResourceAddress& target, const std::string& attribute, int depth) {
  const ResourceType* type = registry_.Find(target.type);
  const AttributeSchema* attr = type ? type->schema().Find(attribute) : nullptr;
  if (attr && attr->secret) {
    // State holds only fingerprints: take the plaintext made this run, or the plan's value.
    if (auto it = secrets_.find(target); it != secrets_.end() && it->second.contains(attribute)) {
      return it->second[attribute];
    }
    auto c = change_index_.find(target);
    if (c == change_index_.end() || depth > 8) return std::nullopt;
    const Change& change = plan_.changes[c->second];
    const Value& holder = change.secrets.contains(attribute) ? change.secrets : change.properties;
    if (!holder.is_object() || !holder.contains(attribute)) return std::nullopt;
    ReferenceLookup deeper = [this, depth](const ResourceAddress& t, const std::string& a) {
      return LookupLocked(t, a, depth + 1);
    };
    Result<Resolution> r = ResolveReferences(holder[attribute], deeper);
    if (!r.ok() || !r->known()) return std::nullopt;
    return std::move(r->value);
  }
  const ResourceState* rs = state_->Find(target);
  if (!rs) return std::nullopt;
  auto it = rs->attributes.find(attribute);
  if (it == rs->attributes.end()) return attribute == "id" ? std::nullopt : std::optional<Value>(Value(nullptr));
  return *it;
}

Value Executor::Prior(const PlannedOperation& op) {
  const Change& change = plan_.changes[op.change];
  ResourceAddress target = Target(op);
  if (CreateBeforeDestroyDelete(op) && target == change.address) return change.prior;  // the new instance is there
  std::lock_guard<std::mutex> lock(mu_);
  const ResourceState* rs = state_->Find(target);
  return rs ? rs->attributes : change.prior;
}

Result<std::string> Executor::Token(const ResourceAddress& address) {
  if (options_.make_token) return options_.make_token(address);
  unsigned char bytes[16];
  RETURN_IF_ERROR(env_->RandomBytes(bytes, sizeof bytes));
  return HexEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

ResourceState Executor::ResultState(const Change& change, const ResourceSchema& schema,
                                    const PendingOperation& pending, const Value& desired, Value result) const {
  ResourceState rs{change.address, std::move(result), change.depends_on};
  rs.account = pending.account;
  for (const AttributeSchema& a : schema.attributes) {
    if (!a.secret) continue;
    if (auto d = desired.find(a.name); d != desired.end() && !d->is_null()) {
      rs.attributes[a.name] = SecretFingerprint(lineage_, *d);
    } else if (auto r = rs.attributes.find(a.name); r != rs.attributes.end() && !r->is_null()) {
      *r = SecretFingerprint(lineage_, *r);
    }
  }
  return rs;
}

size_t Executor::Complete(Graph::Node n, const Status& status, std::vector<Event>* events) {
  if (status.ok()) {
    op_state_[n] = OpState::kSucceeded;
    size_t newly_ready = 0;
    for (Graph::Node d : g_.graph.dependents(n)) {
      if (--waiting_[d] == 0 && op_state_[d] == OpState::kWaiting) {
        ready_.push(Ready{g_.priority[d], d});
        ++newly_ready;
      }
    }
    return newly_ready;
  }
  op_state_[n] = OpState::kFailed;
  op_error_[n] = status;
  const Change& failed = plan_.changes[g_.ops[n].change];
  std::vector<Graph::Node> todo(g_.graph.dependents(n).begin(), g_.graph.dependents(n).end());
  while (!todo.empty()) {
    Graph::Node d = todo.back();
    todo.pop_back();
    if (op_state_[d] != OpState::kWaiting) continue;
    op_state_[d] = OpState::kSkipped;
    size_t c = g_.ops[d].change;
    if (plan_.changes[c].address != failed.address && !skip_reported_[c]) {
      skip_reported_[c] = true;
      Event e = MakeEvent(EventKind::kChangeSkipped, g_.ops[d]);
      e.message = "depends on " + failed.address.ToString() + ", which failed";
      events->push_back(std::move(e));
    }
    for (Graph::Node dd : g_.graph.dependents(d)) todo.push_back(dd);
  }
  return 0;
}

Event Executor::MakeEvent(EventKind kind, const PlannedOperation& op) const {
  Event e;
  e.kind = kind;
  e.address = plan_.changes[op.change].address;
  e.action = plan_.changes[op.change].action;
  if (op.replace_part) e.message = OperationName(op.op);
  return e;
}

ApplyResult Executor::Summarize() {
  ApplyResult result;
  std::lock_guard<std::mutex> lock(mu_);
  result.cancelled = cancelled_;
  std::vector<std::vector<Graph::Node>> by_change(plan_.changes.size());
  for (Graph::Node n = 0; n < g_.ops.size(); ++n) by_change[g_.ops[n].change].push_back(n);
  for (size_t c = 0; c < plan_.changes.size(); ++c) {
    if (by_change[c].empty()) continue;
    const Status* error = nullptr;
    bool all_done = true;
    for (Graph::Node n : by_change[c]) {
      if (op_state_[n] == OpState::kFailed && !error) error = &op_error_[n];
      all_done = all_done && op_state_[n] == OpState::kSucceeded;
    }
    if (error) {
      ++result.failed;
      result.errors.emplace_back(plan_.changes[c].address, *error);
    } else if (all_done) {
      ++result.succeeded;
    } else {
      ++result.skipped;
      if (cancelled_ && !skip_reported_[c]) {
        Event e = MakeEvent(EventKind::kChangeSkipped, g_.ops[by_change[c][0]]);
        e.message = "run cancelled";
        Emit(e);
      }
    }
  }
  return result;
}

std::string Summary(const Plan& plan, const ApplyResult& r) {
  std::string s = std::string(plan.destroy ? "destroy" : "apply") + (r.cancelled ? " cancelled: " : " finished: ") +
                  std::to_string(r.succeeded) + " succeeded, " + std::to_string(r.failed) + " failed, " +
                  std::to_string(r.skipped) + " skipped";
  for (const auto& [address, status] : r.errors) {
    if (address.type.empty()) s += "; " + status.message();
  }
  return s;
}

}  // namespace

ApplyResult Apply(const Plan& plan, State* state, const ProviderRegistry& registry, const ApplyOptions& options) {
  ApplyResult result = Executor(plan, state, registry, options).Run();
  if (options.events) {
    Event e;
    e.kind = EventKind::kRunFinished;
    e.message = Summary(plan, result);
    e.count = result.succeeded;
    if (!result.errors.empty()) {
      e.status = result.errors.front().second;
    } else if (result.cancelled) {
      e.status = Status::Cancelled(e.message);
    }
    options.events->OnEvent(e);
  }
  return result;
}

}  // namespace pave
