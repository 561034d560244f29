// The rest-xml protocol against Route 53 and S3 examples from the API references, expected
// bytes written by hand.
#include <gtest/gtest.h>

#include "aws/protocol_test_util.h"
#include "core/hash.h"

namespace pave::aws {
namespace {

using testing::HeaderOf;
using testing::Op;
using testing::Parse;
using testing::Response;
using testing::Serialize;

TEST(RestXmlProtocolTest, CreateHostedZoneRequest) {
  WireRequest r = Serialize("route53", "CreateHostedZone", Value::parse(R"({
    "Name": "example.com", "CallerReference": "myUniqueIdentifier",
    "HostedZoneConfig": {"Comment": "This is my first hosted zone.", "PrivateZone": false}})"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/2013-04-01/hostedzone");
  EXPECT_EQ(r.body,
            R"(<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">)"
            "<Name>example.com</Name><CallerReference>myUniqueIdentifier</CallerReference>"
            "<HostedZoneConfig><Comment>This is my first hosted zone.</Comment>"
            "<PrivateZone>false</PrivateZone></HostedZoneConfig></CreateHostedZoneRequest>");
}

TEST(RestXmlProtocolTest, ChangeResourceRecordSetsRequest) {
  WireRequest r = Serialize("route53", "ChangeResourceRecordSets", Value::parse(R"({
    "HostedZoneId": "Z1D633PJN98FT9",
    "ChangeBatch": {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
        "Name": "www.example.com", "Type": "A", "TTL": 300,
        "ResourceRecords": [{"Value": "192.0.2.44"}]}}]}})"));
  EXPECT_EQ(r.path, "/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/");
  EXPECT_EQ(r.body,
            R"(<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">)"
            "<ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet>"
            "<Name>www.example.com</Name><Type>A</Type><TTL>300</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.44</Value></ResourceRecord>"
            "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
            "</ChangeResourceRecordSetsRequest>");
}

TEST(RestXmlProtocolTest, GetHostedZoneResponse) {
  Value out = Parse("route53", "GetHostedZone", Response(200, R"(<?xml version="1.0"?>
<GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
   <HostedZone>
      <Id>/hostedzone/Z1D633PJN98FT9</Id>
      <Name>example.com.</Name>
      <CallerReference>2014-10-01T11:22:14Z</CallerReference>
      <Config><Comment>Test comment</Comment><PrivateZone>false</PrivateZone></Config>
      <ResourceRecordSetCount>17</ResourceRecordSetCount>
   </HostedZone>
   <DelegationSet>
      <NameServers>
         <NameServer>ns-2048.awsdns-64.com</NameServer>
         <NameServer>ns-2049.awsdns-65.net</NameServer>
      </NameServers>
   </DelegationSet>
</GetHostedZoneResponse>)"));
  EXPECT_EQ(out, Value::parse(R"({
    "HostedZone": {"Id": "/hostedzone/Z1D633PJN98FT9", "Name": "example.com.",
                   "CallerReference": "2014-10-01T11:22:14Z",
                   "Config": {"Comment": "Test comment", "PrivateZone": false},
                   "ResourceRecordSetCount": 17},
    "DelegationSet": {"NameServers": ["ns-2048.awsdns-64.com", "ns-2049.awsdns-65.net"]}})"))
      << out.dump(2);
}

TEST(RestXmlProtocolTest, HeaderMemberFromCreatedResponse) {
  Value out = Parse("route53", "CreateHostedZone", Response(201, R"(
<CreateHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><CallerReference>c</CallerReference></HostedZone>
  <ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status><SubmittedAt>2026-01-02T03:04:05.000Z</SubmittedAt></ChangeInfo>
  <DelegationSet><NameServers><NameServer>ns-1.example</NameServer></NameServers></DelegationSet>
</CreateHostedZoneResponse>)",
      {{"location", "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1"}}));
  EXPECT_EQ(out["Location"], "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1");
  EXPECT_EQ(out["ChangeInfo"]["SubmittedAt"], "2026-01-02T03:04:05Z");
  EXPECT_EQ(out["HostedZone"]["Id"], "/hostedzone/Z1");
}

TEST(RestXmlProtocolTest, Route53Error) {
  AwsError e = ParseError(testing::Model("route53"), Response(404, R"(<?xml version="1.0"?>
<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error><RequestId>8e5a1bd6-example</RequestId></ErrorResponse>)"));
  EXPECT_EQ(e.code, "NoSuchHostedZone");
  EXPECT_EQ(e.message, "No hosted zone found with ID: Z1");
  EXPECT_EQ(e.request_id, "8e5a1bd6-example");
}

TEST(RestXmlProtocolTest, S3PayloadStructureWithChecksum) {
  WireRequest r = Serialize("s3", "PutBucketTagging", Value::parse(R"({
    "Bucket": "my-bucket", "Tagging": {"TagSet": [{"Key": "team", "Value": "core"}]}})"));
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.path, "/my-bucket");
  EXPECT_EQ(r.QueryString(), "tagging=");
  const std::string body =
      R"(<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>)"
      "<Tag><Key>team</Key><Value>core</Value></Tag></TagSet></Tagging>";
  EXPECT_EQ(r.body, body);
  // Content-MD5: base64 of the MD5 of the body (the operation requires a checksum).
  std::string md5_hex = "";
  EXPECT_FALSE(HeaderOf(r, "Content-MD5").empty());
  EXPECT_EQ(HeaderOf(r, "Content-MD5").size(), 24u);
}

TEST(RestXmlProtocolTest, S3CreateBucketConfiguration) {
  WireRequest r = Serialize("s3", "CreateBucket", Value::parse(R"({
    "Bucket": "b", "ACL": "private",
    "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}})"));
  EXPECT_EQ(r.path, "/b");
  EXPECT_EQ(HeaderOf(r, "x-amz-acl"), "private");
  EXPECT_EQ(r.body,
            R"(<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
            "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
  WireRequest plain = Serialize("s3", "CreateBucket", Value::parse(R"({"Bucket": "b"})"));
  EXPECT_EQ(plain.body, "");
}

TEST(RestXmlProtocolTest, S3PutObjectRawBodyGreedyKeyAndHeaders) {
  WireRequest r = Serialize("s3", "PutObject", Value::parse(R"({
    "Bucket": "b", "Key": "dir/a b+c.txt", "Body": "aGVsbG8=", "ContentType": "text/plain",
    "Metadata": {"owner": "me"}, "Expires": "2026-01-02T03:04:05Z"})"));
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.path, "/b/dir/a%20b%2Bc.txt");
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "text/plain");
  EXPECT_EQ(HeaderOf(r, "x-amz-meta-owner"), "me");
  EXPECT_EQ(HeaderOf(r, "Expires"), "Fri, 02 Jan 2026 03:04:05 GMT");
}

TEST(RestXmlProtocolTest, S3GetObjectHeadersAndRawBody) {
  Value out = Parse("s3", "GetObject", Response(200, "hello",
      {{"content-length", "5"}, {"etag", "\"5d41402abc4b2a76b9719d911017c592\""},
       {"last-modified", "Wed, 12 Oct 2009 17:50:00 GMT"}, {"x-amz-meta-owner", "me"},
       {"content-type", "text/plain"}}));
  EXPECT_EQ(out, Value::parse(R"({"Body": "aGVsbG8=", "ContentLength": 5,
      "ETag": "\"5d41402abc4b2a76b9719d911017c592\"",
      "LastModified": "2009-10-12T17:50:00Z", "Metadata": {"owner": "me"},
      "ContentType": "text/plain"})")) << out.dump(2);
}

TEST(RestXmlProtocolTest, S3ListObjectsV2FlattenedContents) {
  Value out = Parse("s3", "ListObjectsV2", Response(200, R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <Name>bucket</Name>
    <Prefix/>
    <KeyCount>2</KeyCount>
    <MaxKeys>1000</MaxKeys>
    <IsTruncated>false</IsTruncated>
    <Contents>
        <Key>my-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
        <Size>434234</Size>
        <StorageClass>STANDARD</StorageClass>
    </Contents>
    <Contents>
        <Key>my-third-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>&quot;1b2cf535f27731c974343645a3985328&quot;</ETag>
        <Size>64994</Size>
        <StorageClass>STANDARD_IA</StorageClass>
    </Contents>
</ListBucketResult>)"));
  EXPECT_EQ(out, Value::parse(R"({"Name": "bucket", "Prefix": "", "KeyCount": 2,
      "MaxKeys": 1000, "IsTruncated": false, "Contents": [
      {"Key": "my-image.jpg", "LastModified": "2009-10-12T17:50:30Z",
       "ETag": "\"fba9dede5f27731c9771645a39863328\"", "Size": 434234,
       "StorageClass": "STANDARD"},
      {"Key": "my-third-image.jpg", "LastModified": "2009-10-12T17:50:30Z",
       "ETag": "\"1b2cf535f27731c974343645a3985328\"", "Size": 64994,
       "StorageClass": "STANDARD_IA"}]})")) << out.dump(2);
}

TEST(RestXmlProtocolTest, S3XmlAttributesBothWays) {
  Value acl = Parse("s3", "GetBucketAcl", Response(200, R"(<AccessControlPolicy>
    <Owner><ID>abc</ID></Owner>
    <AccessControlList><Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">
        <ID>abc</ID></Grantee>
      <Permission>FULL_CONTROL</Permission>
    </Grant></AccessControlList></AccessControlPolicy>)"));
  EXPECT_EQ(acl["Grants"], Value::parse(R"([{"Grantee": {"Type": "CanonicalUser", "ID": "abc"},
                                              "Permission": "FULL_CONTROL"}])")) << acl.dump(2);
  WireRequest r = Serialize("s3", "PutBucketAcl", Value::parse(R"({"Bucket": "b",
    "AccessControlPolicy": {"Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "abc"},
                                        "Permission": "READ"}], "Owner": {"ID": "abc"}}})"));
  EXPECT_EQ(r.body,
            R"(<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
            "<AccessControlList><Grant>"
            R"(<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">)"
            "<ID>abc</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList>"
            "<Owner><ID>abc</ID></Owner></AccessControlPolicy>");
}

TEST(RestXmlProtocolTest, S3GetBucketLocationRootIsTheMember) {
  Value out = Parse("s3", "GetBucketLocation", Response(200, R"(<?xml version="1.0"?>
<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>)"));
  EXPECT_EQ(out, Value::parse(R"({"LocationConstraint": "eu-west-1"})"));
}

TEST(RestXmlProtocolTest, S3Errors) {
  const ServiceModel& s3 = testing::Model("s3");
  AwsError e = ParseError(s3, Response(404, R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The resource you requested does not exist</Message><Resource>/mybucket/myfoto.jpg</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>)"));
  EXPECT_EQ(e.code, "NoSuchKey");
  EXPECT_EQ(e.message, "The resource you requested does not exist");
  EXPECT_EQ(e.request_id, "4442587FB7D0A2F9");
  // HEAD has no body: the code is the status, as botocore reports it.
  AwsError head = ParseError(s3, Response(404, "", {{"x-amz-request-id", "R1"}}));
  EXPECT_EQ(head.code, "404");
  EXPECT_EQ(head.message, "Not Found");
  EXPECT_EQ(head.request_id, "R1");
  // CopyObject can fail with 200 and an <Error> body.
  HttpResponse copy = Response(200, "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code>"
                                    "<Message>We encountered an internal error</Message></Error>");
  EXPECT_TRUE(IsErrorResponse(s3, Op("s3", "CopyObject"), copy));
  EXPECT_EQ(ParseError(s3, copy).code, "InternalError");
  EXPECT_FALSE(IsErrorResponse(s3, Op("s3", "GetObject"), Response(200, "<Error></Error>")));
}

}  // namespace
}  // namespace pave::aws
