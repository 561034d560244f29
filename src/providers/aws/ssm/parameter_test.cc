#include "providers/aws/ssm/parameter.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/ssm/redact.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kSecret[] = "canary-ssm-7f3a9c";

// A small in-memory Parameter Store.
class FakeSsm {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "PutParameter") {
      std::string name = in["Name"];
      if (params_.count(name) && !in.value("Overwrite", false)) {
        return Status::AlreadyExists("ParameterAlreadyExists: exists").WithReason("ParameterAlreadyExists");
      }
      if (fail_put_) return Status::InvalidArgument("ValidationException: bad value " + in["Value"].get<std::string>());
      Value& p = params_[name];
      if (!p.is_object()) p = Value::object();
      int64_t version = p.value("Version", 0) + 1;
      p = {{"Name", name}, {"Type", in["Type"]}, {"Version", version}, {"Tier", in.value("Tier", "Standard")},
           {"Description", in.value("Description", "")}, {"Tags", p.value("Tags", in.value("Tags", Value::array()))}};
      if (in.contains("KeyId")) p["KeyId"] = in["KeyId"];
      values_[name] = in["Value"];
      return Value{{"Version", version}};
    }
    if (op == "DescribeParameters") {
      Value names = in["ParameterFilters"][0]["Values"];
      EXPECT_LE(names.size(), kMaxSsmFilterValues);
      Value out = Value::array();
      for (const Value& n : names) {
        if (!params_.count(n)) continue;
        Value p = params_[n];
        p.erase("Tags");
        out.push_back(p);
      }
      return Value{{"Parameters", out}};
    }
    if (op == "ListTagsForResource") return Value{{"TagList", params_[in["ResourceId"]].value("Tags", Value::array())}};
    if (op == "DeleteParameter") {
      if (!params_.erase(in["Name"])) return Status::NotFound("ParameterNotFound: no").WithReason("ParameterNotFound");
      return Value::object();
    }
    if (op == "GetCallerIdentity") return Value{{"Account", "111122223333"}};
    return Value::object();
  }

  std::map<std::string, Value> params_;
  std::map<std::string, Value> values_;
  bool fail_put_ = false;
};

class SsmParameterTest : public ::testing::Test {
 protected:
  SsmParameterTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return ssm_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        type_(NewSsmParameterType(deps_)) {}

  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"aws_ssm_parameter", "github-token"};
    ctx.platform = "shop";
    ctx.idempotency_token = "0123456789abcdef0123456789abcdef";
    return ctx;
  }

  static Value Desired() {
    return {{"name", "/shop/github-token"}, {"type", "SecureString"}, {"value", kSecret},
            {"key_id", "arn:aws:kms:eu-west-1:111122223333:key/k1"}, {"description", ""},
            {"tier", "Standard"}, {"tags", Value::object()}};
  }

  // No call may carry the value except PutParameter, and none may ask for it back.
  void ExpectValueOnlyInPutParameter() const {
    for (const auto& c : client_.calls()) {
      EXPECT_NE(c.operation, "GetParameter");
      EXPECT_NE(c.operation, "GetParameters");
      if (c.operation != "PutParameter") {
        EXPECT_EQ(c.input.dump().find(kSecret), std::string::npos) << c.operation;
      }
    }
  }

  FakeSsm ssm_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST_F(SsmParameterTest, CreatePutsASecureStringUnderTheKeyWithTagsAndNeverReadsTheValue) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Value put = client_.calls()[0].input;
  EXPECT_EQ(client_.calls()[0].operation, "PutParameter");
  EXPECT_EQ(put["Type"], "SecureString");
  EXPECT_EQ(put["KeyId"], "arn:aws:kms:eu-west-1:111122223333:key/k1");
  EXPECT_FALSE(put.contains("Overwrite"));
  EXPECT_TRUE(TaggedAs(put["Tags"], "shop", "aws_ssm_parameter.github-token"));
  EXPECT_EQ(ssm_.values_["/shop/github-token"], kSecret);
  EXPECT_FALSE(got->contains("value"));
  EXPECT_EQ(got->dump().find(kSecret), std::string::npos);
  EXPECT_EQ((*got)["version"], 1);
  EXPECT_EQ((*got)["key_id"], "arn:aws:kms:eu-west-1:111122223333:key/k1");
  EXPECT_EQ((*got)["arn"], "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/github-token");
  ExpectValueOnlyInPutParameter();
}

TEST_F(SsmParameterTest, UpdateOverwritesTheValueAndBumpsTheVersion) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  Value desired = Desired();
  desired["value"] = "another-value";
  auto updated = type_->Update(Ctx(), *got, desired);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(ssm_.values_["/shop/github-token"], "another-value");
  EXPECT_EQ((*updated)["version"], 2);
  bool overwrote = false;
  for (const auto& c : client_.calls()) overwrote |= c.operation == "PutParameter" && c.input.value("Overwrite", false);
  EXPECT_TRUE(overwrote);
}

TEST_F(SsmParameterTest, ReadIsBatchedFiftyNamesPerCall) {
  std::vector<ReadRequest> requests;
  for (int i = 0; i < 60; ++i) {
    std::string name = "/shop/p" + std::to_string(i);
    ssm_.params_[name] = {{"Name", name}, {"Type", "String"}, {"Version", 3}};
    requests.push_back({{"aws_ssm_parameter", "p" + std::to_string(i)}, {{"id", name}, {"name", name}}});
  }
  requests.push_back({{"aws_ssm_parameter", "gone"}, {{"id", "/shop/gone"}, {"name", "/shop/gone"}}});
  auto got = type_->Read(requests);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("DescribeParameters"), 2u);
  ASSERT_EQ(got->size(), 61u);
  EXPECT_EQ((*(*got)[59])["version"], 3);
  EXPECT_FALSE((*got)[60].has_value());
}

TEST_F(SsmParameterTest, ErrorsNeverQuoteTheValue) {
  ssm_.fail_put_ = true;
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message().find(kSecret), std::string::npos) << got.status().message();
  EXPECT_NE(got.status().message().find(kRedacted), std::string::npos);
}

TEST_F(SsmParameterTest, AnExistingParameterOfSomeoneElseIsNotTakenOver) {
  ssm_.params_["/shop/github-token"] = {{"Name", "/shop/github-token"}, {"Type", "String"}, {"Version", 1}};
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("not made by this platform"), std::string::npos);
  EXPECT_EQ(ssm_.params_["/shop/github-token"]["Version"], 1);
}

TEST_F(SsmParameterTest, DeleteOfAMissingParameterSucceeds) {
  EXPECT_TRUE(type_->Delete(Ctx(), {{"id", "/shop/x"}, {"name", "/shop/x"}}).ok());
  EXPECT_EQ(client_.Count("DeleteParameter"), 1u);
}

TEST(RedactTest, ReplacesEveryOccurrence) {
  EXPECT_EQ(RedactText("a s3cr3t b s3cr3t", "s3cr3t"), "a (redacted) b (redacted)");
  EXPECT_EQ(RedactText("nothing", ""), "nothing");
  Status s = Redacted(Status::InvalidArgument("x s3cr3t").WithReason("R"), "s3cr3t");
  EXPECT_EQ(s.message(), "x (redacted)");
  EXPECT_EQ(s.reason(), "R");
}

TEST(SsmArnTest, DropsTheLeadingSlash) {
  EXPECT_EQ(SsmParameterArn("eu-west-1", "1", "/a/b"), "arn:aws:ssm:eu-west-1:1:parameter/a/b");
  EXPECT_EQ(SsmParameterArn("eu-west-1", "1", "a"), "arn:aws:ssm:eu-west-1:1:parameter/a");
}

}  // namespace
}  // namespace pave::aws_provider
