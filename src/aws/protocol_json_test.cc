// The json and rest-json protocols against DynamoDB, CloudTrail, SSM, EKS and GuardDuty
// examples from the API references, expected bytes written by hand.
#include <gtest/gtest.h>

#include "aws/protocol_test_util.h"

namespace pave::aws {
namespace {

using testing::HeaderOf;
using testing::Parse;
using testing::Response;
using testing::Serialize;

TEST(JsonProtocolTest, PutItemRequest) {
  WireRequest r = Serialize("dynamodb", "PutItem", Value::parse(R"({
    "TableName": "Music",
    "Item": {"Artist": {"S": "No One You Know"}, "Year": {"N": "2020"},
             "Cover": {"B": "aGVsbG8="}, "Tags": {"SS": ["a", "b"]}}})"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(HeaderOf(r, "X-Amz-Target"), "DynamoDB_20120810.PutItem");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(r.body,
            R"({"Item":{"Artist":{"S":"No One You Know"},"Cover":{"B":"aGVsbG8="},)"
            R"("Tags":{"SS":["a","b"]},"Year":{"N":"2020"}},"TableName":"Music"})");
}

TEST(JsonProtocolTest, TimestampsGoAsEpochSecondsAndNoInputIsAnEmptyObject) {
  WireRequest r = Serialize("cloudtrail", "LookupEvents", Value::parse(R"({
    "StartTime": "2026-01-02T03:04:05Z", "EndTime": 1767323045.5, "MaxResults": 5})"));
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(HeaderOf(r, "X-Amz-Target"),
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents");
  EXPECT_EQ(r.body, R"({"EndTime":1767323045.5,"MaxResults":5,"StartTime":1767323045})");
  EXPECT_EQ(Serialize("kms", "ListKeys", Value()).body, "{}");
}

TEST(JsonProtocolTest, DescribeTableResponse) {
  Value out = Parse("dynamodb", "DescribeTable", Response(200, R"({"Table": {
      "TableName": "Music", "TableStatus": "ACTIVE",
      "CreationDateTime": 1.421866952062E9, "ItemCount": 0,
      "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}],
      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
      "NotInTheModel": 1}})"));
  EXPECT_EQ(out, Value::parse(R"({"Table": {
      "TableName": "Music", "TableStatus": "ACTIVE",
      "CreationDateTime": "2015-01-21T19:02:32.062Z", "ItemCount": 0,
      "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}],
      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}})"))
      << out.dump(2);
}

TEST(JsonProtocolTest, ErrorCodesLoseTheirNamespace) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  AwsError e = ParseError(ddb, Response(400, R"({
      "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
      "message": "Requested resource not found: Table: Nope not found"})",
                                        {{"x-amzn-requestid", "REQ123"}}));
  EXPECT_EQ(e.code, "ResourceNotFoundException");
  EXPECT_EQ(e.message, "Requested resource not found: Table: Nope not found");
  EXPECT_EQ(e.request_id, "REQ123");
  AwsError ssm = ParseError(testing::Model("ssm"),
                            Response(400, R"({"__type":"ParameterNotFound","Message":"x"})"));
  EXPECT_EQ(ssm.code, "ParameterNotFound");
  EXPECT_EQ(ssm.message, "x");
  AwsError empty = ParseError(ddb, Response(503, ""));
  EXPECT_EQ(empty.code, "503");
  EXPECT_EQ(empty.message, "Service Unavailable");
}

TEST(RestJsonProtocolTest, CreateClusterRequest) {
  WireRequest r = Serialize("eks", "CreateCluster", Value::parse(R"({
    "name": "prod", "roleArn": "arn:aws:iam::123456789012:role/eks", "version": "1.29",
    "resourcesVpcConfig": {"subnetIds": ["subnet-1", "subnet-2"], "endpointPublicAccess": true},
    "tags": {"team": "core"}, "clientRequestToken": "tok-1"})"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/clusters");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  EXPECT_EQ(r.body,
            R"({"clientRequestToken":"tok-1","name":"prod",)"
            R"("resourcesVpcConfig":{"endpointPublicAccess":true,"subnetIds":["subnet-1","subnet-2"]},)"
            R"("roleArn":"arn:aws:iam::123456789012:role/eks","tags":{"team":"core"},"version":"1.29"})");
}

TEST(RestJsonProtocolTest, UriLabelsAndQueryString) {
  WireRequest d = Serialize("eks", "DescribeCluster", Value::parse(R"({"name": "my cluster/1"})"));
  EXPECT_EQ(d.method, "GET");
  EXPECT_EQ(d.path, "/clusters/my%20cluster%2F1");
  EXPECT_EQ(d.body, "");
  WireRequest l = Serialize("eks", "ListClusters", Value::parse(R"({
      "maxResults": 10, "nextToken": "a+b", "include": ["all", "x"]})"));
  EXPECT_EQ(l.path, "/clusters");
  EXPECT_EQ(l.QueryString(), "maxResults=10&nextToken=a%2Bb&include=all&include=x");
  WireRequest n = Serialize("eks", "DescribeNodegroup",
                            Value::parse(R"({"clusterName": "c", "nodegroupName": "ng"})"));
  EXPECT_EQ(n.path, "/clusters/c/node-groups/ng");
}

TEST(RestJsonProtocolTest, EmptyBodyObjectWhenTheShapeHasBodyMembers) {
  WireRequest r = Serialize("guardduty", "CreateDetector",
                            Value::parse(R"({"Enable": true, "ClientToken": "t"})"));
  EXPECT_EQ(r.path, "/detector");
  EXPECT_EQ(r.body, R"({"clientToken":"t","enable":true})");
  WireRequest u = Serialize("eks", "UpdateClusterConfig", Value::parse(R"({"name": "c"})"));
  EXPECT_EQ(u.body, "{}");
}

TEST(RestJsonProtocolTest, DescribeClusterResponse) {
  Value out = Parse("eks", "DescribeCluster", Response(200, R"({"cluster": {
      "name": "prod", "arn": "arn:aws:eks:eu-west-1:123456789012:cluster/prod",
      "createdAt": 1767323045.0, "status": "ACTIVE", "tags": {"team": "core"},
      "resourcesVpcConfig": {"subnetIds": ["subnet-1"], "endpointPublicAccess": true}}})"));
  EXPECT_EQ(out, Value::parse(R"({"cluster": {
      "name": "prod", "arn": "arn:aws:eks:eu-west-1:123456789012:cluster/prod",
      "createdAt": "2026-01-02T03:04:05Z", "status": "ACTIVE", "tags": {"team": "core"},
      "resourcesVpcConfig": {"subnetIds": ["subnet-1"], "endpointPublicAccess": true}}})"))
      << out.dump(2);
}

TEST(RestJsonProtocolTest, ErrorCodeFromHeaderThenBody) {
  const ServiceModel& eks = testing::Model("eks");
  AwsError e = ParseError(
      eks, Response(404, R"({"message":"No cluster found for name: nope."})",
                    {{"x-amzn-errortype",
                      "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/"},
                     {"x-amzn-requestid", "abc-123"}}));
  EXPECT_EQ(e.code, "ResourceNotFoundException");
  EXPECT_EQ(e.message, "No cluster found for name: nope.");
  EXPECT_EQ(e.request_id, "abc-123");
  EXPECT_EQ(e.http_status, 404);
  AwsError body = ParseError(eks, Response(400, R"({"code":"InvalidParameterException",
                                                     "message":"bad"})"));
  EXPECT_EQ(body.code, "InvalidParameterException");
}

}  // namespace
}  // namespace pave::aws
