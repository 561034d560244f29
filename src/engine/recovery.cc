#include "engine/recovery.h"

#include <algorithm>
#include <cassert>

#include "engine/reference.h"
#include "engine/secret.h"

namespace pave {

namespace {

class Recovery {
 public:
  Recovery(const Config& config, State* state, const ProviderRegistry& registry, ChangeRecorder* recorder,
           EventSink* events)
      : config_(config), state_(state), registry_(registry), recorder_(recorder), events_(events) {}

  Status Recover(const PendingOperation& op) {
    Result<ResourceType*> found = registry_.Find(op.address.type, op.account);
    if (!found.ok()) {
      return Status(found.status().code(), "pending " + std::string(OperationName(op.op)) + " of " +
                                               op.address.ToString() + ": " + found.status().message());
    }
    ResourceType* type = *found;
    switch (op.op) {
      case Operation::kCreate: return RecoverCreate(op, *type);
      case Operation::kUpdate:
      case Operation::kDelete: return RecoverExisting(op, *type);
    }
    return Status::Internal("unknown operation");
  }

  RecoveryReport report;
  // Creates whose resource was not seen on this look; the last look records them as never made.
  std::vector<PendingOperation> unseen;
  bool final_look_ = true;

 private:
  const ResourceConfig* ConfigOf(const ResourceAddress& a) const {
    auto it = std::find_if(config_.resources.begin(), config_.resources.end(),
                           [&](const ResourceConfig& r) { return r.address == a; });
    return it == config_.resources.end() ? nullptr : &*it;
  }

  // The desired properties, with references resolved as far as the state allows.
  Value Desired(const ResourceConfig* rc, const ResourceSchema& schema) const {
    if (!rc || !rc->properties.is_object()) return Value::object();
    Value props = rc->properties;
    for (const AttributeSchema& a : schema.attributes) {
      if (a.default_value && !props.contains(a.name)) props[a.name] = *a.default_value;
    }
    ReferenceLookup lookup = [this](const ResourceAddress& t, const std::string& attr) -> std::optional<Value> {
      const ResourceState* rs = state_->Find(t);
      if (!rs || !rs->attributes.contains(attr)) return std::nullopt;
      return rs->attributes[attr];
    };
    Result<Resolution> r = ResolveReferences(props, lookup);
    return r.ok() ? r->value : props;
  }

  Status RecoverCreate(const PendingOperation& op, ResourceType& type) {
    const ResourceState* known = state_->Find(op.address);
    if (known) {
      // The create had reported the resource made (ctx.Created, journaled tainted or complete)
      // before the crash: its id tells the truth, whatever the token or the edited file say.
      // (No type replaces create-first yet; one that does must keep the old object deposed
      // rather than at this address: docs/reliability.md.)
      return RecoverExisting(op, type);
    }
    const ResourceConfig* rc = ConfigOf(op.address);
    // What the create was begun with (the journal keeps it), else the file as it is now.
    Value desired = op.request.is_object() ? op.request : Desired(rc, type.schema());
    OperationContext ctx;
    ctx.address = op.address;
    ctx.platform = config_.platform;
    ctx.lineage = state_->lineage;
    ctx.idempotency_token = op.idempotency_token;
    Result<std::optional<Value>> found = type.Find(ctx, desired);
    if (!found.ok()) {
      report.errors.emplace_back(op.address, found.status());
      return Status::Ok();
    }
    if (!*found || !(*found)->is_object()) {
      if (final_look_) {
        RETURN_IF_ERROR(recorder_->Fail(op, Status::Aborted("interrupted before the resource was created")));
        ++report.not_created;
      } else {
        unseen.push_back(op);  // AWS may list it a little later: looked for again
      }
      return Status::Ok();
    }
    ResourceState rs{op.address, std::move(**found), {}};
    rs.account = op.account;
    for (const AttributeSchema& a : type.schema().attributes) {
      if (!a.secret) continue;
      if (auto d = desired.find(a.name); d != desired.end() && !d->is_null() && !HasReferences(*d)) {
        rs.attributes[a.name] = SecretFingerprint(state_->lineage, *d);
      }
    }
    rs.attributes = FingerprintSecrets(type.schema(), state_->lineage, std::move(rs.attributes));
    if (rc) {
      rs.dependencies = rc->depends_on;
      for (Reference& r : FindReferences(rc->properties)) rs.dependencies.push_back(std::move(r.target));
      std::sort(rs.dependencies.begin(), rs.dependencies.end());
      rs.dependencies.erase(std::unique(rs.dependencies.begin(), rs.dependencies.end()), rs.dependencies.end());
    }
    RETURN_IF_ERROR(recorder_->Finish(op, &rs));
    Event e;
    e.kind = EventKind::kResourceAdopted;
    e.address = op.address;
    e.action = Action::kCreate;
    const Value id = rs.attributes.value("id", Value(nullptr));
    e.message = "found " + (id.is_string() ? id.get<std::string>() : id.dump()) + ", made by an interrupted run";
    state_->Put(std::move(rs));
    ++report.adopted;
    if (events_) events_->OnEvent(e);
    return Status::Ok();
  }

  Status RecoverExisting(const PendingOperation& op, ResourceType& type) {
    const ResourceState* prior = state_->Find(op.address);
    if (!prior) {
      // Nothing known to read back: the address holds nothing pave knows of.
      RETURN_IF_ERROR(recorder_->Finish(op, nullptr));
      ++report.removed;
      return Status::Ok();
    }
    Result<std::vector<std::optional<Value>>> read = type.Read({ReadRequest{op.address, prior->attributes}});
    if (read.ok() && read->size() != 1) read = Status::Internal("provider returned no result for one resource");
    if (!read.ok()) {
      report.errors.emplace_back(op.address, read.status());
      return Status::Ok();
    }
    std::optional<Value>& now = (*read)[0];
    if (!now || !now->is_object()) {
      RETURN_IF_ERROR(recorder_->Finish(op, nullptr));
      state_->Remove(op.address);
      ++report.removed;
      return Status::Ok();
    }
    ResourceState rs{op.address, KeepSecretFingerprints(type.schema(), state_->lineage, prior->attributes, std::move(*now)),
                     prior->dependencies, prior->tainted, prior->account};
    if (!rs.attributes.contains("id")) rs.attributes["id"] = prior->attributes.value("id", Value(nullptr));
    RETURN_IF_ERROR(recorder_->Finish(op, &rs));
    state_->Put(std::move(rs));
    ++report.refreshed;
    return Status::Ok();
  }

  const Config& config_;
  State* const state_;
  const ProviderRegistry& registry_;
  ChangeRecorder* const recorder_;
  EventSink* const events_;
};

}  // namespace

Result<RecoveryReport> RecoverPending(const std::vector<PendingOperation>& pending, const Config& config, State* state,
                                      const ProviderRegistry& registry, ChangeRecorder* recorder, EventSink* events,
                                      const RecoveryOptions& options) {
  assert(recorder && "RecoverPending needs a recorder");
  Recovery recovery(config, state, registry, recorder, events);
  std::vector<PendingOperation> todo = pending;
  std::chrono::milliseconds delay = options.first_delay;
  for (int look = 1;; ++look) {
    recovery.final_look_ = look >= options.looks;
    recovery.unseen.clear();
    for (const PendingOperation& op : todo) RETURN_IF_ERROR(recovery.Recover(op));
    if (recovery.unseen.empty()) break;
    // Every create not found yet waits out one window together, not one each.
    (options.env ? options.env : DefaultEnv())->SleepFor(delay);
    delay *= 2;
    todo = std::move(recovery.unseen);
  }
  return std::move(recovery.report);
}

}  // namespace pave
