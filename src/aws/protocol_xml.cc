#include "aws/protocol_xml.h"

#include <cctype>
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

// Deeper than this, a response is hostile (recursive shapes such as WAF statements nest a
// few levels in practice); the rest of the element is dropped rather than the stack blown.
constexpr int kMaxDepth = 64;

Result<Value> ValueAt(const pugi::xml_node& node, const ShapeRef& ref, int depth);

// A map entry into *out; entries without a key or with an unreadable value are left out.
void XmlToMapEntry(const pugi::xml_node& entry, const Shape& map, int depth, Value* out) {
  std::string key_name = NameOr(map.key, "key");
  std::string value_name = NameOr(map.value, "value");
  pugi::xml_node key = entry.child(key_name.c_str());
  pugi::xml_node value = entry.child(value_name.c_str());
  if (!key || !value) return;
  Result<Value> v = ValueAt(value, map.value, depth + 1);
  if (v.ok()) (*out)[SanitizeUtf8(key.text().get())] = std::move(v).value();
}

// The items of a list whose item elements are `items`; unreadable items are left out.
template <typename Range>
Value ListItems(Range items, const ShapeRef& member, int depth) {
  Value out = Value::array();
  for (pugi::xml_node child : items) {
    Result<Value> item = ValueAt(child, member, depth + 1);
    if (item.ok()) out.push_back(std::move(item).value());
  }
  return out;
}

// Never fails: a member that cannot be read is left out, as if AWS had not sent it, so one
// odd field never fails a call whose effect already happened.
Value StructureAt(const pugi::xml_node& node, const Shape& shape, int depth) {
  Value out = Value::object();
  if (depth > kMaxDepth) return out;
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kBody) continue;
    std::string name = MemberElementName(m);
    if (m.ref.xml_attribute) {
      pugi::xml_attribute attr = node.attribute(name.c_str());
      if (!attr) continue;
      Result<Value> v = ScalarFromText(attr.value(), m.ref);
      if (v.ok()) out[m.name] = std::move(v).value();
      continue;
    }
    const ShapeType type = m.ref.shape->type;
    if (m.ref.flattened && (type == ShapeType::kList || type == ShapeType::kMap)) {
      auto children = node.children(name.c_str());
      if (children.begin() == children.end()) continue;
      if (type == ShapeType::kList) {
        out[m.name] = ListItems(children, m.ref.shape->member, depth);
      } else {
        Value map = Value::object();
        for (pugi::xml_node child : children) XmlToMapEntry(child, *m.ref.shape, depth, &map);
        out[m.name] = std::move(map);
      }
      continue;
    }
    pugi::xml_node child = node.child(name.c_str());
    if (!child) continue;
    Result<Value> v = ValueAt(child, m.ref, depth + 1);
    if (v.ok()) out[m.name] = std::move(v).value();
  }
  return out;
}

Result<Value> ValueAt(const pugi::xml_node& node, const ShapeRef& ref, int depth) {
  const Shape& shape = *ref.shape;
  if (depth > kMaxDepth) return Status::InvalidArgument("response nests too deep");
  switch (shape.type) {
    case ShapeType::kStructure:
      return StructureAt(node, shape, depth);
    case ShapeType::kList:
      return ListItems(node.children(NameOr(shape.member, "member").c_str()), shape.member,
                       depth);
    case ShapeType::kMap: {
      Value map = Value::object();
      for (pugi::xml_node entry : node.children("entry")) {
        XmlToMapEntry(entry, shape, depth, &map);
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

Status WriteChildren(const Value& value, const Shape& shape, std::string* out);

// The first characters of a body, printable, for an error message.
std::string BodyStart(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 40)) {
    out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  }
  return out;
}

}  // namespace

bool LooksLikeHtml(std::string_view body) {
  size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string head;
  for (char c : body.substr(start, 14)) {
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return head.starts_with("<!doctype html") || head.starts_with("<html");
}

Status UnusableBody(std::string_view what, std::string_view body, std::string_view why) {
  std::string message;
  if (body.empty()) {
    message = "the response body is empty";
  } else if (LooksLikeHtml(body)) {
    message = "the response is an HTML page, not " + std::string(what) +
              " (a proxy or a wrong endpoint?): \"" + BodyStart(body) + "...\"";
  } else {
    message = "the response is not " + std::string(what) + " (" + std::string(why) +
              "; truncated?), " + std::to_string(body.size()) + " bytes starting \"" +
              BodyStart(body) + "\"";
  }
  return Status::Unavailable(message).WithReason(std::string(kMalformedResponse));
}

Result<pugi::xml_document*> ParseXml(std::string_view text, pugi::xml_document* doc) {
  if (LooksLikeHtml(text)) return UnusableBody("XML", text, "HTML");
  pugi::xml_parse_result r = doc->load_buffer(text.data(), text.size());
  if (!r || !doc->document_element()) {
    return UnusableBody("XML", text,
                        std::string(r ? "no root element" : r.description()) + " at byte " +
                            std::to_string(r.offset));
  }
  return doc;
}

Result<Value> XmlToStructure(const pugi::xml_node& node, const Shape& shape) {
  return StructureAt(node, shape, 0);
}

Result<Value> XmlToValue(const pugi::xml_node& node, const ShapeRef& ref) {
  return ValueAt(node, ref, 0);
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
    error.code = SanitizeUtf8(err.child("Code").text().get());
    error.message = SanitizeUtf8(err.child("Message").text().get());
    if (error.message.empty()) error.message = SanitizeUtf8(err.child("message").text().get());
  }
  pugi::xml_node id = doc.find_node(named("RequestId"));
  if (!id) id = doc.find_node(named("RequestID"));
  if (id) error.request_id = SanitizeUtf8(id.text().get());
  return error;
}

}  // namespace pave::aws
