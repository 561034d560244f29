// The hand-written types' attribute -> API member table, held against the embedded models.
#include "providers/aws/spec/member_limits.h"

#include <gtest/gtest.h>

#include <set>

#include "engine/resource_type.h"
#include "providers/aws/register.h"
#include "testing/mem_env.h"

namespace pave::aws_provider {
namespace {

const aws::ModelRegistry& Models() { return aws::ModelRegistry::Embedded(); }

TEST(MemberLimitsTest, EveryEntryResolvesInTheModelsAndNamesARegisteredAttribute) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterAwsTypes(&registry, nullptr, &env);
  for (const TypeMembers& t : HandWrittenTypeMembers()) {
    EXPECT_EQ(CheckTypeMembers(t, Models()), std::vector<std::string>());
    const ResourceType* type = registry.Find(t.type);
    ASSERT_NE(type, nullptr) << t.type;
    for (const AttributeMember& m : t.members) {
      const AttributeSchema* attr = nullptr;
      for (const AttributeSchema& a : type->schema().attributes) {
        if (a.name == m.attribute) attr = &a;
      }
      ASSERT_NE(attr, nullptr) << t.type << "." << m.attribute;
      bool limited = !attr->allowed.empty() || !attr->pattern.empty() || attr->min || attr->max;
      EXPECT_TRUE(limited) << t.type << "." << m.attribute << ": the model gives it no limit, or its type does not fit";
    }
  }
}

TEST(MemberLimitsTest, AMisspeltMemberOrOperationFails) {
  TypeMembers wrong = {"aws_eks_node_group",
                       "eks",
                       {{"capacity_type", "CreateNodegroup", "capacityTyp"}, {"min_size", "CreateNodeGroup", "x"}}};
  std::vector<std::string> problems = CheckTypeMembers(wrong, Models());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("no input member capacityTyp"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("no operation CreateNodeGroup"), std::string::npos) << problems[1];
}

TEST(MemberLimitsTest, TheNodeGroupsCapacityTypeTakesTheModelsEnum) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterAwsTypes(&registry, nullptr, &env);
  for (const AttributeSchema& a : registry.Find("aws_eks_node_group")->schema().attributes) {
    if (a.name != "capacity_type") continue;
    EXPECT_EQ(std::set<std::string>(a.allowed.begin(), a.allowed.end()),
              (std::set<std::string>{"ON_DEMAND", "SPOT", "CAPACITY_BLOCK"}));
  }
}

}  // namespace
}  // namespace pave::aws_provider
