// The ec2 protocol against request and response examples of the EC2 API reference
// (DescribeVpcs, CreateVpc, RunInstances), expected bytes written by hand.
#include <gtest/gtest.h>

#include "aws/protocol_test_util.h"

namespace pave::aws {
namespace {

using testing::Op;
using testing::Parse;
using testing::Response;
using testing::Serialize;

TEST(Ec2ProtocolTest, DescribeVpcsRequest) {
  WireRequest r = Serialize("ec2", "DescribeVpcs", Value::parse(R"({
    "VpcIds": ["vpc-1a2b3c4d", "vpc-5e6f7a8b"],
    "Filters": [{"Name": "tag:Name", "Values": ["prod"]}],
    "DryRun": false})"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.QueryString(), "");
  EXPECT_EQ(testing::HeaderOf(r, "Content-Type"),
            "application/x-www-form-urlencoded; charset=utf-8");
  // Model order: Filters (queryName-less locationName "Filter"), VpcIds ("VpcId"), DryRun
  // (locationName "dryRun" capitalized).
  EXPECT_EQ(r.body,
            "Action=DescribeVpcs&Version=2016-11-15"
            "&Filter.1.Name=tag%3AName&Filter.1.Value.1=prod"
            "&VpcId.1=vpc-1a2b3c4d&VpcId.2=vpc-5e6f7a8b&DryRun=false");
}

TEST(Ec2ProtocolTest, EmptyListsAreLeftOutAndNoInputIsJustTheAction) {
  WireRequest r = Serialize("ec2", "DescribeVpcs", Value::parse(R"({"VpcIds": []})"));
  EXPECT_EQ(r.body, "Action=DescribeVpcs&Version=2016-11-15");
  WireRequest none = Serialize("ec2", "DescribeVpcs", Value());
  EXPECT_EQ(none.body, "Action=DescribeVpcs&Version=2016-11-15");
}

TEST(Ec2ProtocolTest, CreateVpcWithTagSpecifications) {
  WireRequest r = Serialize("ec2", "CreateVpc", Value::parse(R"({
    "CidrBlock": "10.0.0.0/16",
    "TagSpecifications": [{"ResourceType": "vpc",
                           "Tags": [{"Key": "Name", "Value": "prod vpc"}]}]})"));
  EXPECT_EQ(r.body,
            "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16"
            "&TagSpecification.1.ResourceType=vpc"
            "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=prod%20vpc");
}

TEST(Ec2ProtocolTest, QueryNameWinsOverLocationName) {
  // InstanceNetworkInterfaceSpecification.Ipv6Addresses: locationName ipv6AddressesSet,
  // queryName Ipv6Addresses.
  WireRequest r = Serialize("ec2", "RunInstances", Value::parse(R"({
    "ImageId": "ami-12345678", "MinCount": 1, "MaxCount": 1, "ClientToken": "t1",
    "NetworkInterfaces": [{"DeviceIndex": 0,
                           "Ipv6Addresses": [{"Ipv6Address": "2001:db8::1"}]}]})"));
  for (const char* pair : {"&ImageId=ami-12345678", "&MinCount=1", "&MaxCount=1",
                           "&ClientToken=t1", "&NetworkInterface.1.DeviceIndex=0",
                           "&NetworkInterface.1.Ipv6Addresses.1.Ipv6Address=2001%3Adb8%3A%3A1"}) {
    EXPECT_NE(r.body.find(pair), std::string::npos) << pair << " in " << r.body;
  }
}

TEST(Ec2ProtocolTest, DescribeVpcsResponse) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
    <vpcSet>
        <item>
            <vpcId>vpc-1a2b3c4d</vpcId>
            <ownerId>123456789012</ownerId>
            <state>available</state>
            <cidrBlock>10.0.0.0/16</cidrBlock>
            <cidrBlockAssociationSet>
                <item>
                    <cidrBlock>10.0.0.0/16</cidrBlock>
                    <associationId>vpc-cidr-assoc-0123456789abcdef0</associationId>
                    <cidrBlockState><state>associated</state></cidrBlockState>
                </item>
            </cidrBlockAssociationSet>
            <dhcpOptionsId>dopt-1a2b3c4d2</dhcpOptionsId>
            <instanceTenancy>default</instanceTenancy>
            <isDefault>false</isDefault>
            <tagSet><item><key>Name</key><value>prod &amp; co</value></item></tagSet>
            <somethingNew>ignored</somethingNew>
        </item>
    </vpcSet>
    <nextToken>page2</nextToken>
</DescribeVpcsResponse>)";
  Value out = Parse("ec2", "DescribeVpcs", Response(200, xml));
  EXPECT_EQ(out, Value::parse(R"({
    "NextToken": "page2",
    "Vpcs": [{
      "VpcId": "vpc-1a2b3c4d", "OwnerId": "123456789012", "State": "available",
      "CidrBlock": "10.0.0.0/16",
      "CidrBlockAssociationSet": [{"CidrBlock": "10.0.0.0/16",
                                   "AssociationId": "vpc-cidr-assoc-0123456789abcdef0",
                                   "CidrBlockState": {"State": "associated"}}],
      "DhcpOptionsId": "dopt-1a2b3c4d2", "InstanceTenancy": "default", "IsDefault": false,
      "Tags": [{"Key": "Name", "Value": "prod & co"}]}]})"))
      << out.dump(2);
}

TEST(Ec2ProtocolTest, EmptySetIsAnEmptyListAndTimestampsAreIso) {
  Value out = Parse("ec2", "DescribeVpcs", Response(200, R"(<DescribeVpcsResponse>
      <requestId>r</requestId><vpcSet/></DescribeVpcsResponse>)"));
  EXPECT_EQ(out, Value::parse(R"({"Vpcs": []})"));
  Value snap = Parse("ec2", "CreateSnapshot", Response(200, R"(<CreateSnapshotResponse>
      <snapshotId>snap-1</snapshotId><volumeSize>8</volumeSize>
      <startTime>2026-01-02T03:04:05.000Z</startTime><encrypted>true</encrypted>
      </CreateSnapshotResponse>)"));
  EXPECT_EQ(snap, Value::parse(R"({"SnapshotId": "snap-1", "VolumeSize": 8,
      "StartTime": "2026-01-02T03:04:05Z", "Encrypted": true})"));
}

TEST(Ec2ProtocolTest, Error) {
  const ServiceModel& ec2 = testing::Model("ec2");
  HttpResponse response = Response(400, R"(<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>)");
  EXPECT_TRUE(IsErrorResponse(ec2, Op("ec2", "DescribeVpcs"), response));
  AwsError e = ParseError(ec2, response);
  EXPECT_EQ(e.code, "InvalidVpcID.NotFound");
  EXPECT_EQ(e.message, "The vpc ID 'vpc-1' does not exist");
  EXPECT_EQ(e.request_id, "ea966190-f9aa-478e-9ede-example");
  EXPECT_EQ(e.http_status, 400);
}

TEST(Ec2ProtocolTest, MalformedResponseIsAnError) {
  const ServiceModel& ec2 = testing::Model("ec2");
  auto out = ParseResponse(ec2, Op("ec2", "DescribeVpcs"), Response(200, "<DescribeVpcs"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(out.status().message().find("not XML"), std::string::npos)
      << out.status().message();
}

TEST(Ec2ProtocolTest, AnUnreadableFieldIsLeftOutNotAnError) {
  Value out = Parse("ec2", "DescribeVpcs",
                    Response(200, "<r><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>maybe"
                                  "</isDefault></item></vpcSet></r>"));
  EXPECT_EQ(out, Value::parse(R"({"Vpcs": [{"VpcId": "vpc-1"}]})"));
}

}  // namespace
}  // namespace pave::aws
