// Responses that are odd but well formed are read as botocore reads them (booleans in any
// case, numbers and timestamps in every form AWS writes, unknown members ignored, missing
// members and empty lists fine, a field of the wrong kind left out); bodies that are not
// usable at all (HTML from a proxy, truncated) are a clear, retryable error. Data-driven:
// one row per case, across the five protocols.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aws/protocol_test_util.h"
#include "aws/protocol_xml.h"

namespace pave::aws {
namespace {

using testing::Model;
using testing::Op;
using testing::Response;

struct Case {
  const char* name;
  const char* service;
  const char* operation;
  std::string body;
  const char* want;  // the output as JSON
  Headers headers = {};
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"ec2_boolean_False_capitalized", "ec2", "DescribeNetworkInterfaces",
       "<DescribeNetworkInterfacesResponse><networkInterfaceSet><item>"
       "<networkInterfaceId>eni-1</networkInterfaceId><requesterManaged>False</requesterManaged>"
       "</item><item><networkInterfaceId>eni-2</networkInterfaceId>"
       "<requesterManaged>True</requesterManaged></item></networkInterfaceSet>"
       "</DescribeNetworkInterfacesResponse>",
       R"({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "RequesterManaged": false},
                                 {"NetworkInterfaceId": "eni-2", "RequesterManaged": true}]})"},
      {"ec2_boolean_1_0_and_spaces", "ec2", "DescribeVpcs",
       "<r><vpcSet><item><vpcId>vpc-1</vpcId><isDefault> 1 </isDefault></item>"
       "<item><vpcId>vpc-2</vpcId><isDefault>0</isDefault></item></vpcSet></r>",
       R"({"Vpcs": [{"VpcId": "vpc-1", "IsDefault": true}, {"VpcId": "vpc-2", "IsDefault": false}]})"},
      {"ec2_unreadable_boolean_is_left_out", "ec2", "DescribeVpcs",
       "<r><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>maybe</isDefault></item></vpcSet></r>",
       R"({"Vpcs": [{"VpcId": "vpc-1"}]})"},
      {"ec2_empty_list_and_unknown_members", "ec2", "DescribeVpcs",
       "<r><requestId>x</requestId><vpcSet/><somethingNew><a>1</a></somethingNew></r>",
       R"({"Vpcs": []})"},
      {"ec2_missing_members", "ec2", "DescribeVpcs", "<r/>", R"({})"},
      {"ec2_structure_where_list_expected", "ec2", "DescribeVpcs",
       "<r><vpcSet><vpcId>vpc-1</vpcId></vpcSet></r>", R"({"Vpcs": []})"},
      {"ec2_nested_lists_and_next_token", "ec2", "DescribeVpcs",
       "<r><vpcSet><item><vpcId>vpc-1</vpcId><cidrBlockAssociationSet><item>"
       "<associationId>a</associationId></item></cidrBlockAssociationSet></item></vpcSet>"
       "<nextToken>t</nextToken></r>",
       R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlockAssociationSet": [{"AssociationId": "a"}]}],
           "NextToken": "t"})"},
      {"ec2_invalid_utf8_is_replaced", "ec2", "DescribeVpcs",
       "<r><vpcSet><item><vpcId>vpc-\xff\xfe</vpcId></item></vpcSet></r>",
       R"({"Vpcs": [{"VpcId": "vpc-\ufffd\ufffd"}]})"},
      {"query_timestamps_every_form", "iam", "ListUsers",
       "<ListUsersResponse><ListUsersResult><IsTruncated>FALSE</IsTruncated><Users>"
       "<member><UserName>a</UserName><CreateDate>2026-01-02T03:04:05Z</CreateDate></member>"
       "<member><UserName>b</UserName><CreateDate>2026-01-02T04:04:05.5+01:00</CreateDate></member>"
       "<member><UserName>c</UserName><CreateDate>2026-01-02T03:04:05</CreateDate></member>"
       "<member><UserName>d</UserName><CreateDate>1767323045</CreateDate></member>"
       "<member><UserName>e</UserName><CreateDate>1767323045.25</CreateDate></member>"
       "<member><UserName>f</UserName><CreateDate>yesterday</CreateDate></member>"
       "</Users></ListUsersResult></ListUsersResponse>",
       R"({"IsTruncated": false, "Users": [
           {"UserName": "a", "CreateDate": "2026-01-02T03:04:05Z"},
           {"UserName": "b", "CreateDate": "2026-01-02T03:04:05.500Z"},
           {"UserName": "c", "CreateDate": "2026-01-02T03:04:05Z"},
           {"UserName": "d", "CreateDate": "2026-01-02T03:04:05Z"},
           {"UserName": "e", "CreateDate": "2026-01-02T03:04:05.250Z"},
           {"UserName": "f"}]})"},
      {"query_no_result_wrapper", "iam", "ListUsers", "<ListUsersResponse/>", R"({})"},
      {"json_booleans_numbers_timestamps_as_strings", "kms", "DescribeKey",
       R"({"KeyMetadata": {"KeyId": "k1", "Enabled": "True", "CreationDate": 1767323045.5,
                           "DeletionDate": "2026-01-02T03:04:05Z", "ValidTo": "1767323045",
                           "MultiRegion": 1, "SomethingNew": {"x": [1]}}})",
       R"({"KeyMetadata": {"KeyId": "k1", "Enabled": true,
                           "CreationDate": "2026-01-02T03:04:05.500Z",
                           "DeletionDate": "2026-01-02T03:04:05Z",
                           "ValidTo": "2026-01-02T03:04:05Z", "MultiRegion": true}})"},
      {"json_null_structure", "kms", "DescribeKey", R"({"KeyMetadata": null})", R"({})"},
      {"json_null_and_wrong_kinds_inside", "kms", "DescribeKey",
       R"({"KeyMetadata": {"KeyId": "k1", "Enabled": null, "KeyUsage": ["x"],
                           "EncryptionAlgorithms": {"a": 1}, "MultiRegion": "perhaps"}})",
       R"({"KeyMetadata": {"KeyId": "k1"}})"},
      {"json_structure_where_list_expected", "kms", "ListKeys",
       R"({"Keys": {"KeyId": "k1"}, "Truncated": false})", R"({"Truncated": false})"},
      {"json_null_and_odd_list_items", "kms", "ListKeys",
       R"({"Keys": [null, {"KeyId": "k1"}, 5, "x", []], "Truncated": "false"})",
       R"({"Keys": [{"KeyId": "k1"}], "Truncated": false})"},
      {"json_body_not_an_object", "kms", "ListKeys", "[1, 2]", R"({})"},
      {"json_body_null", "kms", "ListKeys", "null", R"({})"},
      {"json_empty_list", "kms", "ListKeys", R"({"Keys": []})", R"({"Keys": []})"},
      {"rest_json_nulls_and_maps", "eks", "DescribeCluster",
       R"({"cluster": {"name": "c", "createdAt": 1767323045, "certificateAuthority": null,
                       "tags": {"a": null, "b": "x", "c": {"d": 1}},
                       "resourcesVpcConfig": {"subnetIds": null, "endpointPublicAccess": "TRUE"}}})",
       R"({"cluster": {"name": "c", "createdAt": "2026-01-02T03:04:05Z", "tags": {"b": "x"},
                       "resourcesVpcConfig": {"endpointPublicAccess": true}}})"},
      {"rest_json_cluster_is_a_list", "eks", "DescribeCluster", R"({"cluster": [1]})", R"({})"},
      {"rest_xml_route53", "route53", "GetHostedZone",
       "<GetHostedZoneResponse><HostedZone><Id>/hostedzone/Z1</Id><Name>a.org.</Name>"
       "<CallerReference>r</CallerReference><Config><PrivateZone>False</PrivateZone></Config>"
       "<ResourceRecordSetCount>2.0</ResourceRecordSetCount></HostedZone>"
       "<DelegationSet><NameServers/></DelegationSet></GetHostedZoneResponse>",
       R"({"HostedZone": {"Id": "/hostedzone/Z1", "Name": "a.org.", "CallerReference": "r",
                          "Config": {"PrivateZone": false}, "ResourceRecordSetCount": 2},
           "DelegationSet": {"NameServers": []}})"},
      {"rest_xml_headers_rfc822_and_bad_number", "s3", "HeadObject", "",
       R"({"LastModified": "2026-01-02T03:04:05Z", "ETag": "\"e\""})",
       {{"last-modified", "Fri, 02 Jan 2026 03:04:05 GMT"},
        {"content-length", "lots"},
        {"etag", "\"e\""}}},
  };
  return cases;
}

class LenientParseTest : public ::testing::TestWithParam<Case> {};

TEST_P(LenientParseTest, ReadsAsBotocoreWould) {
  const Case& c = GetParam();
  auto out = ParseResponse(Model(c.service), Op(c.service, c.operation),
                           Response(200, c.body, c.headers));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(c.want)) << out->dump();
  EXPECT_NO_THROW(out->dump());  // always writable: valid UTF-8, finite numbers
}

INSTANTIATE_TEST_SUITE_P(Protocols, LenientParseTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

struct BadBody {
  const char* name;
  const char* service;
  const char* operation;
  std::string body;
  const char* says;  // part of the message
};

const std::vector<BadBody>& BadBodies() {
  static const std::string kHtml =
      "<!DOCTYPE html><html><head><title>Proxy error</title></head><body>502</body></html>";
  static const std::vector<BadBody> cases = {
      {"ec2_html", "ec2", "DescribeVpcs", kHtml, "HTML page"},
      {"query_html", "iam", "ListUsers", "<html><body>sign in</body></html>", "HTML page"},
      {"json_html", "kms", "ListKeys", kHtml, "HTML page"},
      {"rest_json_html", "eks", "DescribeCluster", kHtml, "HTML page"},
      {"rest_xml_html", "route53", "GetHostedZone", kHtml, "HTML page"},
      {"ec2_truncated", "ec2", "DescribeVpcs", "<r><vpcSet><item><vpcId>vpc-1</vp", "not XML"},
      {"query_truncated", "iam", "ListUsers", "<ListUsersResponse><ListUsersResult><Us",
       "not XML"},
      {"json_truncated", "kms", "ListKeys", R"({"Keys": [{"KeyId": "k)", "not JSON"},
      {"rest_json_truncated", "eks", "DescribeCluster", R"({"cluster": {"name": )", "not JSON"},
      {"rest_xml_truncated", "route53", "GetHostedZone", "<GetHostedZoneResponse><Hosted",
       "not XML"},
      {"ec2_empty", "ec2", "DescribeVpcs", "", "empty"},
      {"json_nested_absurdly", "kms", "ListKeys", std::string(100000, '['), "nested deeper"},
  };
  return cases;
}

class UnusableBodyTest : public ::testing::TestWithParam<BadBody> {};

TEST_P(UnusableBodyTest, IsARetryableErrorThatSaysWhy) {
  const BadBody& c = GetParam();
  auto out = ParseResponse(Model(c.service), Op(c.service, c.operation), Response(200, c.body));
  ASSERT_FALSE(out.ok()) << out->dump();
  EXPECT_EQ(out.status().code(), StatusCode::kUnavailable) << out.status().ToString();
  EXPECT_EQ(out.status().reason(), kMalformedResponse);
  EXPECT_NE(out.status().message().find(c.says), std::string::npos) << out.status().message();
  EXPECT_NE(out.status().message().find(c.operation), std::string::npos)
      << out.status().message();
}

INSTANTIATE_TEST_SUITE_P(Protocols, UnusableBodyTest, ::testing::ValuesIn(BadBodies()),
                         [](const auto& info) { return std::string(info.param.name); });

// A recursive shape (WAF rule statements) nested far deeper than any real rule: the parse
// stays bounded and what is below the limit is dropped, rather than the stack overflowing.
TEST(LenientParseDepthTest, DeeplyNestedRecursiveShapeIsCut) {
  std::string statement = R"({"ByteMatchStatement": {"SearchString": "eA=="}})";
  for (int i = 0; i < 200; ++i) statement = R"({"NotStatement": {"Statement": )" + statement + "}}";
  std::string body = R"({"RuleGroup": {"Name": "g", "Rules": [{"Name": "r", "Statement": )" +
                     statement + "}]}}";
  auto out = ParseResponse(Model("wafv2"), Op("wafv2", "GetRuleGroup"), Response(200, body));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["RuleGroup"]["Name"], "g");
  EXPECT_NO_THROW(out->dump());
}

}  // namespace
}  // namespace pave::aws
