// The query protocol against IAM and STS examples of the API references, plus the list and
// map forms (member.N, flattened, entry.N) on a small hand-written model.
#include <gtest/gtest.h>

#include "aws/protocol_test_util.h"

namespace pave::aws {
namespace {

using testing::Op;
using testing::Parse;
using testing::Response;
using testing::Serialize;

TEST(QueryProtocolTest, CreateRoleRequest) {
  WireRequest r = Serialize("iam", "CreateRole", Value::parse(R"({
    "RoleName": "S3Access", "Path": "/application_abc/",
    "AssumeRolePolicyDocument": "{\"Version\":\"2012-10-17\"}",
    "MaxSessionDuration": 3600,
    "Tags": [{"Key": "team", "Value": "core"}, {"Key": "env", "Value": "prod"}]})"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.body,
            "Action=CreateRole&Version=2010-05-08&Path=%2Fapplication_abc%2F&RoleName=S3Access"
            "&AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D"
            "&MaxSessionDuration=3600"
            "&Tags.member.1.Key=team&Tags.member.1.Value=core"
            "&Tags.member.2.Key=env&Tags.member.2.Value=prod");
}

TEST(QueryProtocolTest, EmptyListIsSent) {
  WireRequest r = Serialize("iam", "TagRole", Value::parse(R"({"RoleName": "r", "Tags": []})"));
  EXPECT_EQ(r.body, "Action=TagRole&Version=2010-05-08&RoleName=r&Tags=");
}

TEST(QueryProtocolTest, GetCallerIdentityResponse) {
  Value out = Parse("sts", "GetCallerIdentity", Response(200, R"(
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AKIAI44QH8DHBEXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>)"));
  EXPECT_EQ(out, Value::parse(R"({"Arn": "arn:aws:iam::123456789012:user/Alice",
      "UserId": "AKIAI44QH8DHBEXAMPLE", "Account": "123456789012"})"));
}

TEST(QueryProtocolTest, GetRoleResponse) {
  Value out = Parse("iam", "GetRole", Response(200, R"(
<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetRoleResult>
    <Role>
      <Path>/application_abc/component_xyz/</Path>
      <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
      <RoleName>S3Access</RoleName>
      <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>
      <CreateDate>2012-05-08T23:34:01Z</CreateDate>
      <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
      <MaxSessionDuration>3600</MaxSessionDuration>
      <Tags><member><Key>team</Key><Value>core</Value></member></Tags>
    </Role>
  </GetRoleResult>
  <ResponseMetadata><RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId></ResponseMetadata>
</GetRoleResponse>)"));
  EXPECT_EQ(out, Value::parse(R"({"Role": {
      "Path": "/application_abc/component_xyz/",
      "Arn": "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access",
      "RoleName": "S3Access",
      "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%7D",
      "CreateDate": "2012-05-08T23:34:01Z", "RoleId": "AROADBQP57FF2AEXAMPLE",
      "MaxSessionDuration": 3600, "Tags": [{"Key": "team", "Value": "core"}]}})"))
      << out.dump(2);
}

TEST(QueryProtocolTest, MapInResponse) {
  Value out = Parse("iam", "GetAccountSummary", Response(200, R"(
<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap>
  <entry><key>Users</key><value>27</value></entry>
  <entry><key>Roles</key><value>3</value></entry>
</SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>)"));
  EXPECT_EQ(out, Value::parse(R"({"SummaryMap": {"Users": 27, "Roles": 3}})"));
}

TEST(QueryProtocolTest, Error) {
  const ServiceModel& iam = testing::Model("iam");
  AwsError e = ParseError(iam, Response(404, R"(
<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error><Type>Sender</Type><Code>NoSuchEntity</Code>
    <Message>The role with name missing cannot be found.</Message></Error>
  <RequestId>4a3f8ab1-1111-2222-3333-example</RequestId>
</ErrorResponse>)"));
  EXPECT_EQ(e.code, "NoSuchEntity");
  EXPECT_EQ(e.message, "The role with name missing cannot be found.");
  EXPECT_EQ(e.request_id, "4a3f8ab1-1111-2222-3333-example");
  EXPECT_EQ(e.http_status, 404);
}

// Maps and flattened lists do not occur in the inputs of the query services pave calls, so
// they are checked on a small model written for the test.
class QueryFormsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto doc = nlohmann::ordered_json::parse(R"({
      "metadata": {"protocol": "query", "apiVersion": "2020-01-01", "endpointPrefix": "demo"},
      "operations": {"Put": {"input": {"shape": "PutIn"},
                             "output": {"shape": "PutOut", "resultWrapper": "PutResult"}}},
      "shapes": {
        "PutIn": {"type": "structure", "members": {
          "Attributes": {"shape": "AttrMap", "locationName": "Attribute"},
          "Plain": {"shape": "PlainMap"},
          "Flat": {"shape": "FlatList"},
          "Named": {"shape": "NamedList"},
          "When": {"shape": "Time"},
          "Data": {"shape": "Bytes"}}},
        "AttrMap": {"type": "map", "flattened": true,
                    "key": {"shape": "S", "locationName": "Name"},
                    "value": {"shape": "S", "locationName": "Value"}},
        "PlainMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
        "FlatList": {"type": "list", "flattened": true, "member": {"shape": "S"}},
        "NamedList": {"type": "list", "flattened": true,
                      "member": {"shape": "S", "locationName": "Item"}},
        "PutOut": {"type": "structure", "members": {
          "Flat": {"shape": "FlatList"},
          "Named": {"shape": "NamedList"},
          "Attributes": {"shape": "AttrMap", "locationName": "Attribute"}}},
        "S": {"type": "string"},
        "Time": {"type": "timestamp"},
        "Bytes": {"type": "blob"}
      }})");
    auto model = BuildServiceModel("demo", doc);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = std::move(model).value();
  }
  std::unique_ptr<ServiceModel> model_;
};

TEST_F(QueryFormsTest, MapsFlattenedListsTimestampsBlobs) {
  const Operation* op = model_->FindOperation("Put");
  Value input = Value::parse(R"({
    "Attributes": {"color": "red", "size": "L"}, "Plain": {"k": "v"},
    "Flat": ["a", "b"], "Named": ["x"], "When": 1767323045, "Data": "aGk="})");
  ASSERT_TRUE(ValidateInput(*model_, *op, input).ok());
  auto r = SerializeRequest(*model_, *op, input);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body,
            "Action=Put&Version=2020-01-01"
            "&Attribute.1.Name=color&Attribute.1.Value=red"
            "&Attribute.2.Name=size&Attribute.2.Value=L"
            "&Plain.entry.1.key=k&Plain.entry.1.value=v"
            "&Flat.1=a&Flat.2=b&Item.1=x"
            "&When=2026-01-02T03%3A04%3A05Z&Data=aGk%3D");
}

TEST_F(QueryFormsTest, FlattenedResponseForms) {
  const Operation* op = model_->FindOperation("Put");
  auto out = ParseResponse(*model_, *op, Response(200, R"(<PutResponse><PutResult>
      <Flat>a</Flat><Flat>b</Flat><Item>x</Item>
      <Attribute><Name>color</Name><Value>red</Value></Attribute>
      </PutResult></PutResponse>)"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(R"({"Flat": ["a", "b"], "Named": ["x"],
                                   "Attributes": {"color": "red"}})"));
}

}  // namespace
}  // namespace pave::aws
