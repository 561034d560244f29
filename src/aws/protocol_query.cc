// The query protocol (IAM, STS, RDS, ELBv2): a form body (protocol_form.h), XML responses
// <OperationResponse><OperationResult>members</OperationResult><ResponseMetadata>..., errors
// in <ErrorResponse><Error><Code>.
#include "aws/protocol_codecs.h"
#include "aws/protocol_form.h"
#include "aws/protocol_xml.h"

namespace pave::aws {

Result<WireRequest> SerializeQuery(const ServiceModel& model, const Operation& op,
                                   const Value& input) {
  WireRequest request;
  RETURN_IF_ERROR(SerializeFormRequest(op.name, model.metadata().api_version, op.input, input,
                                       FormDialect::kQuery, &request));
  return request;
}

Result<Value> ParseQueryOutput(const Operation& op, const HttpResponse& response) {
  if (op.output == nullptr) return Value::object();
  pugi::xml_document doc;
  RETURN_IF_ERROR(ParseXml(response.body, &doc).status());
  pugi::xml_node node = doc.document_element();
  if (!op.result_wrapper.empty()) {
    node = node.child(op.result_wrapper.c_str());
    if (!node) return Value::object();
  }
  return XmlToStructure(node, *op.output);
}

AwsError ParseQueryError(const HttpResponse& response) { return XmlError(response.body); }

}  // namespace pave::aws
