#include "providers/builtin/attributes.h"

namespace pave {

Result<int64_t> IntInRange(const Value& desired, const std::string& name, int64_t min,
                           int64_t max) {
  auto it = desired.find(name);
  if (it == desired.end() || !it->is_number_integer()) {
    return Status::InvalidArgument(name + " must be an integer");
  }
  int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    return Status::InvalidArgument(name + " must be between " + std::to_string(min) + " and " +
                                   std::to_string(max));
  }
  return v;
}

Result<std::string> RequiredString(const Value& desired, const std::string& name) {
  auto it = desired.find(name);
  if (it == desired.end() || !it->is_string()) {
    return Status::InvalidArgument(name + " must be a string");
  }
  return it->get<std::string>();
}

Result<std::string> OptionalString(const Value& desired, const std::string& name,
                                   const std::string& fallback) {
  auto it = desired.find(name);
  if (it == desired.end() || it->is_null()) return fallback;
  if (!it->is_string()) return Status::InvalidArgument(name + " must be a string");
  return it->get<std::string>();
}

Result<bool> OptionalBool(const Value& desired, const std::string& name, bool fallback) {
  auto it = desired.find(name);
  if (it == desired.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return Status::InvalidArgument(name + " must be a boolean");
  return it->get<bool>();
}

Value KnownInputs(const ResourceSchema& schema, const Value& desired) {
  Value out = Value::object();
  for (const AttributeSchema& attr : schema.attributes) {
    if (attr.computed) continue;
    auto it = desired.find(attr.name);
    if (it != desired.end() && !it->is_null()) out[attr.name] = *it;
  }
  return out;
}

Value MergeInputs(const ResourceSchema& schema, const Value& prior, const Value& desired) {
  Value out = prior.is_object() ? prior : Value::object();
  for (const AttributeSchema& attr : schema.attributes) {
    if (attr.computed) continue;
    auto it = desired.find(attr.name);
    if (it != desired.end() && !it->is_null()) {
      out[attr.name] = *it;
    } else {
      out.erase(attr.name);
    }
  }
  return out;
}

std::vector<std::optional<Value>> PriorAsRead(const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> out;
  out.reserve(requests.size());
  for (const ReadRequest& r : requests) out.emplace_back(r.prior);
  return out;
}

void CheckIntInRange(const Value& properties, const std::string& name, int64_t min, int64_t max,
                     std::vector<PropertyProblem>* problems) {
  auto it = properties.find(name);
  if (it == properties.end() || !it->is_number_integer()) return;
  int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    problems->push_back({name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                                   ", found " + std::to_string(v)});
  }
}

}  // namespace pave
