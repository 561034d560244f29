#include "providers/aws/s3/bucket.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "providers/aws/common/tags.h"
#include "providers/aws/s3/bucket_config.h"
#include "providers/aws/s3/bucket_objects.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

// A small in-memory S3: buckets with settings, tags and object versions.
class FakeS3 {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "ListBuckets") {
      Value out = Value::array();
      for (const auto& [name, b] : buckets_) out.push_back({{"Name", name}});
      return Value{{"Buckets", out}};
    }
    std::string name = in.value("Bucket", "");
    if (op == "CreateBucket") {
      if (taken_.count(name)) return Status::AlreadyExists("BucketAlreadyExists").WithReason("BucketAlreadyExists");
      if (buckets_.count(name)) return Status::AlreadyExists("BucketAlreadyOwnedByYou").WithReason("BucketAlreadyOwnedByYou");
      buckets_[name] = {{"objects", Value::array()}};
      return Value::object();
    }
    auto it = buckets_.find(name);
    if (it == buckets_.end()) return Status::NotFound("NoSuchBucket: no").WithReason("NoSuchBucket");
    Value& b = it->second;
    auto get = [&](const char* key, const char* absent) -> Result<Value> {
      if (!b.contains(key)) return Status::NotFound(std::string(absent) + ": none").WithReason(absent);
      return b[key];
    };
    if (op == "PutBucketTagging") b["tagging"] = in["Tagging"];
    if (op == "GetBucketTagging") return get("tagging", "NoSuchTagSet");
    if (op == "PutPublicAccessBlock") b["pab"] = {{"PublicAccessBlockConfiguration", in["PublicAccessBlockConfiguration"]}};
    if (op == "GetPublicAccessBlock") return get("pab", "NoSuchPublicAccessBlockConfiguration");
    if (op == "PutBucketEncryption") b["sse"] = {{"ServerSideEncryptionConfiguration", in["ServerSideEncryptionConfiguration"]}};
    if (op == "GetBucketEncryption") return get("sse", "ServerSideEncryptionConfigurationNotFoundError");
    if (op == "PutBucketVersioning") b["versioning"] = in["VersioningConfiguration"];
    if (op == "GetBucketVersioning") return b.value("versioning", Value::object());
    if (op == "PutBucketPolicy") b["policy"] = {{"Policy", in["Policy"]}};
    if (op == "GetBucketPolicy") return get("policy", "NoSuchBucketPolicy");
    if (op == "DeleteBucketPolicy") b.erase("policy");
    if (op == "DeletePublicAccessBlock") b.erase("pab");
    if (op == "PutBucketLifecycleConfiguration") b["lifecycle"] = in["LifecycleConfiguration"];
    if (op == "GetBucketLifecycleConfiguration") return get("lifecycle", "NoSuchLifecycleConfiguration");
    if (op == "DeleteBucketLifecycle") b.erase("lifecycle");
    if (op == "ListObjectVersions") {
      Value versions = Value::array();
      for (const Value& o : b["objects"]) {
        if (versions.size() < 2) versions.push_back(o);  // small pages to exercise the loop
      }
      return Value{{"Versions", versions}, {"IsTruncated", b["objects"].size() > 2}};
    }
    if (op == "DeleteObjects") {
      Value keep = Value::array();
      for (const Value& o : b["objects"]) {
        bool listed = false;
        for (const Value& d : in["Delete"]["Objects"]) listed |= d == o;
        if (!listed) keep.push_back(o);
      }
      b["objects"] = keep;
      return Value::object();
    }
    if (op == "DeleteBucket") {
      if (!b["objects"].empty()) return Status::FailedPrecondition("BucketNotEmpty").WithReason("BucketNotEmpty");
      buckets_.erase(it);
    }
    return Value::object();
  }

  std::map<std::string, Value> buckets_;
  std::set<std::string> taken_;  // other accounts' buckets
};

class S3BucketTest : public ::testing::Test {
 protected:
  S3BucketTest()
      : client_([this](const std::string& svc, const std::string& op, const Value& in) -> Result<Value> {
          if (svc == "sts" && op == "GetCallerIdentity") return Value{{"Account", "111122223333"}};
          EXPECT_EQ(svc, "s3");
          return s3_.Handle(op, in);
        }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        type_(NewS3BucketType(deps_)) {}

  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"aws_s3_bucket", "assets"};
    ctx.platform = "shop";
    ctx.idempotency_token = "0123456789abcdef0123456789abcdef";
    return ctx;
  }

  static Value Desired() {
    return {{"bucket", "shop-assets-111122223333-eu-west-1"}, {"versioning", true}, {"sse_algorithm", "aws:kms"},
            {"kms_key_arn", "arn:aws:kms:eu-west-1:1:key/k1"}, {"block_public_access", true},
            {"require_tls", true}, {"tags", {{"team", "web"}}}};
  }

  Value Bucket() { return s3_.buckets_["shop-assets-111122223333-eu-west-1"]; }

  FakeS3 s3_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST_F(S3BucketTest, CreateMakesThePrivateEncryptedVersionedTlsOnlyBucket) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.calls()[0].input["CreateBucketConfiguration"]["LocationConstraint"], "eu-west-1");
  Value b = Bucket();
  EXPECT_TRUE(TaggedAs(b["tagging"]["TagSet"], "shop", "aws_s3_bucket.assets"));
  EXPECT_TRUE(AllPublicAccessBlocked(b["pab"]["PublicAccessBlockConfiguration"]));
  Value rule = b["sse"]["ServerSideEncryptionConfiguration"]["Rules"][0];
  EXPECT_EQ(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms");
  EXPECT_EQ(rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"], "arn:aws:kms:eu-west-1:1:key/k1");
  EXPECT_EQ(rule["BucketKeyEnabled"], true);
  EXPECT_EQ(b["versioning"]["Status"], "Enabled");
  EXPECT_TRUE(PolicyRequiresTls(b["policy"]["Policy"]));
  Value want = Desired();
  want["id"] = want["bucket"];
  want["arn"] = "arn:aws:s3:::shop-assets-111122223333-eu-west-1";
  want["region"] = "eu-west-1";
  want["log_delivery"] = Value::array();
  want["log_sources"] = Value::array();
  want["expiration_days"] = 0;
  EXPECT_EQ(*got, want);
  EXPECT_FALSE(Bucket().contains("lifecycle"));
}

TEST_F(S3BucketTest, LogDeliveryAndExpirationAreInThePolicyAndLifecycle) {
  Value desired = Desired();
  desired["log_delivery"] = Value::array({"config", "cloudtrail"});
  desired["expiration_days"] = 90;
  auto got = type_->Create(Ctx(), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  Value policy = Value::parse(Bucket()["policy"]["Policy"].get<std::string>());
  ASSERT_EQ(policy["Statement"].size(), 5u);  // TLS + two per service
  EXPECT_TRUE(PolicyRequiresTls(policy.dump()));
  std::map<std::string, Value> by_sid;
  for (const Value& st : policy["Statement"]) by_sid[st["Sid"]] = st;
  const Value& trail = by_sid["PaveCloudtrailWrite"];
  EXPECT_EQ(trail["Principal"]["Service"], "cloudtrail.amazonaws.com");
  EXPECT_EQ(trail["Resource"], "arn:aws:s3:::shop-assets-111122223333-eu-west-1/AWSLogs/111122223333/*");
  EXPECT_EQ(trail["Condition"]["StringEquals"]["aws:SourceAccount"], "111122223333");
  EXPECT_EQ(trail["Condition"]["StringEquals"]["s3:x-amz-acl"], "bucket-owner-full-control");
  EXPECT_EQ(by_sid["PaveConfigWrite"]["Resource"],
            "arn:aws:s3:::shop-assets-111122223333-eu-west-1/AWSLogs/111122223333/Config/*");
  EXPECT_EQ(by_sid["PaveConfigAclCheck"]["Action"], Value::array({"s3:GetBucketAcl", "s3:ListBucket"}));
  Value rule = Bucket()["lifecycle"]["Rules"][0];
  EXPECT_EQ(rule["Expiration"]["Days"], 90);
  EXPECT_EQ(rule["NoncurrentVersionExpiration"]["NoncurrentDays"], 90);
  EXPECT_EQ((*got)["log_delivery"], Value::array({"cloudtrail", "config"}));
  EXPECT_EQ((*got)["expiration_days"], 90);

  // Back to a plain bucket: the TLS statement alone, no lifecycle.
  auto updated = type_->Update(Ctx(), *got, Desired());
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(Value::parse(Bucket()["policy"]["Policy"].get<std::string>())["Statement"].size(), 1u);
  EXPECT_FALSE(Bucket().contains("lifecycle"));
  EXPECT_EQ((*updated)["log_delivery"], Value::array());
  EXPECT_EQ((*updated)["expiration_days"], 0);
}

// A log archive for an organization (the baseline's bucket in the security account): the
// delivery statements admit the listed accounts and the organization trail's prefix.
TEST_F(S3BucketTest, LogSourcesAdmitOtherAccountsAndTheOrganizationTrail) {
  Value desired = Desired();
  desired["log_delivery"] = Value::array({"cloudtrail", "config"});
  desired["log_sources"] = Value::array({"222233334444", "o-abcdef1234", "111122223333"});
  auto got = type_->Create(Ctx(), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  Value policy = Value::parse(Bucket()["policy"]["Policy"].get<std::string>());
  std::map<std::string, Value> by_sid;
  for (const Value& st : policy["Statement"]) by_sid[st["Sid"]] = st;
  const std::string arn = "arn:aws:s3:::shop-assets-111122223333-eu-west-1";
  EXPECT_EQ(by_sid["PaveCloudtrailWrite"]["Resource"],
            Value::array({arn + "/AWSLogs/111122223333/*", arn + "/AWSLogs/222233334444/*", arn + "/AWSLogs/o-abcdef1234/*"}));
  EXPECT_EQ(by_sid["PaveCloudtrailWrite"]["Condition"]["StringEquals"]["aws:SourceAccount"],
            Value::array({"111122223333", "222233334444"}));
  // Config writes under each account's own id, also in an organization.
  EXPECT_EQ(by_sid["PaveConfigWrite"]["Resource"],
            Value::array({arn + "/AWSLogs/111122223333/Config/*", arn + "/AWSLogs/222233334444/Config/*"}));
  EXPECT_EQ((*got)["log_sources"], Value::array({"111122223333", "222233334444", "o-abcdef1234"}));

  // One source fewer: the policy is written again; none: this account only, read back as [].
  Value fewer = desired;
  fewer["log_sources"] = Value::array({"111122223333", "o-abcdef1234"});
  auto updated = type_->Update(Ctx(), *got, fewer);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ((*updated)["log_sources"], Value::array({"111122223333", "o-abcdef1234"}));
  Value own = desired;
  own["log_sources"] = Value::array();
  auto back = type_->Update(Ctx(), *updated, own);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)["log_sources"], Value::array());
  policy = Value::parse(Bucket()["policy"]["Policy"].get<std::string>());
  for (const Value& st : policy["Statement"]) {
    if (st["Sid"] == "PaveCloudtrailWrite") {
      EXPECT_EQ(st["Resource"], arn + "/AWSLogs/111122223333/*");
    }
  }
}

TEST_F(S3BucketTest, UnknownLogDeliveryServiceAndBadExpirationAreRefusedAtLoad) {
  Value props = Desired();
  props["log_delivery"] = Value::array({"cloudtrail", "cloudwatch"});
  props["expiration_days"] = -1;
  std::vector<PropertyProblem> problems = type_->CheckProperties(props);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].attribute, "log_delivery");
  EXPECT_NE(problems[0].message.find("cloudwatch"), std::string::npos);
  EXPECT_EQ(problems[1].attribute, "expiration_days");
  EXPECT_TRUE(type_->CheckProperties(Desired()).empty());

  Value sources = Desired();
  sources["log_sources"] = Value::array({"12345", "o-Bad", "${aws_organizations_account.x.id}"});
  problems = type_->CheckProperties(sources);
  ASSERT_EQ(problems.size(), 3u);  // two bad ids; and sources without log_delivery
  EXPECT_NE(problems[0].message.find("\"12345\" is neither"), std::string::npos);
  EXPECT_NE(problems[1].message.find("o-Bad"), std::string::npos);
  EXPECT_NE(problems[2].message.find("needs log_delivery"), std::string::npos);
}

TEST_F(S3BucketTest, UpdateChangesOnlyWhatDiffers) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  size_t puts_before = client_.Count("PutBucketEncryption") + client_.Count("PutPublicAccessBlock");
  Value desired = Desired();
  desired["versioning"] = false;
  desired["require_tls"] = false;
  auto updated = type_->Update(Ctx(), *got, desired);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(client_.Count("PutBucketEncryption") + client_.Count("PutPublicAccessBlock"), puts_before);
  EXPECT_EQ(Bucket()["versioning"]["Status"], "Suspended");
  EXPECT_EQ(client_.Count("DeleteBucketPolicy"), 1u);
  EXPECT_EQ((*updated)["versioning"], false);
  EXPECT_EQ((*updated)["require_tls"], false);
}

TEST_F(S3BucketTest, DeleteRefusesABucketWithObjectsUnlessDataLossIsAllowed) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  s3_.buckets_["shop-assets-111122223333-eu-west-1"]["objects"] =
      Value::array({{{"Key", "a"}, {"VersionId", "1"}}, {{"Key", "a"}, {"VersionId", "2"}}, {{"Key", "b"}, {"VersionId", "1"}}});
  Status refused = type_->Delete(Ctx(), *got);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("--allow-data-loss"), std::string::npos);
  EXPECT_EQ(client_.Count("DeleteObjects"), 0u);
  EXPECT_EQ(client_.Count("DeleteBucket"), 0u);

  OperationContext allowed = Ctx();
  allowed.allow_data_loss = true;
  ASSERT_TRUE(type_->Delete(allowed, *got).ok());
  EXPECT_EQ(client_.Count("DeleteObjects"), 2u);  // pages of two
  EXPECT_FALSE(s3_.buckets_.count("shop-assets-111122223333-eu-west-1"));
  auto read = type_->Read({{Ctx().address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(S3BucketTest, AnEmptyBucketIsDeletedAndAMissingOneIsFine) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(type_->Delete(Ctx(), *got).ok());
  EXPECT_TRUE(s3_.buckets_.empty());
  EXPECT_TRUE(type_->Delete(Ctx(), *got).ok());
}

TEST_F(S3BucketTest, ReadListsBucketsOnceAndSkipsMissingOnes) {
  auto got = type_->Read({{{"aws_s3_bucket", "a"}, {{"id", "nope"}, {"bucket", "nope"}}},
                          {{"aws_s3_bucket", "b"}, {{"id", "nope2"}, {"bucket", "nope2"}}}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(client_.calls().size(), 1u);
  EXPECT_FALSE((*got)[0].has_value());
  EXPECT_FALSE((*got)[1].has_value());
}

TEST_F(S3BucketTest, SomeoneElsesBucketIsNotTakenOver) {
  s3_.buckets_["shop-assets-111122223333-eu-west-1"] = {
      {"objects", Value::array({{{"Key", "x"}}})}};  // untagged, with data
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("not made by this platform"), std::string::npos);
  EXPECT_EQ(client_.Count("PutBucketPolicy"), 0u);
}

TEST_F(S3BucketTest, AnEmptyUntaggedBucketACrashedCreateLeftIsAdoptedTaggedAndConfigured) {
  s3_.buckets_["shop-assets-111122223333-eu-west-1"] = {{"objects", Value::array()}};  // made, then the crash
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("CreateBucket"), 1u);
  EXPECT_TRUE(TaggedAs(Bucket()["tagging"]["TagSet"], "shop", "aws_s3_bucket.assets"));
  EXPECT_EQ(Bucket()["versioning"]["Status"], "Enabled");
  EXPECT_TRUE(PolicyRequiresTls(Bucket()["policy"]["Policy"]));
  EXPECT_EQ((*got)["tags"], Value({{"team", "web"}}));
}

TEST_F(S3BucketTest, ANameAnotherAccountHoldsIsExplained) {
  s3_.taken_.insert("shop-assets-111122223333-eu-west-1");
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("bucket names are global"), std::string::npos) << got.status().message();
  EXPECT_EQ(client_.Count("PutBucketTagging"), 0u);
}

TEST_F(S3BucketTest, AnotherStatesBucketOfTheSameAddressIsRefusedUntouched) {
  OperationContext first = Ctx();
  first.lineage = "lineage-first";
  ASSERT_TRUE(type_->Create(first, Desired()).ok());
  Value before = Bucket();
  OperationContext second = Ctx();
  second.lineage = "lineage-second";
  second.idempotency_token = "fedcba9876543210fedcba9876543210";
  Value desired = Desired();
  desired["kms_key_arn"] = "arn:aws:kms:eu-west-1:1:key/other";
  auto got = type_->Create(second, desired);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("lineage-first"), std::string::npos) << got.status().message();
  EXPECT_NE(got.status().message().find("lineage-second"), std::string::npos);
  EXPECT_NE(got.status().message().find("aws_s3_bucket.assets"), std::string::npos);
  EXPECT_EQ(Bucket(), before);  // tags and encryption unchanged
  auto found = type_->Find(second, desired);
  EXPECT_FALSE(found.ok());
}

TEST(BucketConfigTest, TlsPolicyDeniesInsecureTransportOnBucketAndObjects) {
  Value policy = Value::parse(TlsOnlyPolicy("b"));
  const Value& s = policy["Statement"][0];
  EXPECT_EQ(s["Effect"], "Deny");
  EXPECT_EQ(s["Resource"], Value::array({"arn:aws:s3:::b", "arn:aws:s3:::b/*"}));
  EXPECT_EQ(s["Condition"]["Bool"]["aws:SecureTransport"], "false");
  EXPECT_TRUE(PolicyRequiresTls(TlsOnlyPolicy("b")));
  EXPECT_FALSE(PolicyRequiresTls(R"({"Statement":[{"Effect":"Allow","Principal":"*"}]})"));
  EXPECT_FALSE(PolicyRequiresTls("not json"));
}

TEST(BucketConfigTest, PolicySettingsRoundTripAndNoStatementMeansNoPolicy) {
  BucketPolicySettings both{.require_tls = true, .log_delivery = {"cloudtrail", "config"}};
  BucketPolicySettings back = ParseBucketPolicy(BucketPolicy("b", "123456789012", both));
  EXPECT_TRUE(back.require_tls);
  EXPECT_EQ(back.log_delivery, both.log_delivery);
  BucketPolicySettings trail_only = ParseBucketPolicy(BucketPolicy("b", "1", {.log_delivery = {"cloudtrail"}}));
  EXPECT_FALSE(trail_only.require_tls);
  EXPECT_EQ(trail_only.log_delivery, std::vector<std::string>{"cloudtrail"});
  EXPECT_EQ(BucketPolicy("b", "1", {}), "");
  // Sources: read back from the statements; only the bucket's own account reads as none.
  BucketPolicySettings org{.log_delivery = {"cloudtrail"}, .sources = {"111111111111", "o-abcdefghij"}};
  EXPECT_EQ(ParseBucketPolicy(BucketPolicy("b", "222222222222", org), "222222222222").sources, org.sources);
  EXPECT_TRUE(ParseBucketPolicy(BucketPolicy("b", "222222222222", both), "222222222222").sources.empty());
  EXPECT_EQ(ParseBucketPolicy(BucketPolicy("b", "222222222222", both), "333333333333").sources,
            std::vector<std::string>{"222222222222"});
  EXPECT_TRUE(IsLogSource("123456789012") && IsLogSource("o-abcdefghij"));
  EXPECT_FALSE(IsLogSource("12345678901") || IsLogSource("o-short") || IsLogSource("o-ABCDEFGHIJ") || IsLogSource(""));
  EXPECT_TRUE(ParseBucketPolicy("not json").log_delivery.empty());
  EXPECT_EQ(ExpirationDays(ExpirationLifecycle(30)), 30);
  EXPECT_EQ(ExpirationDays(Value{{"Rules", Value::array({{{"ID", "theirs"}, {"Expiration", {{"Days", 5}}}}})}}), 0);
}

TEST(BucketConfigTest, EncryptionChoices) {
  auto sse_s3 = EncryptionConfiguration("AES256", "");
  ASSERT_TRUE(sse_s3.ok());
  EXPECT_FALSE((*sse_s3)["Rules"][0].contains("BucketKeyEnabled"));
  EXPECT_FALSE(EncryptionConfiguration("aws:kms:dsse-x", "").ok());
  EXPECT_FALSE(AllPublicAccessBlocked(PublicAccessBlock(false)));
  EXPECT_TRUE(AllPublicAccessBlocked(PublicAccessBlock(true)));
}

TEST(ObjectCountTest, SaysHowManyOrMore) {
  EXPECT_EQ((ObjectCount{1, false}).ToString(), "1 object version");
  EXPECT_EQ((ObjectCount{1000, true}).ToString(), "more than 1000 object versions");
  EXPECT_TRUE((ObjectCount{0, false}).empty());
}

}  // namespace
}  // namespace pave::aws_provider
