// The rest-json protocol (EKS, GuardDuty, SSO): REST bindings (protocol_rest.h) with a JSON
// body or payload; errors name their code in x-amzn-errortype or the body.
#include "aws/protocol_codecs.h"
#include "aws/protocol_json_body.h"
#include "aws/protocol_rest.h"

namespace pave::aws {

Result<WireRequest> SerializeRestJson(const Operation& op, const Value& input) {
  ASSIGN_OR_RETURN(RestRequest r, SerializeRestBindings(op, input));
  WireRequest& request = r.request;
  if (r.payload != nullptr && IsRawPayload(*r.payload)) {
    RETURN_IF_ERROR(SetRawPayload(*r.payload, input, &request));
    return request;
  }
  if (r.payload != nullptr) {
    auto it = input.find(r.payload->name);
    Value wire = Value::object();
    if (it != input.end() && !it->is_null()) {
      ASSIGN_OR_RETURN(wire, ToJsonWire(*it, r.payload->ref));
    }
    request.body = wire.dump();
  } else if (!r.body_members.empty()) {
    ASSIGN_OR_RETURN(Value wire, StructureToJsonWire(input, *op.input));
    request.body = wire.dump();
  }
  if (!request.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  return request;
}

Result<Value> ParseRestJsonOutput(const Operation& op, const HttpResponse& response) {
  if (op.output == nullptr) return Value::object();
  Value out = Value::object();
  RETURN_IF_ERROR(ParseRestBindings(*op.output, response, &out));
  const Member* payload = OutputPayload(op);
  if (payload != nullptr && IsRawPayload(*payload)) {
    out[payload->name] = RawPayloadValue(*payload, response.body);
    return out;
  }
  if (response.body.empty()) return out;
  ASSIGN_OR_RETURN(Value wire, ParseJsonBody(response.body));
  if (payload != nullptr) {
    Result<Value> v = FromJsonWire(wire, payload->ref);
    if (v.ok()) out[payload->name] = std::move(v).value();
    return out;
  }
  ASSIGN_OR_RETURN(Value body, StructureFromJsonWire(wire, *op.output));
  out.update(body);
  return out;
}

AwsError ParseRestJsonError(const HttpResponse& response) { return JsonError(response, true); }

}  // namespace pave::aws
