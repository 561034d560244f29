#include "providers/aws/spec/spec_check.h"

#include <gtest/gtest.h>

#include "providers/aws/logs/log_group.h"
#include "providers/aws/register.h"
#include "providers/aws/spec/spec_type.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

const aws::ModelRegistry& Models() { return aws::ModelRegistry::Embedded(); }

bool Mentions(const std::vector<std::string>& problems, const std::string& word) {
  for (const std::string& p : problems) {
    if (p.find(word) != std::string::npos) return true;
  }
  return false;
}

TEST(SpecCheckTest, EveryRegisteredSpecMatchesTheEmbeddedModels) {
  FakeAwsClient client([](const std::string&, const std::string&, const Value&) -> Result<Value> {
    return Value::object();
  });
  FakeClockEnv env;
  ProviderRegistry registry;
  RegisterAwsTypes(&registry, &client, &env);
  size_t specs = 0;
  for (const std::string& name : registry.TypeNames()) {
    auto* type = dynamic_cast<SpecResourceType*>(registry.Find(name));
    if (type == nullptr) continue;
    ++specs;
    EXPECT_EQ(CheckSpec(type->spec(), Models()), std::vector<std::string>()) << name;
  }
  EXPECT_GE(specs, 1u);
}

TEST(SpecCheckTest, MisspeltCreateMemberFails) {
  ResourceSpec spec = LogGroupSpec();
  spec.attributes[0].create_member = "logGroupNmae";
  auto problems = CheckSpec(spec, Models());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "aws_cloudwatch_log_group: CreateLogGroup input has no member logGroupNmae");
}

TEST(SpecCheckTest, MisspeltReadOperationUpdateAndItemMembersFail) {
  ResourceSpec spec = LogGroupSpec();
  spec.attributes[1].read_member = "retentionDays";
  spec.updates[0].members[0].second = "retention";
  spec.del.operation = "RemoveLogGroup";
  spec.tags.keys_member = "keys";
  auto problems = CheckSpec(spec, Models());
  EXPECT_TRUE(Mentions(problems, "DescribeLogGroups item has no member retentionDays"));
  EXPECT_TRUE(Mentions(problems, "PutRetentionPolicy input has no member retention"));
  EXPECT_TRUE(Mentions(problems, "delete operation RemoveLogGroup is not in the logs model"));
  EXPECT_TRUE(Mentions(problems, "UntagResource input has no member keys"));
  EXPECT_EQ(problems.size(), 4u);
}

TEST(SpecCheckTest, TokenAndConstantMembersAreCheckedToo) {
  ResourceSpec spec = LogGroupSpec();
  spec.create.token_member = "clientToken";  // CreateLogGroup takes none
  spec.updates[0].constants = {{"overwrite", true}};
  spec.tags.resource_constants = {{"resourceType", "log-group"}};
  auto problems = CheckSpec(spec, Models());
  EXPECT_TRUE(Mentions(problems, "CreateLogGroup input has no member clientToken"));
  EXPECT_TRUE(Mentions(problems, "PutRetentionPolicy input has no member overwrite"));
  EXPECT_TRUE(Mentions(problems, "TagResource input has no member resourceType"));
  EXPECT_TRUE(Mentions(problems, "UntagResource input has no member resourceType"));
  EXPECT_EQ(problems.size(), 4u);
}

TEST(SpecCheckTest, PathsStepThroughListsAndStructures) {
  auto ec2 = Models().Get("ec2");
  ASSERT_TRUE(ec2.ok());
  const aws::Operation* op = (*ec2)->FindOperation("CreateInternetGateway");
  ASSERT_NE(op, nullptr);
  EXPECT_NE(ShapeAtPath(op->output, "InternetGateway.InternetGatewayId"), nullptr);
  EXPECT_NE(ShapeAtPath(op->output, "InternetGateway.Attachments.VpcId"), nullptr);
  EXPECT_EQ(ShapeAtPath(op->output, "InternetGateway.Nope"), nullptr);
}

TEST(SpecCheckTest, UnknownWaiterAndItsIdMemberFail) {
  ResourceSpec spec = LogGroupSpec();
  spec.service = "ec2";  // the checks below are about the waiters only
  auto base = CheckSpec(spec, Models()).size();
  spec.create_waiter = "NatGatewayAvailabel";
  spec.delete_waiter = "NatGatewayDeleted";
  spec.waiter_id_member = "NatGatewayId";  // the operation takes NatGatewayIds
  auto problems = CheckSpec(spec, Models());
  EXPECT_TRUE(Mentions(problems, "waiter NatGatewayAvailabel: the ec2 model has no waiter NatGatewayAvailabel"));
  EXPECT_TRUE(Mentions(problems, "DescribeNatGateways input has no member NatGatewayId"));
  EXPECT_EQ(problems.size(), base + 2);
  spec.create_waiter = "NatGatewayAvailable";
  spec.waiter_id_member = "NatGatewayIds";
  EXPECT_EQ(CheckSpec(spec, Models()).size(), base);
}

TEST(SpecCheckTest, ChosenOperationsFilterAttributeAndSetMembersAreChecked) {
  ResourceSpec spec = LogGroupSpec();
  spec.create.choice = {.attribute = "kind", .operations = {{"x", "CreateLogGroups"}}};
  spec.del.choice = {.attribute = "retention_in_days", .operations = {{"1", "DeleteLogStream"}}};
  spec.read.filter_attribute = "group";
  spec.updates[0].added_member = "addedDays";
  spec.updates[0].removed_member = "retentionInDays";  // PutRetentionPolicy has it: no problem
  auto problems = CheckSpec(spec, Models());
  EXPECT_TRUE(Mentions(problems, "an operation is chosen by unknown attribute kind"));
  EXPECT_TRUE(Mentions(problems, "chosen operation CreateLogGroups is not in the logs model"));
  // DeleteLogStream, chosen for the delete, takes the delete's logGroupName too: no problem.
  EXPECT_TRUE(Mentions(problems, "the read filters by unknown attribute group"));
  EXPECT_TRUE(Mentions(problems, "PutRetentionPolicy input has no member addedDays"));
  EXPECT_EQ(problems.size(), 4u);
}

TEST(SpecCheckTest, UnknownServiceFails) {
  ResourceSpec spec = LogGroupSpec();
  spec.service = "logz";
  EXPECT_EQ(CheckSpec(spec, Models()).size(), 1u);
}

}  // namespace
}  // namespace pave::aws_provider
