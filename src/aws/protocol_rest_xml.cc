// The rest-xml protocol (S3, Route 53): REST bindings (protocol_rest.h) with an XML body.
// The body's root element is the payload member (S3: <Tagging xmlns=...>) or, without a
// payload, the operation input's locationName (Route 53: <CreateHostedZoneRequest ...>).
// Errors: <Error> at the root (S3) or in <ErrorResponse> (Route 53).
#include "aws/protocol_codecs.h"
#include "aws/protocol_encoding.h"
#include "aws/protocol_rest.h"
#include "aws/protocol_xml.h"

namespace pave::aws {

namespace {

Status WriteBody(const Operation& op, const RestRequest& r, const Value& input, std::string* body) {
  if (r.payload != nullptr) {
    auto it = input.find(r.payload->name);
    if (it == input.end() || it->is_null()) return Status::Ok();
    const ShapeRef& ref = r.payload->ref;
    return WriteXmlElement(ref.location_name.empty() ? r.payload->name : ref.location_name, *it,
                           ref, ref.xml_namespace, body);
  }
  std::string children;
  for (const Member* m : r.body_members) {
    auto it = input.find(m->name);
    if (it == input.end() || it->is_null()) continue;
    const ShapeRef& ref = m->ref;
    RETURN_IF_ERROR(WriteXmlElement(ref.location_name.empty() ? m->name : ref.location_name, *it,
                                    ref, ref.xml_namespace, &children));
  }
  if (children.empty()) return Status::Ok();
  std::string root = op.input_location_name.empty() ? op.input->name : op.input_location_name;
  const XmlNamespace& ns = op.input_xml_namespace;
  *body = "<" + root;
  if (!ns.empty()) {
    *body += (ns.prefix.empty() ? " xmlns=\"" : " xmlns:" + ns.prefix + "=\"") + XmlEscape(ns.uri) +
             "\"";
  }
  *body += ">" + children + "</" + root + ">";
  return Status::Ok();
}

// S3's GetBucketLocation answers <LocationConstraint>eu-west-1</LocationConstraint>: the root
// element is itself the (only) scalar member.
bool RootIsScalarMember(const pugi::xml_node& root, const Shape& shape, Value* out) {
  for (const Member& m : shape.members) {
    std::string name = m.ref.location_name.empty() ? m.name : m.ref.location_name;
    ShapeType t = m.ref.shape->type;
    bool scalar = t != ShapeType::kStructure && t != ShapeType::kList && t != ShapeType::kMap;
    if (m.ref.location != Location::kBody || name != root.name() || !scalar ||
        root.first_child().type() == pugi::node_element) {
      continue;
    }
    std::string text = SanitizeUtf8(root.text().get());
    if (!text.empty()) (*out)[m.name] = text;  // empty: us-east-1, as boto3's None
    return true;
  }
  return false;
}

}  // namespace

Result<WireRequest> SerializeRestXml(const Operation& op, const Value& input) {
  ASSIGN_OR_RETURN(RestRequest r, SerializeRestBindings(op, input));
  if (r.payload != nullptr && IsRawPayload(*r.payload)) {
    RETURN_IF_ERROR(SetRawPayload(*r.payload, input, &r.request));
    return r.request;
  }
  if (op.input != nullptr) RETURN_IF_ERROR(WriteBody(op, r, input, &r.request.body));
  return r.request;
}

Result<Value> ParseRestXmlOutput(const Operation& op, const HttpResponse& response) {
  if (op.output == nullptr) return Value::object();
  Value out = Value::object();
  RETURN_IF_ERROR(ParseRestBindings(*op.output, response, &out));
  const Member* payload = OutputPayload(op);
  if (payload != nullptr && IsRawPayload(*payload)) {
    out[payload->name] = RawPayloadValue(*payload, response.body);
    return out;
  }
  if (response.body.empty()) return out;
  pugi::xml_document doc;
  RETURN_IF_ERROR(ParseXml(response.body, &doc).status());
  pugi::xml_node root = doc.document_element();
  if (payload != nullptr) {
    Result<Value> v = XmlToValue(root, payload->ref);
    if (v.ok()) out[payload->name] = std::move(v).value();
    return out;
  }
  if (RootIsScalarMember(root, *op.output, &out)) return out;
  ASSIGN_OR_RETURN(Value body, XmlToStructure(root, *op.output));
  out.update(body);
  return out;
}

AwsError ParseRestXmlError(const HttpResponse& response) { return XmlError(response.body); }

}  // namespace pave::aws
