// The API's limits for the hand-written AWS types (those not yet run from a spec): a table of
// which API member each attribute is sent as, so validate checks their values against the
// botocore model's enum, pattern and min/max exactly as it does for a spec's attributes
// (spec_constraints.h). The table is data; member_limits_test holds it against the models.
#pragma once

#include <string>
#include <vector>

#include "aws/model_registry.h"
#include "engine/schema.h"

namespace pave::aws_provider {

// Attribute `attribute` of a type is sent as `member` (dotted; a step through a list goes to
// its member) of `operation`'s input.
struct AttributeMember {
  std::string attribute;
  std::string operation;
  std::string member;
};

struct TypeMembers {
  std::string type;     // "aws_eks_node_group"
  std::string service;  // botocore service name ("eks")
  std::vector<AttributeMember> members;
};

// Every hand-written type with attributes the models constrain.
const std::vector<TypeMembers>& HandWrittenTypeMembers();

// Sets the attribute's allowed/pattern/min/max from `shape` when the shape's type fits the
// attribute's (a string as a string, an integer as an integer or long, a list as a list, a
// map as a map); false when it does not fit.
bool ApplyShapeLimits(const aws::Shape& shape, AttributeSchema* attr);

// Adds the limits of `schema.type`'s entry in HandWrittenTypeMembers(), if any.
void AddHandWrittenLimits(const aws::ModelRegistry& models, ResourceSchema* schema);

// What of `t` the models do not have: "<operation> <member>: ..." lines; empty when all resolve.
std::vector<std::string> CheckTypeMembers(const TypeMembers& t, const aws::ModelRegistry& models);

}  // namespace pave::aws_provider
