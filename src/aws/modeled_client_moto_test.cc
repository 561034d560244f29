// ModeledAwsClient against moto over real HTTP (libcurl): one operation per service pave
// embeds, read back; an error per protocol with the AWS code; pagination across pages.
// SSO's portal API is not in moto: a loopback HttpServer plays it.
#include <gtest/gtest.h>

#include <atomic>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "core/hash.h"
#include "testing/http_server.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using testing::MotoServer;
using testing::OverlayEnv;

class CountingObserver : public AwsCallObserver {
 public:
  void OnAttempt(const AwsCallRecord&) override { ++attempts; }
  std::atomic<int> attempts{0};
};

class AwsMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto moto = MotoServer::Start();
    ASSERT_TRUE(moto.ok()) << moto.status().ToString();
    moto_ = std::move(moto).value().release();
  }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }

  AwsMotoTest() : http_(&env_, {}) {}

  void SetUp() override {
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(moto_->Reset().ok());
    ResolvedAwsConfig config;
    config.region = "us-east-1";
    config.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{"testing", "testing", "", {}, "test"});
    config.endpoints.region = "us-east-1";
    config.endpoints.global_url = moto_->endpoint();
    config.retry.base_delay = std::chrono::milliseconds(10);
    auto client = NewAwsClient(&env_, &http_, config, {.observer = &calls_});
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    client_ = std::move(client).value();
  }

  Value Call(const std::string& service, const std::string& op, const Value& input,
             const CallOptions& options = {}) {
    auto out = client_->Call(service, op, input, options);
    EXPECT_TRUE(out.ok()) << service << " " << op << ": " << out.status().ToString();
    return out.ok() ? *out : Value::object();
  }
  Value Call(const std::string& service, const std::string& op, const char* json) {
    return Call(service, op, Value::parse(json));
  }
  // The failure of a call that must fail.
  Status Error(const std::string& service, const std::string& op, const char* json) {
    auto out = client_->Call(service, op, Value::parse(json));
    EXPECT_FALSE(out.ok()) << service << " " << op << " succeeded: " << out->dump();
    return out.status();
  }

  static MotoServer* moto_;
  OverlayEnv env_;
  CurlHttpClient http_;
  CountingObserver calls_;
  std::unique_ptr<AwsClient> client_;
};

MotoServer* AwsMotoTest::moto_ = nullptr;

void ExpectAwsError(const Status& s, const std::string& code, StatusCode status_code) {
  EXPECT_EQ(s.reason(), code) << s.ToString();
  EXPECT_EQ(s.code(), status_code) << s.ToString();
  EXPECT_EQ(s.message().rfind(code + ": ", 0), 0u) << s.message();
  EXPECT_NE(s.message().find(", http "), std::string::npos) << s.message();
}

// --- ec2 protocol ---

TEST_F(AwsMotoTest, Ec2CreateDescribeAndNotFound) {
  Value vpc = Call("ec2", "CreateVpc", R"({"CidrBlock": "10.1.0.0/16",
      "TagSpecifications": [{"ResourceType": "vpc",
                             "Tags": [{"Key": "Name", "Value": "pave test"}]}]})");
  std::string id = vpc["Vpc"].value("VpcId", "");
  ASSERT_FALSE(id.empty()) << vpc.dump();
  Value found = Call("ec2", "DescribeVpcs", Value{{"VpcIds", {id}}});
  ASSERT_EQ(found["Vpcs"].size(), 1u) << found.dump();
  EXPECT_EQ(found["Vpcs"][0]["CidrBlock"], "10.1.0.0/16");
  EXPECT_EQ(found["Vpcs"][0]["Tags"], Value::parse(R"([{"Key": "Name", "Value": "pave test"}])"));
  Value by_tag = Call("ec2", "DescribeVpcs",
                      R"({"Filters": [{"Name": "tag:Name", "Values": ["pave test"]}]})");
  ASSERT_EQ(by_tag["Vpcs"].size(), 1u);
  EXPECT_EQ(by_tag["Vpcs"][0]["VpcId"], id);
  ExpectAwsError(Error("ec2", "DescribeVpcs", R"({"VpcIds": ["vpc-00000000"]})"),
                 "InvalidVpcID.NotFound", StatusCode::kNotFound);
}

// --- query protocol: iam, sts, rds, elbv2 ---

TEST_F(AwsMotoTest, IamRoleAndNoSuchEntity) {
  Call("iam", "CreateRole", R"({"RoleName": "pave-role", "Path": "/pave/",
      "AssumeRolePolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
      "Tags": [{"Key": "team", "Value": "core"}]})");
  Value role = Call("iam", "GetRole", R"({"RoleName": "pave-role"})")["Role"];
  EXPECT_EQ(role["RoleName"], "pave-role");
  EXPECT_EQ(role["Path"], "/pave/");
  EXPECT_EQ(role["Arn"], "arn:aws:iam::123456789012:role/pave/pave-role");
  EXPECT_EQ(role["CreateDate"].get<std::string>().back(), 'Z');
  ExpectAwsError(Error("iam", "GetRole", R"({"RoleName": "missing"})"), "NoSuchEntity",
                 StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, IamPaginationAcrossPages) {
  for (int i = 0; i < 25; ++i) {
    Call("iam", "CreateRole", Value{{"RoleName", "pave-page-" + std::to_string(i)},
                                    {"Path", "/paged/"},
                                    {"AssumeRolePolicyDocument", "{}"}});
  }
  int before = calls_.attempts;
  auto all = client_->CallAllPages("iam", "ListRoles", Value{{"PathPrefix", "/paged/"},
                                                             {"MaxItems", 10}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ((*all)["Roles"].size(), 25u);
  EXPECT_EQ(calls_.attempts - before, 3);
  EXPECT_FALSE(all->contains("Marker"));
  EXPECT_EQ((*all)["IsTruncated"], false);
}

TEST_F(AwsMotoTest, StsCallerIdentity) {
  Value id = Call("sts", "GetCallerIdentity", Value::object());
  EXPECT_EQ(id["Account"], "123456789012");
  EXPECT_NE(id.value("Arn", "").find("arn:aws:"), std::string::npos);
}

TEST_F(AwsMotoTest, RdsParameterGroupAndNotFound) {
  Call("rds", "CreateDBParameterGroup", R"({"DBParameterGroupName": "pave-pg",
      "DBParameterGroupFamily": "postgres16", "Description": "pave test"})");
  Value groups = Call("rds", "DescribeDBParameterGroups", R"({"DBParameterGroupName": "pave-pg"})");
  ASSERT_EQ(groups["DBParameterGroups"].size(), 1u) << groups.dump();
  EXPECT_EQ(groups["DBParameterGroups"][0]["DBParameterGroupFamily"], "postgres16");
  ExpectAwsError(Error("rds", "DescribeDBInstances", R"({"DBInstanceIdentifier": "missing"})"),
                 "DBInstanceNotFound", StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, Elbv2TargetGroup) {
  std::string vpc = Call("ec2", "CreateVpc", R"({"CidrBlock": "10.2.0.0/16"})")["Vpc"]["VpcId"];
  Call("elbv2", "CreateTargetGroup", Value{{"Name", "pave-tg"}, {"Protocol", "HTTP"},
                                           {"Port", 8080}, {"VpcId", vpc},
                                           {"TargetType", "ip"}});
  Value tgs = Call("elbv2", "DescribeTargetGroups", R"({"Names": ["pave-tg"]})");
  ASSERT_EQ(tgs["TargetGroups"].size(), 1u) << tgs.dump();
  EXPECT_EQ(tgs["TargetGroups"][0]["Port"], 8080);
  EXPECT_EQ(tgs["TargetGroups"][0]["VpcId"], vpc);
}

// --- json protocol: dynamodb, ssm, kms, acm, organizations, cloudtrail, config, wafv2, logs,
// secretsmanager ---

TEST_F(AwsMotoTest, DynamoDbTableItemAndNotFound) {
  Call("dynamodb", "CreateTable", R"({"TableName": "pave-locks",
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "BillingMode": "PAY_PER_REQUEST"})");
  Value table = Call("dynamodb", "DescribeTable", R"({"TableName": "pave-locks"})")["Table"];
  EXPECT_EQ(table["TableName"], "pave-locks");
  EXPECT_EQ(table["CreationDateTime"].get<std::string>().substr(0, 2), "20");
  Call("dynamodb", "PutItem", R"({"TableName": "pave-locks",
      "Item": {"id": {"S": "lock-1"}, "blob": {"B": "aGVsbG8="}, "n": {"N": "42"}}})");
  Value item = Call("dynamodb", "GetItem", R"({"TableName": "pave-locks",
      "Key": {"id": {"S": "lock-1"}}})");
  EXPECT_EQ(item["Item"], Value::parse(R"({"id": {"S": "lock-1"}, "blob": {"B": "aGVsbG8="},
                                          "n": {"N": "42"}})"));
  ExpectAwsError(Error("dynamodb", "DescribeTable", R"({"TableName": "missing"})"),
                 "ResourceNotFoundException", StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, SsmPaginationAcrossPagesAndNotFound) {
  for (int i = 0; i < 25; ++i) {
    Call("ssm", "PutParameter", Value{{"Name", "/pave/test/p" + std::to_string(i)},
                                      {"Value", "v" + std::to_string(i)},
                                      {"Type", "SecureString"}});
  }
  int before = calls_.attempts;
  auto all = client_->CallAllPages("ssm", "GetParametersByPath",
                                   Value{{"Path", "/pave/test"}, {"MaxResults", 10},
                                         {"WithDecryption", true}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ((*all)["Parameters"].size(), 25u);
  EXPECT_EQ(calls_.attempts - before, 3);
  EXPECT_FALSE(all->contains("NextToken"));
  std::set<std::string> values;
  for (const Value& p : (*all)["Parameters"]) values.insert(p["Value"].get<std::string>());
  EXPECT_EQ(values.size(), 25u);
  EXPECT_EQ(values.count("v24"), 1u);
  ExpectAwsError(Error("ssm", "GetParameter", R"({"Name": "/missing"})"), "ParameterNotFound",
                 StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, KmsKeyEncryptDecrypt) {
  std::string key = Call("kms", "CreateKey", R"({"Description": "pave"})")["KeyMetadata"]["KeyId"];
  Value desc = Call("kms", "DescribeKey", Value{{"KeyId", key}});
  EXPECT_EQ(desc["KeyMetadata"]["Description"], "pave");
  std::string plaintext = Base64Encode("s3cr3t bytes");
  Value enc = Call("kms", "Encrypt", Value{{"KeyId", key}, {"Plaintext", plaintext}});
  ASSERT_TRUE(enc["CiphertextBlob"].is_string());
  Value dec = Call("kms", "Decrypt", Value{{"CiphertextBlob", enc["CiphertextBlob"]}});
  EXPECT_EQ(dec["Plaintext"], plaintext);
}

TEST_F(AwsMotoTest, AcmCertificate) {
  std::string arn = Call("acm", "RequestCertificate", R"({"DomainName": "www.example.com",
      "ValidationMethod": "DNS"})")["CertificateArn"];
  Value cert = Call("acm", "DescribeCertificate", Value{{"CertificateArn", arn}})["Certificate"];
  EXPECT_EQ(cert["DomainName"], "www.example.com");
}

TEST_F(AwsMotoTest, OrganizationsCreateDescribe) {
  Call("organizations", "CreateOrganization", R"({"FeatureSet": "ALL"})");
  Value org = Call("organizations", "DescribeOrganization", Value::object());
  EXPECT_EQ(org["Organization"]["FeatureSet"], "ALL");
  EXPECT_EQ(org["Organization"]["MasterAccountId"], "123456789012");
}

TEST_F(AwsMotoTest, CloudTrailTrail) {
  Call("s3", "CreateBucket", R"({"Bucket": "pave-trail-logs"})");
  Call("cloudtrail", "CreateTrail", R"({"Name": "pave-trail", "S3BucketName": "pave-trail-logs",
      "IsMultiRegionTrail": true, "EnableLogFileValidation": true})");
  Value trail = Call("cloudtrail", "GetTrail", R"({"Name": "pave-trail"})")["Trail"];
  EXPECT_EQ(trail["S3BucketName"], "pave-trail-logs");
  EXPECT_EQ(trail["IsMultiRegionTrail"], true);
}

TEST_F(AwsMotoTest, ConfigRecorder) {
  Call("config", "PutConfigurationRecorder", R"({"ConfigurationRecorder": {"name": "default",
      "roleARN": "arn:aws:iam::123456789012:role/config",
      "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": true}}})");
  Value recorders = Call("config", "DescribeConfigurationRecorders", Value::object());
  ASSERT_EQ(recorders["ConfigurationRecorders"].size(), 1u) << recorders.dump();
  EXPECT_EQ(recorders["ConfigurationRecorders"][0]["name"], "default");
}

TEST_F(AwsMotoTest, Wafv2IpSet) {
  Value created = Call("wafv2", "CreateIPSet", R"({"Name": "pave-ips", "Scope": "REGIONAL",
      "IPAddressVersion": "IPV4", "Addresses": ["192.0.2.0/24"]})");
  std::string id = created["Summary"]["Id"];
  Value got = Call("wafv2", "GetIPSet", Value{{"Name", "pave-ips"}, {"Scope", "REGIONAL"},
                                              {"Id", id}});
  EXPECT_EQ(got["IPSet"]["Addresses"], Value::parse(R"(["192.0.2.0/24"])"));
}

TEST_F(AwsMotoTest, LogsGroup) {
  Call("logs", "CreateLogGroup", R"({"logGroupName": "/pave/flow-logs"})");
  Call("logs", "PutRetentionPolicy", R"({"logGroupName": "/pave/flow-logs",
      "retentionInDays": 30})");
  Value groups = Call("logs", "DescribeLogGroups", R"({"logGroupNamePrefix": "/pave"})");
  ASSERT_EQ(groups["logGroups"].size(), 1u);
  EXPECT_EQ(groups["logGroups"][0]["retentionInDays"], 30);
}

TEST_F(AwsMotoTest, SecretsManagerSecret) {
  Call("secretsmanager", "CreateSecret", R"({"Name": "pave/db", "SecretString": "s3cr3t"})");
  Value secret = Call("secretsmanager", "GetSecretValue", R"({"SecretId": "pave/db"})");
  EXPECT_EQ(secret["SecretString"], "s3cr3t");
  EXPECT_EQ(secret["Name"], "pave/db");
}

// --- rest-json protocol: eks, guardduty (sso below) ---

TEST_F(AwsMotoTest, EksClusterAndNotFound) {
  Call("eks", "CreateCluster", R"({"name": "pave", "version": "1.29",
      "roleArn": "arn:aws:iam::123456789012:role/eks",
      "resourcesVpcConfig": {"subnetIds": ["subnet-1", "subnet-2"]},
      "tags": {"team": "core"}})");
  Value cluster = Call("eks", "DescribeCluster", R"({"name": "pave"})")["cluster"];
  EXPECT_EQ(cluster["name"], "pave");
  EXPECT_EQ(cluster["tags"], Value::parse(R"({"team": "core"})"));
  EXPECT_EQ(cluster["createdAt"].get<std::string>().back(), 'Z');
  Value list = Call("eks", "ListClusters", Value::object());
  EXPECT_EQ(list["clusters"], Value::parse(R"(["pave"])"));
  ExpectAwsError(Error("eks", "DescribeCluster", R"({"name": "missing"})"),
                 "ResourceNotFoundException", StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, GuardDutyDetector) {
  std::string id = Call("guardduty", "CreateDetector", R"({"Enable": true})")["DetectorId"];
  ASSERT_FALSE(id.empty());
  Value detector = Call("guardduty", "GetDetector", Value{{"DetectorId", id}});
  EXPECT_EQ(detector["Status"], "ENABLED");
  EXPECT_EQ(Call("guardduty", "ListDetectors", Value::object())["DetectorIds"],
            Value::array({id}));
}

// --- rest-xml protocol: s3, route53 ---

TEST_F(AwsMotoTest, S3ObjectsTagsAndErrors) {
  Call("s3", "CreateBucket", R"({"Bucket": "pave-bucket"})");
  Call("s3", "PutObject", Value{{"Bucket", "pave-bucket"}, {"Key", "dir/hello world.txt"},
                                {"Body", Base64Encode("hello")}, {"ContentType", "text/plain"},
                                {"Metadata", {{"owner", "me"}}}});
  Value got = Call("s3", "GetObject", R"({"Bucket": "pave-bucket", "Key": "dir/hello world.txt"})");
  EXPECT_EQ(got["Body"], Base64Encode("hello"));
  EXPECT_EQ(got["ContentType"], "text/plain");
  EXPECT_EQ(got["Metadata"], Value::parse(R"({"owner": "me"})"));
  EXPECT_EQ(got["ContentLength"], 5);
  Value list = Call("s3", "ListObjectsV2", R"({"Bucket": "pave-bucket"})");
  ASSERT_EQ(list["Contents"].size(), 1u);
  EXPECT_EQ(list["Contents"][0]["Key"], "dir/hello world.txt");
  Call("s3", "PutBucketTagging", R"({"Bucket": "pave-bucket",
      "Tagging": {"TagSet": [{"Key": "team", "Value": "core"}]}})");
  EXPECT_EQ(Call("s3", "GetBucketTagging", R"({"Bucket": "pave-bucket"})")["TagSet"],
            Value::parse(R"([{"Key": "team", "Value": "core"}])"));
  ExpectAwsError(Error("s3", "GetObject", R"({"Bucket": "pave-bucket", "Key": "missing"})"),
                 "NoSuchKey", StatusCode::kNotFound);
  ExpectAwsError(Error("s3", "HeadObject", R"({"Bucket": "pave-bucket", "Key": "missing"})"),
                 "404", StatusCode::kNotFound);
}

TEST_F(AwsMotoTest, S3RegionalBucketAndPagination) {
  Call("s3", "CreateBucket",
       Value::parse(R"({"Bucket": "pave-eu",
           "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}})"),
       CallOptions{"eu-west-1"});
  EXPECT_EQ(Call("s3", "GetBucketLocation", R"({"Bucket": "pave-eu"})")["LocationConstraint"],
            "eu-west-1");
  for (int i = 0; i < 25; ++i) {
    Call("s3", "PutObject", Value{{"Bucket", "pave-eu"}, {"Key", "k" + std::to_string(i)},
                                  {"Body", ""}});
  }
  int before = calls_.attempts;
  auto all = client_->CallAllPages("s3", "ListObjectsV2", Value{{"Bucket", "pave-eu"},
                                                                {"MaxKeys", 10}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ((*all)["Contents"].size(), 25u);
  EXPECT_EQ(calls_.attempts - before, 3);
}

TEST_F(AwsMotoTest, Route53ZoneRecordsAndNoSuchHostedZone) {
  Value created = Call("route53", "CreateHostedZone", R"({"Name": "example.com",
      "CallerReference": "pave-1", "HostedZoneConfig": {"Comment": "pave test"}})");
  std::string id = created["HostedZone"]["Id"];
  ASSERT_EQ(id.rfind("/hostedzone/", 0), 0u) << created.dump();
  EXPECT_FALSE(created["DelegationSet"]["NameServers"].empty());
  Value zone = Call("route53", "GetHostedZone", Value{{"Id", id}})["HostedZone"];
  EXPECT_EQ(zone["Name"], "example.com.");
  EXPECT_EQ(zone["Config"]["Comment"], "pave test");
  Call("route53", "ChangeResourceRecordSets", Value::parse(R"({"HostedZoneId": ")" + id + R"(",
      "ChangeBatch": {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
          "Name": "www.example.com", "Type": "A", "TTL": 300,
          "ResourceRecords": [{"Value": "192.0.2.44"}]}}]}})"));
  auto records = client_->CallAllPages("route53", "ListResourceRecordSets",
                                       Value{{"HostedZoneId", id}});
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  bool found = false;
  for (const Value& r : (*records)["ResourceRecordSets"]) {
    if (r["Name"] == "www.example.com." && r["Type"] == "A") {
      found = true;
      EXPECT_EQ(r["ResourceRecords"], Value::parse(R"([{"Value": "192.0.2.44"}])"));
    }
  }
  EXPECT_TRUE(found) << records->dump();
  ExpectAwsError(Error("route53", "GetHostedZone", R"({"Id": "ZNOTTHERE"})"), "NoSuchHostedZone",
                 StatusCode::kNotFound);
}

// --- sso (rest-json, unsigned), against a loopback stand-in for the portal ---

TEST(SsoPortalTest, GetRoleCredentials) {
  auto server = testing::HttpServer::Start([](const HttpRequest& r) {
    if (r.url != "/federation/credentials?role_name=admin&account_id=123456789012" ||
        FindHeader(r.headers, "x-amz-sso_bearer_token") != "token-1" ||
        !FindHeader(r.headers, "authorization").empty()) {
      return HttpResponse{401, {{"x-amzn-errortype", "UnauthorizedException"}},
                          R"({"message": "bad request: )" + r.url + "\"}"};
    }
    return HttpResponse{200, {{"content-type", "application/json"}},
                        R"({"roleCredentials": {"accessKeyId": "ASIA1", "secretAccessKey": "s",
                            "sessionToken": "t", "expiration": 1767323045000}})"};
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  OverlayEnv env;
  CurlHttpClient http(&env, {});
  ResolvedAwsConfig config;
  config.region = "eu-west-1";
  config.credentials = std::make_shared<StaticCredentialsProvider>(Credentials{"a", "b"});
  config.endpoints.global_url = (*server)->url();
  auto client = NewAwsClient(&env, &http, config);
  ASSERT_TRUE(client.ok());
  auto out = (*client)->Call("sso", "GetRoleCredentials", Value::parse(R"({"roleName": "admin",
      "accountId": "123456789012", "accessToken": "token-1"})"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["roleCredentials"]["accessKeyId"], "ASIA1");
  EXPECT_EQ((*out)["roleCredentials"]["expiration"], 1767323045000);
  auto denied = (*client)->Call("sso", "GetRoleCredentials", Value::parse(R"({"roleName": "x",
      "accountId": "123456789012", "accessToken": "token-1"})"));
  EXPECT_EQ(denied.status().reason(), "UnauthorizedException");
  EXPECT_EQ(denied.status().code(), StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace pave::aws
