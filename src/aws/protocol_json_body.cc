#include "aws/protocol_json_body.h"

#include "aws/protocol_encoding.h"

namespace pave::aws {

namespace {

const std::string& WireName(const Member& m) {
  return m.ref.location_name.empty() ? m.name : m.ref.location_name;
}

Result<Value> TimestampToWire(const Value& value, const ShapeRef& ref) {
  ASSIGN_OR_RETURN(TimePoint t, ParseTimestampValue(value));
  switch (ref.timestamp_format) {
    case TimestampFormat::kIso8601:
      return Value(FormatIso8601(t));
    case TimestampFormat::kRfc822:
      return Value(FormatRfc822(t));
    case TimestampFormat::kUnixTimestamp:
    case TimestampFormat::kProtocolDefault:
      return FormatUnixTimestamp(t);
  }
  return Status::Internal("unreachable timestamp format");
}

}  // namespace

Result<Value> StructureToJsonWire(const Value& value, const Shape& shape) {
  Value out = Value::object();
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kBody) continue;
    auto it = value.find(m.name);
    if (it == value.end() || it->is_null()) continue;
    auto wire = ToJsonWire(*it, m.ref);
    if (!wire.ok()) return wire.status().WithContext(m.name);
    out[WireName(m)] = std::move(wire).value();
  }
  return out;
}

Result<Value> ToJsonWire(const Value& value, const ShapeRef& ref) {
  const Shape& shape = *ref.shape;
  if (shape.document) return value;
  switch (shape.type) {
    case ShapeType::kStructure:
      return StructureToJsonWire(value, shape);
    case ShapeType::kList: {
      Value out = Value::array();
      for (const Value& item : value) {
        ASSIGN_OR_RETURN(Value v, ToJsonWire(item, shape.member));
        out.push_back(std::move(v));
      }
      return out;
    }
    case ShapeType::kMap: {
      Value out = Value::object();
      for (const auto& [key, item] : value.items()) {
        ASSIGN_OR_RETURN(out[key], ToJsonWire(item, shape.value));
      }
      return out;
    }
    case ShapeType::kTimestamp:
      return TimestampToWire(value, ref);
    case ShapeType::kString:
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
    case ShapeType::kBoolean:
    case ShapeType::kBlob:
      return value;
  }
  return Status::Internal("unreachable shape type");
}

Result<Value> StructureFromJsonWire(const Value& wire, const Shape& shape) {
  Value out = Value::object();
  if (!wire.is_object()) return out;
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kBody) continue;
    auto it = wire.find(WireName(m));
    if (it == wire.end() || it->is_null()) continue;
    auto v = FromJsonWire(*it, m.ref);
    if (!v.ok()) return v.status().WithContext(m.name);
    out[m.name] = std::move(v).value();
  }
  return out;
}

Result<Value> FromJsonWire(const Value& wire, const ShapeRef& ref) {
  const Shape& shape = *ref.shape;
  if (shape.document) return wire;
  switch (shape.type) {
    case ShapeType::kStructure:
      return StructureFromJsonWire(wire, shape);
    case ShapeType::kList: {
      Value out = Value::array();
      if (!wire.is_array()) return out;
      for (const Value& item : wire) {
        ASSIGN_OR_RETURN(Value v, FromJsonWire(item, shape.member));
        out.push_back(std::move(v));
      }
      return out;
    }
    case ShapeType::kMap: {
      Value out = Value::object();
      if (!wire.is_object()) return out;
      for (const auto& [key, item] : wire.items()) {
        ASSIGN_OR_RETURN(out[key], FromJsonWire(item, shape.value));
      }
      return out;
    }
    case ShapeType::kTimestamp: {
      ASSIGN_OR_RETURN(TimePoint t, ParseTimestampValue(wire));
      return Value(FormatIso8601(t));
    }
    case ShapeType::kString:
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
    case ShapeType::kBoolean:
    case ShapeType::kBlob:
      return wire;
  }
  return Status::Internal("unreachable shape type");
}

}  // namespace pave::aws

namespace pave::aws {

std::string BareErrorCode(std::string_view type) {
  size_t colon = type.find(':');
  if (colon != std::string_view::npos) type = type.substr(0, colon);
  size_t hash = type.rfind('#');
  if (hash != std::string_view::npos) type = type.substr(hash + 1);
  return std::string(type);
}

AwsError JsonError(const HttpResponse& response, bool header_first) {
  AwsError error;
  Value body = Value::parse(response.body, nullptr, false);
  if (!body.is_object()) body = Value::object();
  auto text = [&body](const char* key) -> std::string {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : "";
  };
  std::string header = response.Header("x-amzn-errortype");
  std::string from_body = text("__type");
  if (from_body.empty()) from_body = text("code");
  if (from_body.empty()) from_body = text("Code");
  error.code = BareErrorCode(header_first && !header.empty() ? header
                             : !from_body.empty()            ? from_body
                                                             : header);
  // awsQueryCompatible services also name the query-protocol code: "Code;Sender".
  std::string query_code = response.Header("x-amzn-query-error");
  if (!query_code.empty()) error.code = query_code.substr(0, query_code.find(';'));
  for (const char* key : {"message", "Message", "errorMessage"}) {
    error.message = text(key);
    if (!error.message.empty()) break;
  }
  return error;
}

}  // namespace pave::aws
