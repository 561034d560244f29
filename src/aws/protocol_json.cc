// The json protocol (DynamoDB, SSM, KMS, ACM, Organizations...): POST / with
// X-Amz-Target: <targetPrefix>.<Operation>, Content-Type application/x-amz-json-1.0 or 1.1,
// the input as a JSON body; the output is the JSON body; errors carry "__type".
#include "aws/protocol_codecs.h"
#include "aws/protocol_json_body.h"

namespace pave::aws {

Result<WireRequest> SerializeJson(const ServiceModel& model, const Operation& op,
                                  const Value& input) {
  const ServiceMetadata& md = model.metadata();
  WireRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers.emplace_back("X-Amz-Target", md.target_prefix + "." + op.name);
  request.headers.emplace_back(
      "Content-Type",
      "application/x-amz-json-" + (md.json_version.empty() ? "1.0" : md.json_version));
  Value body = Value::object();
  if (op.input != nullptr && input.is_object()) {
    ASSIGN_OR_RETURN(body, StructureToJsonWire(input, *op.input));
  }
  request.body = body.dump();
  return request;
}

Result<Value> ParseJsonOutput(const Operation& op, const HttpResponse& response) {
  if (op.output == nullptr || response.body.empty()) return Value::object();
  ASSIGN_OR_RETURN(Value wire, ParseJsonBody(response.body));
  return StructureFromJsonWire(wire, *op.output);
}

AwsError ParseJsonError(const HttpResponse& response) { return JsonError(response, false); }

}  // namespace pave::aws
