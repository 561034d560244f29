// The form-encoded request bodies of the ec2 and query protocols: every scalar of the input
// becomes one "Dotted.Name.N=value" pair.
//
//   query  names: locationName, else the member name. Lists: Name.member.N (the list
//          member's locationName replaces "member"); flattened lists Name.N; an empty list
//          is sent as "Name=". Maps: Name.entry.N.key / Name.entry.N.value.
//   ec2    names: queryName, else locationName with its first letter upper-cased, else the
//          member name. Lists are always Name.N; empty lists are left out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "aws/model.h"
#include "aws/protocol.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

enum class FormDialect { kEc2, kQuery };

using FormPairs = std::vector<std::pair<std::string, std::string>>;

// Appends the pairs of `input` (a structure of shape `shape`) to `out`, members in model order.
Status SerializeFormStructure(const Value& input, const Shape& shape, const std::string& prefix,
                              FormDialect dialect, FormPairs* out);

// The whole request: Action, Version, then the input; POST / with a form body.
Status SerializeFormRequest(const std::string& action, const std::string& version,
                            const Shape* input_shape, const Value& input, FormDialect dialect,
                            WireRequest* request);

}  // namespace pave::aws
