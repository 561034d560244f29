#include "providers/aws/kms/kms_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

// A small in-memory KMS: keys with state, rotation, policy and tags; aliases.
class FakeKms {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "CreateKey") {
      std::string id = "key-" + std::to_string(keys_.size() + 1);
      keys_[id] = {{"KeyId", id}, {"Arn", "arn:aws:kms:eu-west-1:111122223333:key/" + id},
                   {"Description", in.value("Description", "")}, {"KeyState", "Enabled"},
                   {"KeyUsage", in.value("KeyUsage", "ENCRYPT_DECRYPT")}, {"KeySpec", in.value("KeySpec", "")},
                   {"Tags", in.value("Tags", Value::array())}, {"Rotation", false},
                   {"Policy", in.value("Policy", R"({"Version": "2012-10-17", "Statement": []})")}};
      return Value{{"KeyMetadata", keys_[id]}};
    }
    if (op == "ListKeys") {
      Value out = Value::array();
      for (const auto& [id, k] : keys_) out.push_back({{"KeyId", id}});
      return Value{{"Keys", out}};
    }
    if (op == "ListAliases") return Value{{"Aliases", aliases_}};
    auto it = keys_.find(in.value("KeyId", ""));
    if (it == keys_.end()) return Status::NotFound("NotFoundException: no key").WithReason("NotFoundException");
    Value& k = it->second;
    if (op == "DescribeKey") return Value{{"KeyMetadata", k}};
    if (op == "EnableKeyRotation") k["Rotation"] = true;
    if (op == "DisableKeyRotation") k["Rotation"] = false;
    if (op == "GetKeyRotationStatus") return Value{{"KeyRotationEnabled", k["Rotation"]}};
    if (op == "GetKeyPolicy") return Value{{"Policy", k["Policy"]}};
    if (op == "ListResourceTags") return Value{{"Tags", k["Tags"]}};
    if (op == "ScheduleKeyDeletion") k["KeyState"] = "PendingDeletion";
    return Value::object();
  }

  std::map<std::string, Value> keys_;
  Value aliases_ = Value::array();
};

class KmsTest : public ::testing::Test {
 protected:
  KmsTest()
      : client_([this](const std::string& svc, const std::string& op, const Value& in) -> Result<Value> {
          EXPECT_EQ(svc, "kms");
          return kms_.Handle(op, in);
        }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        key_(NewKmsKeyType(deps_)) {}

  OperationContext Ctx(const std::string& name = "secrets") const {
    OperationContext ctx;
    ctx.address = {"aws_kms_key", name};
    ctx.platform = "shop";
    ctx.idempotency_token = kToken;
    return ctx;
  }

  static Value Desired(bool rotation = true) {
    return {{"description", "secrets of shop"}, {"enable_key_rotation", rotation}, {"key_usage", "ENCRYPT_DECRYPT"},
            {"key_spec", "SYMMETRIC_DEFAULT"}, {"deletion_window_in_days", 30}, {"tags", {{"team", "web"}}}};
  }

  std::vector<std::string> Operations() const {
    std::vector<std::string> out;
    for (const auto& c : client_.calls()) out.push_back(c.operation);
    return out;
  }

  FakeKms kms_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> key_;
};

TEST_F(KmsTest, CreateTagsTheKeyTurnsRotationOnAndReportsItsArn) {
  auto got = key_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Value create = client_.calls()[0].input;
  Value tags = KmsTagMap(create["Tags"]);
  EXPECT_EQ(tags["pave:platform"], "shop");
  EXPECT_EQ(tags["pave:address"], "aws_kms_key.secrets");
  EXPECT_EQ(tags["pave:token"], kToken);
  EXPECT_EQ(tags["team"], "web");
  EXPECT_FALSE(create.contains("Policy"));  // AWS's default key policy
  EXPECT_EQ(client_.Count("EnableKeyRotation"), 1u);
  EXPECT_EQ((*got)["key_id"], "key-1");
  EXPECT_EQ((*got)["arn"], "arn:aws:kms:eu-west-1:111122223333:key/key-1");
  EXPECT_EQ((*got)["enable_key_rotation"], true);
  EXPECT_EQ((*got)["tags"], Value({{"team", "web"}}));
  EXPECT_EQ((*got)["policy"], R"({"Statement":[],"Version":"2012-10-17"})");
  EXPECT_EQ((*got)["deletion_window_in_days"], 30);
}

TEST_F(KmsTest, RotationOffIsNotEnabled) {
  auto got = key_->Create(Ctx(), Desired(false));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("EnableKeyRotation"), 0u);
  EXPECT_EQ((*got)["enable_key_rotation"], false);
}

TEST_F(KmsTest, DeleteSchedulesDeletionWithTheWaitingPeriod) {
  auto got = key_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  Value prior = *got;
  prior["deletion_window_in_days"] = 7;
  ASSERT_TRUE(key_->Delete(Ctx(), prior).ok());
  auto calls = client_.calls();
  ASSERT_EQ(calls.back().operation, "ScheduleKeyDeletion");
  EXPECT_EQ(calls.back().input["PendingWindowInDays"], 7);
  EXPECT_EQ(calls.back().input["KeyId"], "key-1");
  // A key already pending deletion is left alone, and then reads as gone.
  size_t before = client_.Count("ScheduleKeyDeletion");
  ASSERT_TRUE(key_->Delete(Ctx(), prior).ok());
  EXPECT_EQ(client_.Count("ScheduleKeyDeletion"), before);
  auto read = key_->Read({{Ctx().address, prior}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(KmsTest, AnAsymmetricKeyHasNoRotationToTurnOn) {
  Value desired = Desired();
  desired["key_usage"] = "SIGN_VERIFY";
  desired["key_spec"] = "RSA_2048";
  auto got = key_->Create(Ctx(), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("EnableKeyRotation"), 0u);
  EXPECT_EQ(client_.Count("GetKeyRotationStatus"), 0u);
  EXPECT_EQ((*got)["enable_key_rotation"], false);
}

TEST_F(KmsTest, WaitingPeriodOutsideSevenToThirtyDaysIsRefused) {
  Value desired = Desired();
  desired["deletion_window_in_days"] = 3;
  auto created = key_->Create(Ctx(), desired);
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("between 7 and 30"), std::string::npos);
  EXPECT_EQ(client_.Count("CreateKey"), 0u);
  Status deleted = key_->Delete(Ctx(), {{"id", "key-9"}, {"deletion_window_in_days", 31}});
  EXPECT_EQ(deleted.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(client_.Count("ScheduleKeyDeletion"), 0u);
}

TEST_F(KmsTest, UpdateChangesOnlyWhatDiffers) {
  auto got = key_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok());
  size_t calls_before = client_.calls().size();
  Value desired = Desired(false);
  desired["tags"] = Value::object();
  auto updated = key_->Update(Ctx(), *got, desired);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(client_.Count("UpdateKeyDescription"), 0u);
  EXPECT_EQ(client_.Count("PutKeyPolicy"), 0u);
  EXPECT_EQ(client_.Count("DisableKeyRotation"), 1u);
  bool untagged_team = false;
  const auto calls = client_.calls();
  for (size_t i = calls_before; i < calls.size(); ++i) {
    const auto& c = calls[i];
    if (c.operation == "UntagResource") untagged_team = c.input["TagKeys"] == Value::array({"team"});
  }
  EXPECT_TRUE(untagged_team);
  EXPECT_EQ((*updated)["enable_key_rotation"], false);
}

TEST_F(KmsTest, FindAdoptsTheKeyTaggedWithThisAddressButNotOnePendingDeletion) {
  ASSERT_TRUE(key_->Create(Ctx("other"), Desired()).ok());
  auto mine = key_->Create(Ctx(), Desired());
  ASSERT_TRUE(mine.ok());
  auto found = key_->Find(Ctx(), Desired());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((**found)["key_id"], (*mine)["key_id"]);
  ASSERT_TRUE(key_->Delete(Ctx(), *mine).ok());
  found = key_->Find(Ctx(), Desired());
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(KmsTest, AliasesAreReadInOneCallAndKeepTheKeyArnAsWritten) {
  auto alias = NewKmsAliasType(deps_);
  kms_.aliases_ = Value::array(
      {{{"AliasName", "alias/shop-secrets"}, {"AliasArn", "arn:aws:kms:eu-west-1:1:alias/shop-secrets"},
        {"TargetKeyId", "key-1"}},
       {{"AliasName", "alias/aws/ssm"}, {"AliasArn", "arn:aws:kms:eu-west-1:1:alias/aws/ssm"}, {"TargetKeyId", "k"}}});
  const std::string arn = "arn:aws:kms:eu-west-1:1:key/key-1";
  auto got = alias->Read({{{"aws_kms_alias", "a"}, {{"id", "alias/shop-secrets"}, {"name", "alias/shop-secrets"},
                                                   {"target_key_id", arn}}},
                          {{"aws_kms_alias", "b"}, {{"id", "alias/gone"}, {"name", "alias/gone"}}}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(client_.Count("ListAliases"), 1u);
  ASSERT_TRUE((*got)[0].has_value());
  EXPECT_EQ((*(*got)[0])["target_key_id"], arn);
  EXPECT_FALSE((*got)[1].has_value());
}

TEST_F(KmsTest, AliasNamesMustStartWithAliasSlash) {
  auto alias = NewKmsAliasType(deps_);
  OperationContext ctx = Ctx();
  ctx.address = {"aws_kms_alias", "a"};
  auto got = alias->Create(ctx, {{"name", "shop-secrets"}, {"target_key_id", "key-1"}});
  EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(client_.Count("CreateAlias"), 0u);
}

TEST(KmsTagsTest, ConvertBothWays) {
  Value map = {{"a", "1"}, {"b", "2"}};
  Value list = KmsTagList(map);
  EXPECT_EQ(list[0], Value({{"TagKey", "a"}, {"TagValue", "1"}}));
  EXPECT_EQ(KmsTagMap(list), map);
}

}  // namespace
}  // namespace pave::aws_provider
