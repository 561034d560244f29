#include "aws/protocol_form.h"

#include "aws/protocol.h"
#include "aws/protocol_encoding.h"

namespace pave::aws {

namespace {

std::string Dot(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

std::string MemberName(const Member& m, FormDialect dialect) {
  switch (dialect) {
    case FormDialect::kEc2:
      if (!m.ref.query_name.empty()) return m.ref.query_name;
      if (!m.ref.location_name.empty()) {
        std::string name = m.ref.location_name;
        if (name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
        return name;
      }
      return m.name;
    case FormDialect::kQuery:
      return m.ref.location_name.empty() ? m.name : m.ref.location_name;
  }
  return m.name;
}

Status SerializeValue(const Value& value, const ShapeRef& ref, const std::string& prefix,
                      FormDialect dialect, FormPairs* out);

Status SerializeList(const Value& value, const ShapeRef& ref, const std::string& prefix,
                     FormDialect dialect, FormPairs* out) {
  const ShapeRef& member = ref.shape->member;
  std::string list_prefix = prefix;
  if (dialect == FormDialect::kQuery) {
    if (value.empty()) {
      out->emplace_back(prefix, "");
      return Status::Ok();
    }
    if (!ref.flattened) {
      list_prefix = prefix + "." + (member.location_name.empty() ? "member" : member.location_name);
    } else if (!member.location_name.empty()) {
      size_t dot = prefix.rfind('.');
      list_prefix =
          Dot(dot == std::string::npos ? "" : prefix.substr(0, dot), member.location_name);
    }
  }
  for (size_t i = 0; i < value.size(); ++i) {
    RETURN_IF_ERROR(
        SerializeValue(value[i], member, list_prefix + "." + std::to_string(i + 1), dialect, out));
  }
  return Status::Ok();
}

Status SerializeMap(const Value& value, const ShapeRef& ref, const std::string& prefix,
                    FormDialect dialect, FormPairs* out) {
  const Shape& map = *ref.shape;
  std::string base = ref.flattened ? prefix : prefix + ".entry";
  std::string key_name = map.key.location_name.empty() ? "key" : map.key.location_name;
  std::string value_name = map.value.location_name.empty() ? "value" : map.value.location_name;
  size_t i = 0;
  for (const auto& [key, item] : value.items()) {
    std::string entry = base + "." + std::to_string(++i);
    out->emplace_back(entry + "." + key_name, key);
    RETURN_IF_ERROR(SerializeValue(item, map.value, entry + "." + value_name, dialect, out));
  }
  return Status::Ok();
}

Status SerializeValue(const Value& value, const ShapeRef& ref, const std::string& prefix,
                      FormDialect dialect, FormPairs* out) {
  switch (ref.shape->type) {
    case ShapeType::kStructure:
      return SerializeFormStructure(value, *ref.shape, prefix, dialect, out);
    case ShapeType::kList:
      return SerializeList(value, ref, prefix, dialect, out);
    case ShapeType::kMap:
      return SerializeMap(value, ref, prefix, dialect, out);
    case ShapeType::kString:
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
    case ShapeType::kBoolean:
    case ShapeType::kTimestamp:
    case ShapeType::kBlob: {
      ASSIGN_OR_RETURN(
          std::string text,
          ScalarToText(value, ref, OrDefault(ref.timestamp_format, TimestampFormat::kIso8601)));
      out->emplace_back(prefix, std::move(text));
      return Status::Ok();
    }
  }
  return Status::Internal("unreachable shape type");
}

}  // namespace

Status SerializeFormStructure(const Value& input, const Shape& shape, const std::string& prefix,
                              FormDialect dialect, FormPairs* out) {
  for (const Member& m : shape.members) {
    auto it = input.find(m.name);
    if (it == input.end() || it->is_null()) continue;
    std::string name = Dot(prefix, MemberName(m, dialect));
    RETURN_IF_ERROR(SerializeValue(*it, m.ref, name, dialect, out).WithContext(m.name));
  }
  return Status::Ok();
}

Status SerializeFormRequest(const std::string& action, const std::string& version,
                            const Shape* input_shape, const Value& input, FormDialect dialect,
                            WireRequest* request) {
  FormPairs pairs = {{"Action", action}, {"Version", version}};
  if (input_shape != nullptr && input.is_object()) {
    RETURN_IF_ERROR(SerializeFormStructure(input, *input_shape, "", dialect, &pairs));
  }
  request->method = "POST";
  request->path = "/";
  request->headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  request->body = FormEncode(pairs);
  return Status::Ok();
}

}  // namespace pave::aws
