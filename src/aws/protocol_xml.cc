#include "aws/protocol_xml.h"

#include <cstring>

#include "aws/protocol_encoding.h"

namespace pave::aws {

namespace {

// The element name of a structure member (botocore's _member_key_name).
std::string MemberElementName(const Member& m) {
  const ShapeRef& ref = m.ref;
  if (ref.shape->type == ShapeType::kList && ref.flattened &&
      !ref.shape->member.location_name.empty()) {
    return ref.shape->member.location_name;
  }
  return ref.location_name.empty() ? m.name : ref.location_name;
}

std::string NameOr(const ShapeRef& ref, const char* fallback) {
  return ref.location_name.empty() ? fallback : ref.location_name;
}

Status XmlToMapEntry(const pugi::xml_node& entry, const Shape& map, Value* out) {
  std::string key_name = NameOr(map.key, "key");
  std::string value_name = NameOr(map.value, "value");
  pugi::xml_node key = entry.child(key_name.c_str());
  pugi::xml_node value = entry.child(value_name.c_str());
  if (!key) return Status::InvalidArgument("map entry without <" + key_name + ">");
  Value v;
  if (value) {
    ASSIGN_OR_RETURN(v, XmlToValue(value, map.value));
  }
  (*out)[key.text().get()] = std::move(v);
  return Status::Ok();
}

Status WriteChildren(const Value& value, const Shape& shape, std::string* out);

}  // namespace

Result<pugi::xml_document*> ParseXml(std::string_view text, pugi::xml_document* doc) {
  pugi::xml_parse_result r = doc->load_buffer(text.data(), text.size());
  if (!r) {
    return Status::InvalidArgument(std::string("response is not XML: ") + r.description() +
                                   " at byte " + std::to_string(r.offset));
  }
  return doc;
}

Result<Value> XmlToStructure(const pugi::xml_node& node, const Shape& shape) {
  Value out = Value::object();
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kBody) continue;
    std::string name = MemberElementName(m);
    if (m.ref.xml_attribute) {
      pugi::xml_attribute attr = node.attribute(name.c_str());
      if (attr) {
        ASSIGN_OR_RETURN(out[m.name], ScalarFromText(attr.value(), m.ref));
      }
      continue;
    }
    const ShapeType type = m.ref.shape->type;
    if (m.ref.flattened && (type == ShapeType::kList || type == ShapeType::kMap)) {
      Value items = type == ShapeType::kList ? Value::array() : Value::object();
      bool any = false;
      for (pugi::xml_node child : node.children(name.c_str())) {
        any = true;
        if (type == ShapeType::kList) {
          ASSIGN_OR_RETURN(Value item, XmlToValue(child, m.ref.shape->member));
          items.push_back(std::move(item));
        } else {
          RETURN_IF_ERROR(XmlToMapEntry(child, *m.ref.shape, &items));
        }
      }
      if (any) out[m.name] = std::move(items);
      continue;
    }
    pugi::xml_node child = node.child(name.c_str());
    if (!child) continue;
    auto v = XmlToValue(child, m.ref);
    if (!v.ok()) return v.status().WithContext(name);
    out[m.name] = std::move(v).value();
  }
  return out;
}

Result<Value> XmlToValue(const pugi::xml_node& node, const ShapeRef& ref) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return XmlToStructure(node, shape);
    case ShapeType::kList: {
      Value items = Value::array();
      std::string item_name = NameOr(shape.member, "member");
      for (pugi::xml_node child : node.children(item_name.c_str())) {
        ASSIGN_OR_RETURN(Value item, XmlToValue(child, shape.member));
        items.push_back(std::move(item));
      }
      return items;
    }
    case ShapeType::kMap: {
      Value map = Value::object();
      for (pugi::xml_node entry : node.children("entry")) {
        RETURN_IF_ERROR(XmlToMapEntry(entry, shape, &map));
      }
      return map;
    }
    case ShapeType::kString:
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
    case ShapeType::kBoolean:
    case ShapeType::kTimestamp:
    case ShapeType::kBlob:
      return ScalarFromText(node.text().get(), ref);
  }
  return Status::Internal("unreachable shape type");
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

std::string OpenTag(const std::string& name, const XmlNamespace& ns) {
  std::string tag = "<" + name;
  if (!ns.empty()) {
    tag += ns.prefix.empty() ? " xmlns=\"" : " xmlns:" + ns.prefix + "=\"";
    tag += XmlEscape(ns.uri) + "\"";
  }
  return tag;
}

Status WriteStructure(const std::string& name, const Value& value, const Shape& shape,
                      const XmlNamespace& ns, std::string* out) {
  *out += OpenTag(name, ns);
  for (const Member& m : shape.members) {
    if (!m.ref.xml_attribute) continue;
    auto it = value.find(m.name);
    if (it == value.end() || it->is_null()) continue;
    ASSIGN_OR_RETURN(
        std::string text,
        ScalarToText(*it, m.ref, OrDefault(m.ref.timestamp_format, TimestampFormat::kIso8601)));
    *out += " " + (m.ref.location_name.empty() ? m.name : m.ref.location_name) + "=\"" +
            XmlEscape(text) + "\"";
  }
  *out += ">";
  RETURN_IF_ERROR(WriteChildren(value, shape, out));
  *out += "</" + name + ">";
  return Status::Ok();
}

Status WriteChildren(const Value& value, const Shape& shape, std::string* out) {
  for (const Member& m : shape.members) {
    if (m.ref.xml_attribute || m.ref.location != Location::kBody) continue;
    auto it = value.find(m.name);
    if (it == value.end() || it->is_null()) continue;
    std::string name = m.ref.location_name.empty() ? m.name : m.ref.location_name;
    RETURN_IF_ERROR(WriteXmlElement(name, *it, m.ref, m.ref.xml_namespace, out));
  }
  return Status::Ok();
}

}  // namespace

Status WriteXmlElement(const std::string& name, const Value& value, const ShapeRef& ref,
                       const XmlNamespace& ns, std::string* out) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return WriteStructure(name, value, shape, ns, out);
    case ShapeType::kList: {
      bool flat = ref.flattened;
      std::string item = flat ? name : NameOr(shape.member, "member");
      if (!flat) *out += OpenTag(name, ns) + ">";
      for (const Value& v : value) {
        RETURN_IF_ERROR(WriteXmlElement(item, v, shape.member, shape.member.xml_namespace, out));
      }
      if (!flat) *out += "</" + name + ">";
      return Status::Ok();
    }
    case ShapeType::kMap: {
      *out += OpenTag(name, ns) + ">";
      for (const auto& [key, v] : value.items()) {
        *out += "<entry>";
        RETURN_IF_ERROR(WriteXmlElement(NameOr(shape.key, "key"), key, shape.key, {}, out));
        RETURN_IF_ERROR(WriteXmlElement(NameOr(shape.value, "value"), v, shape.value, {}, out));
        *out += "</entry>";
      }
      *out += "</" + name + ">";
      return Status::Ok();
    }
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
      *out += OpenTag(name, ns) + ">" + XmlEscape(text) + "</" + name + ">";
      return Status::Ok();
    }
  }
  return Status::Internal("unreachable shape type");
}

AwsError XmlError(std::string_view body) {
  AwsError error;
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return error;
  auto named = [](const char* name) {
    return [name](pugi::xml_node n) { return std::strcmp(n.name(), name) == 0; };
  };
  pugi::xml_node err = doc.find_node(named("Error"));
  if (err) {
    error.code = err.child("Code").text().get();
    error.message = err.child("Message").text().get();
    if (error.message.empty()) error.message = err.child("message").text().get();
  }
  pugi::xml_node id = doc.find_node(named("RequestId"));
  if (!id) id = doc.find_node(named("RequestID"));
  if (id) error.request_id = id.text().get();
  return error;
}

}  // namespace pave::aws
