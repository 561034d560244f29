// XML as the ec2, query and rest-xml protocols use it: reading response elements as model
// shapes, writing request bodies (rest-xml), and reading <Error> documents.
//
// Element names follow botocore: a member is <locationName> or <MemberName>; a list is
// <Name><member>..</member></Name> (the list member's locationName replaces "member", e.g.
// EC2's <item>), or repeated <Name> elements when flattened; a map is
// <Name><entry><key/><value/></entry></Name>, or repeated <Name> when flattened.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "aws/model.h"
#include "aws/protocol.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

// Parses `text`; when it is not XML with a root element, UnusableBody("XML", ...).
Result<pugi::xml_document*> ParseXml(std::string_view text, pugi::xml_document* doc);

// The members of `shape` read from the children (and attributes) of `node`. Members that
// travel outside the body (headers, URI, status code) are skipped. Lenient as botocore:
// unknown elements are ignored, and a member that cannot be read as its shape (a boolean
// "maybe", an item of the wrong kind) is left out, as if absent: never an error for the call.
Result<Value> XmlToStructure(const pugi::xml_node& node, const Shape& shape);
// The value of shape `ref` held by the element `node`.
Result<Value> XmlToValue(const pugi::xml_node& node, const ShapeRef& ref);

// Body-level failures of a successful response ("MalformedResponse"): the body is empty,
// truncated, an HTML page from a proxy, or not the format at all. Unavailable, because
// a retry may get a whole answer; the message names the format and the first bytes.
inline constexpr std::string_view kMalformedResponse = "MalformedResponse";
Status UnusableBody(std::string_view what, std::string_view body, std::string_view why);
bool LooksLikeHtml(std::string_view body);

// Appends <name ...>value</name> for `value` of shape `ref`. `ns` is written as the element's
// xmlns (or xmlns:prefix) attribute when not empty.
Status WriteXmlElement(const std::string& name, const Value& value, const ShapeRef& ref,
                       const XmlNamespace& ns, std::string* out);
// Text with &, <, >, " and ' escaped.
std::string XmlEscape(std::string_view text);

// Code, message and request id from an XML error document: <Error> at the root (S3),
// in <ErrorResponse> (query, Route 53) or in <Response><Errors> (EC2). Empty fields when the
// body holds none.
AwsError XmlError(std::string_view body);

}  // namespace pave::aws
