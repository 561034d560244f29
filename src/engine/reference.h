// References between resources: "${type.name.attr}" inside a property value.
//
//  - A string that is exactly one reference keeps the referenced value's JSON type:
//    "${aws_vpc.main.id}" -> "vpc-123", "${aws_db.main.port}" -> 5432.
//  - Inside a longer string a reference interpolates: strings as they are, other values as
//    their JSON text ("port ${aws_db.main.port}" -> "port 5432").
//  - "$${" is a literal "${" and never a reference.
// A reference is a dependency: the planner and the executor resolve references through a
// lookup, the planner against what the plan will make, the executor against live state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "engine/config.h"

namespace pave {

// The value of `attribute` of `target`, or nullopt when it is not known (yet).
using ReferenceLookup =
    std::function<std::optional<Value>(const ResourceAddress& target, const std::string& attribute)>;

struct Resolution {
  // `v` with every known reference replaced and "$${" unescaped. When `unknown` is not
  // empty, strings holding an unknown reference are left as written.
  Value value;
  std::vector<Reference> unknown;  // references the lookup could not answer, in order
  bool known() const { return unknown.empty(); }
};

// Resolves every reference in `v`. InvalidArgument for a malformed reference: "${" without
// "}", or anything but "type.name.attr" between them.
Result<Resolution> ResolveReferences(const Value& v, const ReferenceLookup& lookup);

// Every reference in `v`, in order, like FindReferences, but InvalidArgument for a malformed
// one instead of skipping it.
Result<std::vector<Reference>> ParseReferences(const Value& v);

// False when `v` has no "${" anywhere, so it resolves to itself (a fast path). True for
// values with references or "$${" escapes.
bool HasReferences(const Value& v);

// "${type.name.attr}"
std::string ReferenceText(const Reference& r);

}  // namespace pave
