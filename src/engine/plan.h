// Plan: the closed set of actions that make the cloud match the config. Produced by the
// Planner without any provider write; carried out by the Executor exactly as written.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/address.h"
#include "core/value.h"

namespace pave {

enum class Action { kNoOp, kCreate, kUpdate, kReplace, kDelete };

const char* ActionName(Action a);  // "no-op", "create", "update", "replace", "delete"

struct AttributeChange {
  std::string name;
  Value before;              // null when not set before
  Value after;               // null when unset after or unknown
  bool after_unknown = false;  // known only after apply
  bool forces_replacement = false;
  bool secret = false;       // before/after hold fingerprints, never plaintext
};

struct Change {
  ResourceAddress address;
  Action action = Action::kNoOp;
  Value prior;       // attributes from state; null for create
  // Config properties with references unresolved; the executor resolves them right before
  // the provider call, when everything they point at is known.
  // Secret attributes are not in `properties` (so a plan prints safely) but in `secrets`.
  Value properties;
  // Secret properties in plaintext (references unresolved), for the executor only: never
  // print, log or persist them. The diff shows their fingerprints.
  Value secrets = Value::object();
  std::vector<AttributeChange> diff;  // what changes; empty for no-op
  std::vector<ResourceAddress> depends_on;  // config deps for create/update/replace, state deps for delete
  std::string reason;  // why, when not obvious: "deleted outside pave", "drifted"
  // A delete or replace of a resource whose schema holds_data: what it holds is lost, and
  // apply refuses it without --allow-data-loss.
  bool destroys_data = false;
  // Set when this resource was renamed from another address (a `moved:` entry): its state
  // entry was carried over, nothing was deleted or created for the rename.
  std::optional<ResourceAddress> moved_from;
  // The config's account (ResourceConfig::account: empty, an id or a reference), for the
  // create; and the account the existing resource lives in, for its update or delete.
  std::string account;
  std::string prior_account;
};

struct Plan {
  std::string platform;
  std::string lineage;  // of the state planned against
  int64_t serial = 0;   // of the state planned against; apply refuses a moved state
  bool destroy = false;
  std::vector<Change> changes;  // sorted by address; includes no-ops

  bool HasChanges() const;
  size_t Count(Action a) const;
};

}  // namespace pave
