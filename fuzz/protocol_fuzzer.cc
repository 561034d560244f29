// libFuzzer target for one wire protocol's response parsers: the first byte picks an
// operation of the protocol's list (PAVE_FUZZ_PROTOCOL, set by CMakeLists.txt), the rest is
// the HTTP body of a 200 and of a 400 response. Everything the parsers return must be
// writable as JSON; an exception or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aws/model_registry.h"
#include "aws/protocol.h"

namespace {

struct Target {
  const char* service;
  const char* operation;
};

const std::vector<Target>& Targets() {
  static const std::vector<Target> targets = {
#if PAVE_FUZZ_PROTOCOL == 1  // ec2
      {"ec2", "DescribeVpcs"},        {"ec2", "DescribeNetworkInterfaces"},
      {"ec2", "DescribeSubnets"},     {"ec2", "DescribeSecurityGroups"},
      {"ec2", "DescribeNatGateways"}, {"ec2", "CreateVpc"},
#elif PAVE_FUZZ_PROTOCOL == 2  // query
      {"iam", "ListUsers"},  {"iam", "GetRole"},        {"sts", "GetCallerIdentity"},
      {"rds", "DescribeDBInstances"}, {"iam", "ListAttachedRolePolicies"},
#elif PAVE_FUZZ_PROTOCOL == 3  // json
      {"kms", "DescribeKey"}, {"kms", "ListKeys"}, {"ssm", "GetParameters"},
      {"acm", "DescribeCertificate"}, {"wafv2", "GetRuleGroup"},
#elif PAVE_FUZZ_PROTOCOL == 4  // rest-json
      {"eks", "DescribeCluster"}, {"eks", "ListNodegroups"}, {"eks", "DescribeNodegroup"},
      {"guardduty", "ListDetectors"},
#elif PAVE_FUZZ_PROTOCOL == 5  // rest-xml
      {"route53", "GetHostedZone"}, {"route53", "ListResourceRecordSets"},
      {"route53", "ListTagsForResources"}, {"s3", "ListObjectsV2"}, {"s3", "GetBucketLocation"},
      {"s3", "HeadObject"}, {"s3", "GetObject"},
#else
#error "PAVE_FUZZ_PROTOCOL must be 1..5"
#endif
  };
  return targets;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Target& target = Targets()[data[0] % Targets().size()];
  auto model = pave::aws::ModelRegistry::Embedded().Get(target.service);
  if (!model.ok()) __builtin_trap();
  const pave::aws::Operation* op = (*model)->FindOperation(target.operation);
  if (op == nullptr) __builtin_trap();
  pave::aws::HttpResponse response;
  response.status = 200;
  response.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  response.headers = {{"last-modified", response.body.substr(0, 40)},
                      {"content-length", response.body.substr(0, 8)},
                      {"x-amz-meta-a", response.body.substr(0, 16)}};
  auto out = pave::aws::ParseResponse(**model, *op, response);
  if (out.ok()) (void)out->dump();
  (void)pave::aws::IsErrorResponse(**model, *op, response);
  response.status = 400;
  pave::aws::AwsError error = pave::aws::ParseError(**model, response);
  (void)pave::Value{{"c", error.code}, {"m", error.message}, {"r", error.request_id}}.dump();
  return 0;
}
