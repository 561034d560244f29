#include "providers/aws/ec2/enis.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"

namespace pave::aws_provider {

Status DeleteLeftoverEnis(aws::AwsClient* client, const std::string& filter_name,
                          const std::string& value) {
  DescribeQuery q{.operation = "DescribeNetworkInterfaces",
                  .filter_name = filter_name,
                  .result_key = "NetworkInterfaces"};
  ASSIGN_OR_RETURN(std::vector<Value> enis, DescribeByFilter(client, q, {value}));
  for (const Value& eni : enis) {
    std::string id = GetString(eni, "NetworkInterfaceId");
    if (id.empty()) continue;
    std::string attachment = GetString(eni.value("Attachment", Value::object()), "AttachmentId");
    if (!attachment.empty()) {
      Status s = client->Call("ec2", "DetachNetworkInterface",
                              {{"AttachmentId", attachment}, {"Force", true}}).status();
      if (!s.ok() && !IsNotFound(s)) continue;  // managed by AWS; the caller's retry waits
    }
    Status s = client->Call("ec2", "DeleteNetworkInterface", {{"NetworkInterfaceId", id}}).status();
    if (!s.ok() && !IsNotFound(s) && s.code() != StatusCode::kUnavailable &&
        s.reason() != "InvalidNetworkInterface.InUse" && s.reason() != "AuthFailure" &&
        s.reason() != "OperationNotPermitted") {
      return s.WithContext("deleting leftover network interface " + id);
    }
  }
  return Status::Ok();
}

}  // namespace pave::aws_provider
