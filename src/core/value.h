// Value: JSON-shaped data (null, bool, number, string, array, object): attribute values of
// resources, AWS call inputs and outputs. Attributes of one resource are an object by name.
#pragma once

#include <nlohmann/json.hpp>

namespace pave {

using Value = nlohmann::json;

}  // namespace pave
