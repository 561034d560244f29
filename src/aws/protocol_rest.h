// What rest-json and rest-xml share: the parts of a request and response outside the body.
//
//   uri          {Label} and greedy {Label+} in the operation's requestUri, percent-encoded
//                ('/' kept in greedy labels); a static query in the requestUri is kept
//   querystring  name=value (lists repeat the name; maps add one pair per key)
//   header       one header (lists comma-joined, timestamps RFC 822, jsonvalue base64 JSON)
//   headers      a map sent as <prefix><key> headers
//   statusCode   the HTTP status of the response
#pragma once

#include <vector>

#include "aws/http.h"
#include "aws/model.h"
#include "aws/protocol.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

struct RestRequest {
  WireRequest request;                      // method, path, query, headers; no body yet
  const Member* payload = nullptr;          // the member that is the whole body, if any
  std::vector<const Member*> body_members;  // members without a location (no payload)
};

Result<RestRequest> SerializeRestBindings(const Operation& op, const Value& input);

// Fills the header, headers and statusCode members of `shape` from `response` into `out`.
Status ParseRestBindings(const Shape& shape, const HttpResponse& response, Value* out);

// True when the payload member is a blob or string: the body is raw bytes, not a document.
bool IsRawPayload(const Member& payload);
// The output's payload member, or null.
const Member* OutputPayload(const Operation& op);

// Sets `request->body` to the raw payload bytes (blobs arrive base64-encoded).
Status SetRawPayload(const Member& payload, const Value& input, WireRequest* request);
// The output value of a raw payload (blobs are returned base64-encoded).
Value RawPayloadValue(const Member& payload, const std::string& body);

}  // namespace pave::aws
