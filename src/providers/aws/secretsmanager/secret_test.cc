#include "providers/aws/secretsmanager/secret.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_type.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kSecret[] = "canary-sm-5d1e22";
constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

// A small in-memory Secrets Manager.
class FakeSecretsManager {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "CreateSecret") {
      std::string name = in["Name"];
      if (secrets_.count(name)) {
        bool deleted = secrets_[name].contains("DeletedDate");
        return deleted ? Status::InvalidArgument("InvalidRequestException: scheduled for deletion")
                             .WithReason("InvalidRequestException")
                       : Status::AlreadyExists("ResourceExistsException: exists").WithReason("ResourceExistsException");
      }
      secrets_[name] = {{"Name", name}, {"ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:" + name + "-AbCdEf"},
                        {"Description", in.value("Description", "")}, {"Tags", in.value("Tags", Value::array())}};
      if (in.contains("KmsKeyId")) secrets_[name]["KmsKeyId"] = in["KmsKeyId"];
      if (in.contains("SecretString")) Put(name, in["ClientRequestToken"], in["SecretString"]);
      return Value{{"Name", name}};
    }
    if (op == "ListSecrets") {
      Value out = Value::array();
      EXPECT_LE(in["Filters"][0]["Values"].size(), kMaxSecretsFilterValues);
      for (const Value& prefix : in["Filters"][0]["Values"]) {
        for (const auto& [name, s] : secrets_) {
          if (name.rfind(prefix.get<std::string>(), 0) == 0 && !s.contains("DeletedDate")) out.push_back(s);
        }
      }
      return Value{{"SecretList", out}};
    }
    auto it = secrets_.find(in.value("SecretId", ""));
    if (it == secrets_.end()) return Status::NotFound("ResourceNotFoundException: no").WithReason("ResourceNotFoundException");
    if (op == "DescribeSecret") return it->second;
    if (op == "PutSecretValue") Put(it->first, in["ClientRequestToken"], in["SecretString"]);
    if (op == "DeleteSecret") it->second["DeletedDate"] = "2026-11-23T16:00:00Z";
    if (op == "RestoreSecret") it->second.erase("DeletedDate");
    return Value::object();
  }

  void Put(const std::string& name, const Value& token, const Value& value) {
    values_[name] = value;
    secrets_[name]["SecretVersionsToStages"] = {{token.get<std::string>(), {"AWSCURRENT"}}};
  }

  std::map<std::string, Value> secrets_;
  std::map<std::string, Value> values_;
};

class SecretTest : public ::testing::Test {
 protected:
  SecretTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return sm_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        type_(NewSecretsManagerSecretType(deps_)) {}

  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"aws_secretsmanager_secret", "db"};
    ctx.platform = "shop";
    ctx.idempotency_token = kToken;
    return ctx;
  }

  static Value Desired() {
    return {{"name", "shop/db"}, {"description", "db password"}, {"kms_key_id", "arn:aws:kms:eu-west-1:1:key/k1"},
            {"value", kSecret}, {"recovery_window_in_days", 14}, {"tags", Value::object()}};
  }

  FakeSecretsManager sm_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST_F(SecretTest, CreateSendsValueKeyTokenAndTagsAndReadsBackWithoutTheValue) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Value create = client_.calls()[0].input;
  EXPECT_EQ(create["ClientRequestToken"], kToken);
  EXPECT_EQ(create["KmsKeyId"], "arn:aws:kms:eu-west-1:1:key/k1");
  EXPECT_TRUE(TaggedAs(create["Tags"], "shop", "aws_secretsmanager_secret.db"));
  EXPECT_EQ(sm_.values_["shop/db"], kSecret);
  EXPECT_EQ(got->dump().find(kSecret), std::string::npos);
  EXPECT_EQ((*got)["version_id"], kToken);
  EXPECT_EQ((*got)["kms_key_id"], "arn:aws:kms:eu-west-1:1:key/k1");
  EXPECT_EQ((*got)["recovery_window_in_days"], 14);
  for (const auto& c : client_.calls()) {
    EXPECT_NE(c.operation, "GetSecretValue");
    EXPECT_NE(c.operation, "BatchGetSecretValue");
  }
}

TEST_F(SecretTest, DeleteSchedulesWithTheRecoveryWindowAndNeverForces) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(type_->Delete(Ctx(), *got).ok());
  const auto calls = client_.calls();
  ASSERT_EQ(calls.back().operation, "DeleteSecret");
  EXPECT_EQ(calls.back().input["RecoveryWindowInDays"], 14);
  EXPECT_FALSE(calls.back().input.contains("ForceDeleteWithoutRecovery"));
  // Already scheduled: nothing more to do, and it reads as gone.
  ASSERT_TRUE(type_->Delete(Ctx(), *got).ok());
  EXPECT_EQ(client_.Count("DeleteSecret"), 1u);
  auto read = type_->Read({{Ctx().address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(SecretTest, RecoveryWindowOutsideSevenToThirtyDaysIsRefused) {
  Value desired = Desired();
  desired["recovery_window_in_days"] = 0;
  EXPECT_EQ(type_->Create(Ctx(), desired).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(client_.Count("CreateSecret"), 0u);
}

TEST_F(SecretTest, DeclaringADestroyedSecretAgainRestoresIt) {
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(type_->Delete(Ctx(), *got).ok());
  Value desired = Desired();
  desired["value"] = "new-value";
  auto again = type_->Create(Ctx(), desired);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(client_.Count("RestoreSecret"), 1u);
  EXPECT_EQ(sm_.values_["shop/db"], "new-value");
  EXPECT_FALSE(sm_.secrets_["shop/db"].contains("DeletedDate"));
}

TEST_F(SecretTest, SomeoneElsesSecretIsNotTakenOver) {
  sm_.secrets_["shop/db"] = {{"Name", "shop/db"}, {"ARN", "arn"}};
  auto got = type_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("not made by this platform"), std::string::npos);
  EXPECT_EQ(client_.Count("PutSecretValue"), 0u);
}

TEST_F(SecretTest, ReadUsesListSecretsTenNamesPerCallAndExactNames) {
  std::vector<ReadRequest> requests;
  for (int i = 0; i < 12; ++i) {
    std::string name = "shop/s" + std::to_string(i);
    sm_.secrets_[name] = {{"Name", name}, {"ARN", "arn:" + name}};
    requests.push_back({{"aws_secretsmanager_secret", "s" + std::to_string(i)}, {{"id", name}, {"name", name}}});
  }
  sm_.secrets_["shop/s1-extra"] = {{"Name", "shop/s1-extra"}, {"ARN", "arn:x"}};
  auto got = type_->Read(requests);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("ListSecrets"), 2u);
  ASSERT_TRUE((*got)[1].has_value());
  EXPECT_EQ((*(*got)[1])["arn"], "arn:shop/s1");
}

TEST(SecretTokenTest, FitsClientRequestTokenLimits) {
  EXPECT_EQ(RequestToken(kToken), kToken);
  EXPECT_EQ(RequestToken("short").size(), 64u);
  EXPECT_NE(RequestToken("a"), RequestToken("b"));
}

}  // namespace
}  // namespace pave::aws_provider
