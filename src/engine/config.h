// Config: the desired resources of a platform, after the platform layer expanded the file's
// sections. Property values may contain references "${type.name.attr}" (the whole string, or
// inside a longer string); each reference is a dependency.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "engine/address.h"
#include "core/value.h"

namespace pave {

struct ResourceConfig {
  ResourceAddress address;
  Value properties = Value::object();       // attribute name -> value (with references)
  std::vector<ResourceAddress> depends_on;  // explicit dependencies besides references
  SourceLocation location;                  // where it was declared, for errors
  // The AWS account the resource lives in: empty = the account pave runs in; else a 12-digit
  // account id or a reference to one ("${aws_organizations_account.shared.id}"), which is also
  // a dependency. The engine gives the resource the type instance bound to that account.
  std::string account;
  // The platform file section that declared it ("network", "cluster"); empty for `resources:`
  // entries. For people (pave graph groups by it); the engine does not use it.
  std::string section;
};

// A value the platform shows its users after apply (`pave outputs`): the cluster endpoint,
// the zone's name servers, database endpoints... Values may hold references, resolved against
// state when shown. Outputs never hold secrets.
struct OutputConfig {
  std::string name;         // "cluster.endpoint", "dns.name_servers"
  Value value;              // may contain "${type.name.attr}"
  std::string description;  // one line for people
};

struct Config {
  std::string platform;  // metadata.name
  std::vector<ResourceConfig> resources;
  std::vector<OutputConfig> outputs;  // in the order the sections declared them
};

// A reference found in a property value.
struct Reference {
  ResourceAddress target;
  std::string attribute;  // "id", "arn", ...
};

// Every "${type.name.attr}" in `v` (recursively through arrays and objects).
std::vector<Reference> FindReferences(const Value& v);

}  // namespace pave
