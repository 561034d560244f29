// JSON bodies as the json and rest-json protocols write them: members under their
// locationName (else their name), timestamps as epoch seconds unless the model says
// otherwise, blobs as base64 text, documents as they are.
#pragma once

#include "aws/model.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

// The wire JSON of `value` (caller's form) of shape `ref`. For structures only members that
// travel in the body are written.
Result<Value> ToJsonWire(const Value& value, const ShapeRef& ref);
Result<Value> StructureToJsonWire(const Value& value, const Shape& shape);

// The caller's form of wire JSON of shape `ref` (timestamps become ISO 8601 strings; members
// the model does not know are dropped).
Result<Value> FromJsonWire(const Value& wire, const ShapeRef& ref);
Result<Value> StructureFromJsonWire(const Value& wire, const Shape& shape);

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
