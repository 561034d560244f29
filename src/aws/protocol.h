// The wire protocols: how an operation's input becomes an HTTP request and how the response
// becomes its output or an error, driven entirely by the service model. Calling an
// operation pave never called before needs no new code.
//
//   ec2        form body (Action, Version, Name.N lists, capitalized names); XML responses
//   query      form body (member.N lists, entry.N maps); XML in <OperationResult>
//   json       POST / with X-Amz-Target and a JSON body; __type error codes
//   rest-json  method + URI template, query string, headers, JSON body or payload
//   rest-xml   method + URI template, query string, headers, XML body or payload (S3, Route 53)
//
// Nothing here touches the network, the clock or credentials: the client signs and sends.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "aws/http.h"
#include "aws/model.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

// A request before endpoint, host and signature.
struct WireRequest {
  std::string method = "POST";
  std::string path = "/";                                  // percent-encoded, starts with '/'
  std::vector<std::pair<std::string, std::string>> query;  // decoded; encoded by QueryString()
  Headers headers;
  std::string body;
  std::string host_prefix;  // from the operation's endpoint trait, labels filled in

  // "a=1&b=2" (RFC 3986 encoding) or "" when there is no query.
  std::string QueryString() const;
};

// An error the service returned.
struct AwsError {
  std::string code;  // "InvalidVpcID.NotFound", "NoSuchKey", "404" (HEAD without body)
  std::string message;
  std::string request_id;
  int http_status = 0;
};

// Checks `input` against the operation's input shape: unknown members (with a suggestion),
// missing required members, and value types. InvalidArgument says where:
//   "ec2 DescribeVpcs: VpcIds[0]: expected a string, got number".
Status ValidateInput(const ServiceModel& model, const Operation& op, const Value& input);

// Serializes a validated input. Adds Content-MD5 when the operation requires a checksum.
Result<WireRequest> SerializeRequest(const ServiceModel& model, const Operation& op,
                                     const Value& input);

// True when `response` carries an error: a status outside 2xx, or S3's 200 with an <Error>.
bool IsErrorResponse(const ServiceModel& model, const Operation& op, const HttpResponse& response);

// The operation's output from a successful response, as the output shape says.
Result<Value> ParseResponse(const ServiceModel& model, const Operation& op,
                            const HttpResponse& response);

// The error a failed response carries; falls back to the HTTP status when the body says
// nothing ("404", with the reason phrase as message, as botocore does).
AwsError ParseError(const ServiceModel& model, const HttpResponse& response);

// The request id AWS put in the headers of any response ("" when none).
std::string HeaderRequestId(const HttpResponse& response);

}  // namespace pave::aws
