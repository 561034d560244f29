// AwsClient: calls any operation of any modeled AWS service, shaped as JSON.
//
// Input and output are JSON objects shaped like the operation's input/output shapes in the
// botocore model (member names as in the model, the same as boto3 and `aws ... --cli-input-json`):
//   timestamps  in: ISO 8601 string or epoch seconds; out: ISO 8601 string ("2026-01-02T03:04:05Z")
//   blobs       base64 strings both ways
//   lists/maps  JSON arrays/objects whatever the wire protocol flattens them into
// Errors: a Status whose reason() is the AWS error code ("InvalidVpcID.NotFound") and whose
// message reads "<Code>: <message> (request id <id>, http <status>)". Throttling, 5xx and
// transport errors have been retried (standard retry mode) before they are returned; what is
// returned then has code Unavailable.
#pragma once

#include <string>

#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

using pave::Value;

struct CallOptions {
  std::string region;  // empty: the client's region
};

class AwsClient {
 public:
  virtual ~AwsClient() = default;
  virtual Result<Value> Call(const std::string& service, const std::string& operation,
                             const Value& input, const CallOptions& options = {}) = 0;
  // Follows the operation's paginator until the last page and returns the first page's
  // output with every result key holding the items of all pages (no next token).
  virtual Result<Value> CallAllPages(const std::string& service, const std::string& operation,
                                     const Value& input, const CallOptions& options = {}) = 0;
  // The region calls go to when CallOptions.region is empty.
  virtual std::string region() const = 0;
};

}  // namespace pave::aws
