#include <gtest/gtest.h>

#include "aws/protocol_test_util.h"

namespace pave::aws {
namespace {

Status Validate(const std::string& service, const std::string& operation, const char* json) {
  return ValidateInput(testing::Model(service), testing::Op(service, operation),
                       Value::parse(json));
}

void ExpectError(const Status& s, const std::string& fragment) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_NE(s.message().find(fragment), std::string::npos) << s.message();
}

TEST(ValidateInputTest, AcceptsGoodInput) {
  EXPECT_TRUE(Validate("ec2", "DescribeVpcs", R"({"VpcIds": ["vpc-1"], "MaxResults": 5})").ok());
  EXPECT_TRUE(Validate("ec2", "DescribeVpcs", "null").ok());
  EXPECT_TRUE(Validate("sts", "GetCallerIdentity", "{}").ok());
}

TEST(ValidateInputTest, UnknownMemberSuggestsClosest) {
  Status s = Validate("ec2", "DescribeVpcs", R"({"VpcId": ["vpc-1"]})");
  ExpectError(s, "ec2 DescribeVpcs: unknown parameter \"VpcId\" (did you mean \"VpcIds\"?)");
  ExpectError(Validate("ec2", "DescribeVpcs", R"({"Filters": [{"Nam": "x"}]})"),
              "unknown parameter \"Filters[0].Nam\" (did you mean \"Name\"?)");
}

TEST(ValidateInputTest, MissingRequired) {
  ExpectError(Validate("iam", "GetRole", "{}"), "missing required parameter \"RoleName\"");
  ExpectError(Validate("route53", "ChangeResourceRecordSets",
                       R"({"HostedZoneId": "Z1", "ChangeBatch": {}})"),
              "missing required parameter \"ChangeBatch.Changes\"");
}

TEST(ValidateInputTest, TypesWithPaths) {
  ExpectError(Validate("ec2", "DescribeVpcs", R"({"VpcIds": ["vpc-1", 7]})"),
              "VpcIds[1]: expected a string, got number");
  ExpectError(Validate("ec2", "DescribeVpcs", R"({"MaxResults": "5"})"),
              "MaxResults: expected an integer, got string");
  ExpectError(Validate("ec2", "DescribeVpcs", R"({"DryRun": "yes"})"), "expected true or false");
  ExpectError(Validate("ec2", "DescribeVpcs", R"({"VpcIds": "vpc-1"})"), "expected a list");
  ExpectError(Validate("cloudtrail", "LookupEvents", R"({"StartTime": "last week"})"),
              "StartTime: \"last week\" is not a timestamp");
  ExpectError(Validate("kms", "Encrypt", R"({"KeyId": "k", "Plaintext": "not base64!"})"),
              "Plaintext: blobs are base64 text");
  ExpectError(Validate("eks", "CreateCluster",
                       R"({"name": "c", "roleArn": "r", "resourcesVpcConfig": {},
                           "tags": {"a": 1}})"),
              "tags[\"a\"]: expected a string");
  ExpectError(Validate("sts", "GetCallerIdentity", R"({"x": 1})"), "unknown parameter \"x\"");
  ExpectError(Validate("ec2", "DescribeVpcs", "[]"), "input: expected an object");
}

TEST(ValidateInputTest, UnionsTakeExactlyOneMember) {
  // logs ResourceConfig is a union (DynamoDB's AttributeValue is not marked as one).
  ExpectError(Validate("logs", "PutIntegration",
                       R"({"integrationName": "i", "integrationType": "OPENSEARCH",
                           "resourceConfig": {}})"),
              "resourceConfig: exactly one member must be set, got 0");
  EXPECT_TRUE(Validate("dynamodb", "PutItem", R"({"TableName": "t", "Item": {"a": {"S": "x"}}})")
                  .ok());
}

}  // namespace
}  // namespace pave::aws
