// ValidateInput (protocol.h): the caller's input against the operation's input shape, so that
// mistakes are reported with a path before anything is sent.
#include <string>

#include "aws/protocol.h"
#include "aws/protocol_encoding.h"
#include "core/diagnostic.h"
#include "core/hash.h"

namespace pave::aws {

namespace {

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string Got(const Value& v) { return std::string(v.type_name()); }

Status Mismatch(const std::string& path, const char* want, const Value& v) {
  return Status::InvalidArgument(path + ": expected " + want + ", got " + Got(v));
}

Status CheckValue(const Value& v, const Shape& shape, const std::string& path);

Status CheckStructure(const Value& v, const Shape& shape, const std::string& path) {
  if (!v.is_object()) return Mismatch(path.empty() ? "input" : path, "an object", v);
  int set = 0;
  for (const auto& [key, item] : v.items()) {
    const Member* m = shape.FindMember(key);
    if (m == nullptr) {
      std::vector<std::string> names;
      for (const Member& mm : shape.members) names.push_back(mm.name);
      std::string message = "unknown parameter \"" + Join(path, key) + "\"";
      std::string close = ClosestMatch(key, names);
      if (!close.empty()) message += " (did you mean \"" + close + "\"?)";
      return Status::InvalidArgument(message);
    }
    if (item.is_null()) continue;
    ++set;
    RETURN_IF_ERROR(CheckValue(item, *m->ref.shape, Join(path, key)));
  }
  for (const std::string& name : shape.required) {
    auto it = v.find(name);
    if (it == v.end() || it->is_null()) {
      return Status::InvalidArgument("missing required parameter \"" + Join(path, name) + "\"");
    }
  }
  if (shape.is_union && set != 1) {
    return Status::InvalidArgument((path.empty() ? std::string("input") : path) +
                                   ": exactly one member must be set, got " + std::to_string(set));
  }
  return Status::Ok();
}

Status CheckValue(const Value& v, const Shape& shape, const std::string& path) {
  if (shape.document) return Status::Ok();
  switch (shape.type) {
    case ShapeType::kStructure:
      return CheckStructure(v, shape, path);
    case ShapeType::kList: {
      if (!v.is_array()) return Mismatch(path, "a list", v);
      for (size_t i = 0; i < v.size(); ++i) {
        RETURN_IF_ERROR(
            CheckValue(v[i], *shape.member.shape, path + "[" + std::to_string(i) + "]"));
      }
      return Status::Ok();
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return Mismatch(path, "a map (JSON object)", v);
      for (const auto& [key, item] : v.items()) {
        RETURN_IF_ERROR(CheckValue(item, *shape.value.shape, path + "[\"" + key + "\"]"));
      }
      return Status::Ok();
    }
    case ShapeType::kString:
      return v.is_string() ? Status::Ok() : Mismatch(path, "a string", v);
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return v.is_number_integer() ? Status::Ok() : Mismatch(path, "an integer", v);
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return v.is_number() ? Status::Ok() : Mismatch(path, "a number", v);
    case ShapeType::kBoolean:
      return v.is_boolean() ? Status::Ok() : Mismatch(path, "true or false", v);
    case ShapeType::kTimestamp: {
      auto t = ParseTimestampValue(v);
      return t.ok() ? Status::Ok() : t.status().WithContext(path);
    }
    case ShapeType::kBlob: {
      std::string bytes;
      if (!v.is_string()) return Mismatch(path, "a base64 string", v);
      if (!Base64Decode(v.get_ref<const std::string&>(), &bytes)) {
        return Status::InvalidArgument(path + ": blobs are base64 text; this is not base64");
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateInput(const ServiceModel& model, const Operation& op, const Value& input) {
  std::string where = model.name() + " " + op.name;
  if (op.input == nullptr) {
    if (input.is_null() || (input.is_object() && input.empty())) return Status::Ok();
    return Status::InvalidArgument(where + ": takes no input");
  }
  const Value empty = Value::object();
  return CheckValue(input.is_null() ? empty : input, *op.input, "").WithContext(where);
}

}  // namespace pave::aws
