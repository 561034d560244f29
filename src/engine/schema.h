// ResourceSchema: what a resource type declares about its attributes. The planner uses it
// to tell in-place updates from replacements, to know which values appear only after
// apply, and which values are secret (never stored or shown in plaintext).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"

namespace pave {

enum class AttrType { kString, kInt, kBool, kList, kMap, kAny };

const char* AttrTypeName(AttrType t);

struct AttributeSchema {
  std::string name;
  AttrType type = AttrType::kString;
  bool required = false;  // must be set in the platform file
  bool computed = false;  // set by the provider; if also !required, optional with a cloud default
  bool force_new = false; // a change replaces the resource instead of updating it
  bool secret = false;    // stored and shown only as a fingerprint
  // Computed, and an in-place update never changes it (ARNs, endpoints, issuers): plans of an
  // update keep the prior value instead of "known after apply", so what refers to it stays put.
  bool stable = false;
  // A list whose order means nothing (subnet ids, security groups, CIDRs): plans compare it
  // as a set, so AWS returning it in another order is no change.
  bool unordered = false;
  // A version that only goes up ("1.31" -> "1.32"): the planner refuses a lower desired value
  // instead of planning an update AWS cannot make (EKS versions).
  bool monotonic = false;
  // A JSON document held in a string (IAM policies): plans compare it parsed, so key order
  // and spacing — AWS answers it normalized — are no change.
  bool json = false;
  std::string description;
  std::optional<Value> default_value;  // used when the platform file leaves it out
  // What the API accepts (attribute_constraints.h checks a known value at validate): allowed
  // values; a regex (as the API's model writes it); bounds on a string's length, a list's or
  // map's count, an integer's value. Empty / unset: no limit.
  std::vector<std::string> allowed;
  std::string pattern;
  std::optional<int64_t> min;
  std::optional<int64_t> max;

  // Optional and not computed: the user may set it, the provider never does.
  bool optional() const { return !required && !computed; }
};

struct ResourceSchema {
  std::string type;         // "aws_vpc"
  std::string description;  // one line, shown by `pave validate --explain` and docs
  std::vector<AttributeSchema> attributes;  // "id" is implied: every resource has it
  // A delete or replace loses data (database, bucket with objects, key, secret): needs
  // --allow-data-loss.
  bool holds_data = false;
  // Create the replacement before deleting the old one (names that may coexist).
  bool create_before_destroy = false;
  // Its effects live only in pave's state (random_id, random_password, time_sleep): its
  // journal records are written without a sync of their own. A crash of the process keeps
  // them (the page cache survives kill -9); the next durable record (any cloud change's
  // begin) or the save at the end syncs them with it.
  bool state_only = false;
  // How long a create usually takes; weights the critical path when ordering work.
  std::chrono::milliseconds typical_create{1000};

  const AttributeSchema* Find(const std::string& name) const;
  std::vector<std::string> AttributeNames() const;
};

}  // namespace pave
