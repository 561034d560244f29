#include "aws/protocol_json_body.h"

#include <algorithm>

#include "aws/protocol_encoding.h"
#include "aws/protocol_xml.h"

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

namespace {

// See protocol_xml.cc: deeper than this a response is hostile, and what is below is dropped.
constexpr int kMaxDepth = 64;
// JSON nested deeper than this is refused before parsing (nlohmann's dump and compare
// recurse): far more than any AWS document (policies, WAF rules) needs.
constexpr int kMaxJsonNesting = 512;

Result<Value> FromWireAt(const Value& wire, const ShapeRef& ref, int depth);

Value StructureAt(const Value& wire, const Shape& shape, int depth) {
  Value out = Value::object();
  if (!wire.is_object() || depth > kMaxDepth) return out;
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kBody) continue;
    auto it = wire.find(WireName(m));
    if (it == wire.end() || it->is_null()) continue;
    Result<Value> v = FromWireAt(*it, m.ref, depth + 1);
    if (v.ok()) out[m.name] = std::move(v).value();  // else left out, as if absent
  }
  return out;
}

Status WrongType(const Value& wire, const Shape& shape) {
  return Status::InvalidArgument(std::string("expected ") + ShapeTypeName(shape.type) + ", got " +
                                 wire.type_name());
}

// A JSON scalar as shape `ref`: the right JSON type, or a string that spells it ("true",
// "42"), as botocore's parsers tolerate; numbers where text is expected become their text.
Result<Value> ScalarFromWire(const Value& wire, const ShapeRef& ref) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      if (wire.is_string()) return wire;
      if (wire.is_number() || wire.is_boolean()) return Value(wire.dump());
      break;
    case ShapeType::kBoolean:
      if (wire.is_boolean()) return wire;
      if (wire.is_number_integer() || wire.is_number_unsigned() || wire.is_string()) {
        return ScalarFromText(wire.is_string() ? wire.get_ref<const std::string&>() : wire.dump(),
                              ref);
      }
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (wire.is_number_integer()) return wire;
      if (wire.is_number() || wire.is_string()) {
        return ScalarFromText(wire.is_string() ? wire.get_ref<const std::string&>() : wire.dump(),
                              ref);
      }
      break;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (wire.is_number()) return wire;
      if (wire.is_string()) return ScalarFromText(wire.get_ref<const std::string&>(), ref);
      break;
    case ShapeType::kTimestamp: {
      ASSIGN_OR_RETURN(TimePoint t, ParseTimestampValue(wire));
      return Value(FormatIso8601(t));
    }
    case ShapeType::kStructure:
    case ShapeType::kList:
    case ShapeType::kMap:
      break;
  }
  return WrongType(wire, shape);
}

Result<Value> FromWireAt(const Value& wire, const ShapeRef& ref, int depth) {
  const Shape& shape = *ref.shape;
  if (shape.document) return wire;
  if (depth > kMaxDepth) return Status::InvalidArgument("response nests too deep");
  switch (shape.type) {
    case ShapeType::kStructure:
      if (!wire.is_object()) return WrongType(wire, shape);
      return StructureAt(wire, shape, depth);
    case ShapeType::kList: {
      if (!wire.is_array()) return WrongType(wire, shape);
      Value out = Value::array();
      for (const Value& item : wire) {
        Result<Value> v = FromWireAt(item, shape.member, depth + 1);
        if (v.ok()) out.push_back(std::move(v).value());
      }
      return out;
    }
    case ShapeType::kMap: {
      if (!wire.is_object()) return WrongType(wire, shape);
      Value out = Value::object();
      for (const auto& [key, item] : wire.items()) {
        Result<Value> v = FromWireAt(item, shape.value, depth + 1);
        if (v.ok()) out[key] = std::move(v).value();
      }
      return out;
    }
    case ShapeType::kTimestamp:
    case ShapeType::kString:
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
    case ShapeType::kBoolean:
    case ShapeType::kBlob:
      return ScalarFromWire(wire, ref);
  }
  return Status::Internal("unreachable shape type");
}

// The deepest nesting of arrays and objects in JSON text, strings skipped; stops counting
// past `limit`.
int JsonNesting(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size() && deepest <= limit; ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

Result<Value> StructureFromJsonWire(const Value& wire, const Shape& shape) {
  return StructureAt(wire, shape, 0);
}

Result<Value> FromJsonWire(const Value& wire, const ShapeRef& ref) {
  return FromWireAt(wire, ref, 0);
}

Value ParseJsonText(std::string_view text) {
  if (JsonNesting(text, kMaxJsonNesting) > kMaxJsonNesting) return Value(Value::value_t::discarded);
  return Value::parse(text, nullptr, /*allow_exceptions=*/false);
}

Result<Value> ParseJsonBody(std::string_view body) {
  Value wire = ParseJsonText(body);
  if (!wire.is_discarded()) return wire;
  std::string why = JsonNesting(body, kMaxJsonNesting) > kMaxJsonNesting
                        ? "nested deeper than " + std::to_string(kMaxJsonNesting) + " levels"
                        : "a JSON syntax error";
  return UnusableBody("JSON", body, why);
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
  Value body = ParseJsonText(response.body);
  if (!body.is_object()) body = Value::object();
  auto text = [&body](const char* key) -> std::string {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
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
