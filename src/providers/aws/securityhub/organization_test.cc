// GuardDuty's and Security Hub's organization types run by the generic spec type against a
// small in-memory service (moto 5.2.1 has neither GuardDuty's organization configuration nor
// Security Hub's ListOrganizationAdminAccounts).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "providers/aws/guardduty/detector.h"
#include "providers/aws/securityhub/hub.h"
#include "providers/aws/spec/spec_type.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

class FakeOrganizationServices {
 public:
  Result<Value> Handle(const std::string& service, const std::string& op, const Value& in) {
    calls.push_back(service + " " + op + " " + in.dump());
    if (service == "sts") return Value{{"Account", "222222222222"}};
    if (service == "guardduty") {
      if (in.value("DetectorId", "") != "det-1") return Status::InvalidArgument("no").WithReason("BadRequestException");
      if (op == "UpdateOrganizationConfiguration") members = in.value("AutoEnableOrganizationMembers", members);
      if (op == "DescribeOrganizationConfiguration") {
        return Value{{"AutoEnableOrganizationMembers", members}, {"MemberAccountLimitReached", false}};
      }
      return Value::object();
    }
    if (op == "EnableOrganizationAdminAccount") admins.insert(in["AdminAccountId"].get<std::string>());
    if (op == "DisableOrganizationAdminAccount") admins.erase(in["AdminAccountId"].get<std::string>());
    if (op == "ListOrganizationAdminAccounts") {
      Value list = Value::array();
      for (const std::string& a : admins) list.push_back({{"AccountId", a}, {"Status", "ENABLED"}});
      return Value{{"AdminAccounts", list}};
    }
    if (op == "BatchEnableStandards") {
      std::string arn = in["StandardsSubscriptionRequests"][0]["StandardsArn"].get<std::string>();
      std::string sub = "arn:aws:securityhub:eu-west-1:222222222222:subscription/" + arn.substr(arn.rfind("standards/") + 10);
      standards[sub] = arn;
      return Value{{"StandardsSubscriptions",
                    Value::array({{{"StandardsSubscriptionArn", sub}, {"StandardsArn", arn}, {"StandardsStatus", "PENDING"}}})}};
    }
    if (op == "GetEnabledStandards") {
      Value list = Value::array();
      for (const auto& [sub, arn] : standards) {
        list.push_back({{"StandardsSubscriptionArn", sub}, {"StandardsArn", arn}, {"StandardsStatus", "READY"}});
      }
      return Value{{"StandardsSubscriptions", list}};
    }
    if (op == "BatchDisableStandards") {
      for (const Value& sub : in["StandardsSubscriptionArns"]) standards.erase(sub.get<std::string>());
      return Value{{"StandardsSubscriptions", Value::array()}};
    }
    if (op == "CreateMembers") {
      std::string id = in["AccountDetails"][0]["AccountId"].get<std::string>();
      if (hub_members.count(id) && hub_members[id] == "Enabled") {
        return Value{{"UnprocessedAccounts", Value::array({{{"AccountId", id},
                                                             {"ProcessingResult", "Account " + id + " is already a member"}}})}};
      }
      hub_members[id] = "Enabled";
      return Value{{"UnprocessedAccounts", Value::array()}};
    }
    if (op == "ListMembers") {
      Value list = Value::array();
      for (const auto& [id, status] : hub_members) list.push_back({{"AccountId", id}, {"MemberStatus", status}});
      return Value{{"Members", list}};
    }
    if (op == "DisassociateMembers") {
      for (const Value& id : in["AccountIds"]) hub_members[id.get<std::string>()] = "Removed";
      return Value::object();
    }
    if (op == "UpdateOrganizationConfiguration") hub = {{"AutoEnable", in["AutoEnable"]},
                                                        {"AutoEnableStandards", in.value("AutoEnableStandards", "DEFAULT")}};
    if (op == "DescribeOrganizationConfiguration") return hub;
    return Value::object();
  }
  std::vector<std::string> calls;
  std::string members = "NONE";
  std::set<std::string> admins;
  Value hub = {{"AutoEnable", false}, {"AutoEnableStandards", "NONE"}};
  std::map<std::string, std::string> standards;  // subscription ARN -> standard ARN
  std::map<std::string, std::string> hub_members;  // account -> MemberStatus
};

class OrganizationServicesTest : public ::testing::Test {
 protected:
  OrganizationServicesTest()
      : client_([this](const std::string& s, const std::string& op, const Value& in) { return fake_.Handle(s, op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)} {}

  static OperationContext Ctx(const std::string& type) {
    OperationContext ctx;
    ctx.address = {type, "baseline"};
    ctx.platform = "shop";
    ctx.lineage = "lineage-1";
    return ctx;
  }
  std::optional<Value> ReadOne(ResourceType& type, const Value& prior) {
    auto got = type.Read({ReadRequest{.address = {type.schema().type, "baseline"}, .prior = prior}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? (*got)[0] : std::nullopt;
  }

  FakeOrganizationServices fake_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(OrganizationServicesTest, GuardDutyTurnedOnInEveryMemberAndOffAgain) {
  auto type = NewSpecType(deps_, GuardDutyOrganizationConfigurationSpec());
  Value desired = {{"detector_id", "det-1"}, {"auto_enable_organization_members", "ALL"}};
  auto made = type->Create(Ctx(type->schema().type), desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(fake_.members, "ALL");
  EXPECT_EQ((*made)["id"], "det-1");
  std::optional<Value> read = ReadOne(*type, *made);
  ASSERT_TRUE(read);
  EXPECT_EQ((*read)["auto_enable_organization_members"], "ALL");
  fake_.members = "NEW";  // changed behind pave's back: drift, read as it is
  EXPECT_EQ((*ReadOne(*type, *made))["auto_enable_organization_members"], "NEW");
  ASSERT_TRUE(type->Delete(Ctx(type->schema().type), *made).ok());
  EXPECT_EQ(fake_.members, "NONE");
  EXPECT_FALSE(ReadOne(*type, *made)) << "NONE is what a delete leaves: not there";
  EXPECT_FALSE(ReadOne(*type, {{"id", "det-gone"}, {"detector_id", "det-gone"}})) << "the detector is gone";
  EXPECT_TRUE(type->Delete(Ctx(type->schema().type), {{"id", "det-gone"}, {"detector_id", "det-gone"}}).ok());
}

TEST_F(OrganizationServicesTest, SecurityHubAdministratorAndAutoEnable) {
  auto admin = NewSpecType(deps_, SecurityHubOrganizationAdminSpec());
  auto made = admin->Create(Ctx(admin->schema().type), {{"admin_account_id", "333333333333"}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["admin_status"], "ENABLED");
  EXPECT_EQ(fake_.admins, std::set<std::string>{"333333333333"});

  auto config = NewSpecType(deps_, SecurityHubOrganizationConfigurationSpec());
  auto on = config->Create(Ctx(config->schema().type), {{"auto_enable", true}, {"auto_enable_standards", "DEFAULT"}});
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  EXPECT_EQ(fake_.hub, (Value{{"AutoEnable", true}, {"AutoEnableStandards", "DEFAULT"}}));
  EXPECT_EQ((*on)["id"], "222222222222") << "one per account: named by it";
  ASSERT_TRUE(config->Delete(Ctx(config->schema().type), *on).ok());
  EXPECT_EQ(fake_.hub, (Value{{"AutoEnable", false}, {"AutoEnableStandards", "NONE"}}));

  ASSERT_TRUE(admin->Delete(Ctx(admin->schema().type), *made).ok());
  EXPECT_TRUE(fake_.admins.empty());
  EXPECT_FALSE(ReadOne(*admin, *made));
}

TEST_F(OrganizationServicesTest, OneStandardTurnedOnReadAndTurnedOff) {
  auto type = NewSpecType(deps_, SecurityHubStandardsSubscriptionSpec());
  const std::string fsbp = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";
  auto made = type->Create(Ctx(type->schema().type), {{"standards_arn", fsbp}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["id"],
            "arn:aws:securityhub:eu-west-1:222222222222:subscription/aws-foundational-security-best-practices/v/1.0.0");
  EXPECT_EQ((*made)["standards_arn"], fsbp);
  EXPECT_EQ((*made)["status"], "READY");
  ASSERT_TRUE(type->Delete(Ctx(type->schema().type), *made).ok());
  EXPECT_TRUE(fake_.standards.empty());
  EXPECT_FALSE(ReadOne(*type, *made));
}

// The administrator adds an account that was in the organization before auto-enable; deleting
// it disassociates it (AWS keeps organization members listed as Removed: not there).
TEST_F(OrganizationServicesTest, SecurityHubMemberAddedAndDisassociated) {
  auto type = NewSpecType(deps_, SecurityHubMemberSpec());
  auto made = type->Create(Ctx(type->schema().type), {{"account_id", "444444444444"}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["account_id"], "444444444444");
  EXPECT_EQ((*made)["member_status"], "Enabled");
  EXPECT_NE(fake_.calls.back().find("ListMembers"), std::string::npos);
  bool created = false;
  for (const std::string& c : fake_.calls) created |= c == R"(securityhub CreateMembers {"AccountDetails":[{"AccountId":"444444444444"}]})";
  EXPECT_TRUE(created);
  // A refusal says why, in AWS's words.
  auto again = type->Create(Ctx(type->schema().type), {{"account_id", "444444444444"}});
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("is already a member"), std::string::npos) << again.status().ToString();
  ASSERT_TRUE(type->Delete(Ctx(type->schema().type), *made).ok());
  EXPECT_EQ(fake_.hub_members["444444444444"], "Removed");
  EXPECT_FALSE(ReadOne(*type, *made)) << "a removed member is not there";
}

}  // namespace
}  // namespace pave::aws_provider
