// JSON bodies as the json and rest-json protocols write them: members under their
// locationName (else their name), timestamps as epoch seconds unless the model says
// otherwise, blobs as base64 text, documents as they are.
#pragma once

#include <string_view>

#include "aws/model.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

// The wire JSON of `value` (caller's form) of shape `ref`. For structures only members that
// travel in the body are written.
Result<Value> ToJsonWire(const Value& value, const ShapeRef& ref);
Result<Value> StructureToJsonWire(const Value& value, const Shape& shape);

// The caller's form of wire JSON of shape `ref` (timestamps become ISO 8601 strings; members
// the model does not know are dropped). Lenient as botocore: a member, list item or map
// value that cannot be read as its shape (null, an object where a list belongs, "maybe" for
// a boolean) is left out; numbers and booleans sent as strings are read. The result always
// has the shape's JSON types, so callers can use value()/get<>() without type errors.
// FromJsonWire fails only when `wire` itself is of the wrong kind; StructureFromJsonWire
// never fails (a non-object reads as {}).
Result<Value> FromJsonWire(const Value& wire, const ShapeRef& ref);
Result<Value> StructureFromJsonWire(const Value& wire, const Shape& shape);

// Parses JSON text without exceptions; discarded when it is not JSON or nests absurdly deep.
Value ParseJsonText(std::string_view text);
// The JSON body of a successful response, or UnusableBody("JSON", ...) (protocol_xml.h).
Result<Value> ParseJsonBody(std::string_view body);

}  // namespace pave::aws

#include "aws/http.h"
#include "aws/protocol.h"

namespace pave::aws {

// Code, message and request id of a JSON error response. The code comes from the body's
// "__type" / "code" / "Code" or the x-amzn-errortype header (the header first when
// `header_first`, as rest-json does), with any "namespace#" prefix and ":suffix" removed:
// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" → "ResourceNotFoundException".
AwsError JsonError(const HttpResponse& response, bool header_first);
// The bare code of an AWS error type name (see JsonError).
std::string BareErrorCode(std::string_view type);

}  // namespace pave::aws
