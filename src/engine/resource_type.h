// ResourceType: the interface every provider implements, one instance per resource type
// (aws_vpc, aws_subnet, ...). The engine calls it; it never prints and never decides what
// to change — it does exactly the one operation asked, and reports progress through the
// context.
//
// Contract:
//  - Attribute Values are JSON objects keyed by attribute name. Results of Create/Update/Read
//    hold every attribute in the schema that has a value, and always "id".
//  - Secret attributes arrive in plaintext in `desired`; a provider must not echo them into
//    errors or progress messages.
//  - All methods may be called concurrently from several threads (for different resources).
//  - Errors: Unavailable = transient (the caller may retry); NotFound from Update/Delete means
//    the resource is already gone.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/address.h"
#include "engine/schema.h"
#include "core/value.h"

namespace pave {

struct OperationContext {
  ResourceAddress address;
  std::string platform;  // metadata.name; providers tag with it
  // The state's lineage: providers tag with it (pave:lineage) and adopt only what carries it,
  // so two checkouts of one platform file never take over each other's resources.
  std::string lineage;
  // The state serial the apply saves (the planned state's + 1): names the run in what a
  // provider writes outside AWS (a git commit message). 0 outside an apply.
  int64_t state_serial = 0;
  // Stable for one intended create of this address: the same after a crash and restart, so
  // providers pass it as the AWS idempotency token (ClientToken) or tag it to find the
  // resource again.
  std::string idempotency_token;
  // Reports a one-line progress note ("waiting: pending, 40s"); may be empty.
  std::function<void(const std::string&)> progress;
  // True once the run is being cancelled (Ctrl-C); long waits should stop early.
  std::function<bool()> cancelled;
  // Create only: reports that the resource now exists, with what is known of it (at least
  // "id"); `complete` says whether every step of the create is done (only waiting or reading
  // back remains). The engine journals it durably before returning, so a later failure,
  // timeout, Ctrl-C or crash of the same Create leaves the resource recorded, never lost:
  // tainted (replaced by the next plan) while steps remain, clean once complete. May be empty
  // (recovery, updates). Providers call Created / CreatedComplete below.
  std::function<void(const Value& partial, bool complete)> created;
  // The run may lose data (--allow-data-loss): a Delete empties what the resource holds (a
  // bucket's objects) instead of refusing.
  bool allow_data_loss = false;

  void Progress(const std::string& note) const {
    if (progress) progress(note);
  }
  bool Cancelled() const { return cancelled && cancelled(); }
  // Right after the call that made the resource, before any other call, when further steps
  // of the create (attributes, tags, rules) remain. Calling it again with more is fine.
  void Created(const Value& partial) const {
    if (created) created(partial, false);
  }
  // Once every step is done and only a wait or the read-back remains (ReadBack does it).
  void CreatedComplete(const Value& partial) const {
    if (created) created(partial, true);
  }
};

// A property value the type (or AWS) would refuse, found at validate time.
struct PropertyProblem {
  std::string attribute;
  std::string message;  // lower case, without the value when it may be secret
};

struct ReadRequest {
  ResourceAddress address;
  Value prior;  // attributes from state; "id" is always set
};

class ResourceType {
 public:
  virtual ~ResourceType() = default;

  virtual const ResourceSchema& schema() const = 0;

  // Creates the resource; returns all its attributes including computed ones and "id".
  // A create that makes more than one call reports ctx.Created({"id": ...}) as soon as the
  // resource exists. An error that does not say the call was refused before it took effect
  // (Unavailable, DeadlineExceeded: the answer was lost) or AlreadyExists makes the engine
  // look for the resource with Find (same token) before it tries again.
  virtual Result<Value> Create(const OperationContext& ctx, const Value& desired) = 0;

  // Refreshes many resources of this type at once (batched: one API call per page, not
  // per resource). Returns one entry per request, in order; nullopt = no longer exists.
  virtual Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) = 0;

  // Changes attributes in place (only non-force_new ones differ); returns all attributes.
  virtual Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) = 0;

  virtual Status Delete(const OperationContext& ctx, const Value& prior) = 0;

  // After a crash between a create call and the record of its result: finds the resource that
  // call may have made (by ctx.idempotency_token or tags). nullopt when there is none.
  virtual Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) {
    (void)ctx;
    (void)desired;
    return std::optional<Value>();
  }

  // What this type (or AWS) would refuse in a config's properties — numbers out of range,
  // malformed durations — checked when the platform file loads, before any call. Values that
  // hold references ("${...}") are unknown until apply and left out. None by default.
  virtual std::vector<PropertyProblem> CheckProperties(const Value& properties) const {
    (void)properties;
    return {};
  }
};

// All resource types known to a run, by type name. Not thread-safe to mutate; fill it before
// planning, then share it read-only.
//
// Accounts and regions: the registry's own types act in the account and region pave runs in.
// Resources that live elsewhere (ResourceConfig::account, a Placement: another account, another
// region, or both) are given the instance of their type that the account source returns: the
// same schema, a client with credentials for that account, signing for that region.
class ProviderRegistry {
 public:
  // The registry whose types act at `placement` ("ACCOUNT", "@REGION" or "ACCOUNT@REGION":
  // engine/state.h). Called from several threads; must return the same registry for the same
  // placement, and may take time (it assumes a role).
  using AccountSource = std::function<Result<const ProviderRegistry*>(const std::string& placement)>;

  void Register(std::unique_ptr<ResourceType> type);
  // The type as the planner and validation see it (schemas); its calls act in the account
  // pave runs in.
  ResourceType* Find(const std::string& type) const;
  // The instance of `type` that acts at `account`, a placement (empty: the account and region
  // pave runs in).
  // NotFound for an unknown type; FailedPrecondition when no account source is set.
  Result<ResourceType*> Find(const std::string& type, const std::string& account) const;
  std::vector<std::string> TypeNames() const;  // sorted

  void set_account_source(AccountSource source) { accounts_ = std::move(source); }

 private:
  std::vector<std::unique_ptr<ResourceType>> types_;
  AccountSource accounts_;
};

}  // namespace pave
