// The five protocol codecs behind protocol.h, one source file each. Inputs are already
// validated (ValidateInput), so the codecs only check what validation cannot.
#pragma once

#include "aws/protocol.h"

namespace pave::aws {

Result<WireRequest> SerializeEc2(const ServiceModel& model, const Operation& op,
                                 const Value& input);
Result<Value> ParseEc2Output(const Operation& op, const HttpResponse& response);
AwsError ParseEc2Error(const HttpResponse& response);

Result<WireRequest> SerializeQuery(const ServiceModel& model, const Operation& op,
                                   const Value& input);
Result<Value> ParseQueryOutput(const Operation& op, const HttpResponse& response);
AwsError ParseQueryError(const HttpResponse& response);

Result<WireRequest> SerializeJson(const ServiceModel& model, const Operation& op,
                                  const Value& input);
Result<Value> ParseJsonOutput(const Operation& op, const HttpResponse& response);
AwsError ParseJsonError(const HttpResponse& response);

Result<WireRequest> SerializeRestJson(const Operation& op, const Value& input);
Result<Value> ParseRestJsonOutput(const Operation& op, const HttpResponse& response);
AwsError ParseRestJsonError(const HttpResponse& response);

Result<WireRequest> SerializeRestXml(const Operation& op, const Value& input);
Result<Value> ParseRestXmlOutput(const Operation& op, const HttpResponse& response);
AwsError ParseRestXmlError(const HttpResponse& response);

}  // namespace pave::aws
