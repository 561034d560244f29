// The ec2 protocol: a form body with EC2's naming rules (protocol_form.h), XML responses
// whose root element holds the output members directly, errors in
// <Response><Errors><Error> with the request id in <RequestID>.
#include "aws/protocol_codecs.h"
#include "aws/protocol_form.h"
#include "aws/protocol_xml.h"

namespace pave::aws {

Result<WireRequest> SerializeEc2(const ServiceModel& model, const Operation& op,
                                 const Value& input) {
  WireRequest request;
  RETURN_IF_ERROR(SerializeFormRequest(op.name, model.metadata().api_version, op.input, input,
                                       FormDialect::kEc2, &request));
  return request;
}

Result<Value> ParseEc2Output(const Operation& op, const HttpResponse& response) {
  if (op.output == nullptr) return Value::object();
  pugi::xml_document doc;
  RETURN_IF_ERROR(ParseXml(response.body, &doc).status());
  return XmlToStructure(doc.document_element(), *op.output);
}

AwsError ParseEc2Error(const HttpResponse& response) { return XmlError(response.body); }

}  // namespace pave::aws
