// Limits read from the botocore models (issue 12 item 2: enums, patterns, lengths, ranges of
// every attribute that maps to an API member), checked at validate: every break reported at
// once, at the value's file:line:column; values from ${env:}/${file:} checked but never
// quoted; values holding a reference left for apply.
#include <gtest/gtest.h>

#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class ModelChecksTest : public ::testing::Test {
 protected:
  ModelChecksTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    RegisterAwsTypes(&registry_, nullptr, &env_);  // schemas only: nothing is called
  }

  Result<LoadedPlatform> Parse(const std::string& text) {
    diags_.clear();
    return ParsePlatform(text, "p.yaml", &env_, registry_, {}, &diags_);
  }
  std::string All() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }
  void ExpectError(const std::string& at_and_text) const {
    EXPECT_NE(All().find(at_and_text), std::string::npos) << "missing: " << at_and_text << "\nin:\n" << All();
  }

  MemEnv env_;
  ProviderRegistry registry_;
  std::vector<Diagnostic> diags_;
};

const char* kHead =
    "apiVersion: pave.dev/v1\n"
    "kind: Platform\n"
    "metadata:\n"
    "  name: shop\n"
    "  region: eu-west-1\n"
    "resources:\n";

std::string Resources(const std::string& type_value, const std::string& log_group,
                      const std::string& role, int session) {
  return std::string(kHead) +
         "  - {type: aws_ssm_parameter, name: p, properties: {name: /shop/t, type: " + type_value +
         ", value: \"${env:TOKEN}\"}}\n"                                                            // 7
         "  - {type: aws_cloudwatch_log_group, name: g, properties: {name: \"" + log_group + "\"}}\n"  // 8
         "  - type: aws_iam_role\n"                                                                 // 9
         "    name: r\n"
         "    properties:\n"
         "      name: \"" + role + "\"\n"                                                            // 12
         "      assume_role_policy: '{\"Version\": \"2012-10-17\", \"Statement\": []}'\n"
         "      max_session_duration: " + std::to_string(session) + "\n";                            // 14
}

TEST_F(ModelChecksTest, EnumLengthPatternAndRangeAreReportedAtOnceWithTheirPlace) {
  env_.SetEnv("TOKEN", "t0ken");
  auto loaded = Parse(Resources("Secure", std::string(513, 'g'), "ci role", 60));
  ASSERT_FALSE(loaded.ok());
  ExpectError("p.yaml:7:74: aws_ssm_parameter.p: type \"Secure\" is not one of the values AWS accepts");
  ExpectError("did you mean \"SecureString\"? allowed: String, StringList, SecureString");
  ExpectError("p.yaml:8:66: aws_cloudwatch_log_group.g: name must have between 1 and 512 characters, found 513");
  ExpectError("p.yaml:12:13: aws_iam_role.r: name \"ci role\" does not match the pattern AWS requires");
  ExpectError("pattern: [\\w+=,.@-]+");
  ExpectError("p.yaml:14:29: aws_iam_role.r: max_session_duration must be between 3600 and 43200, found 60");
}

TEST_F(ModelChecksTest, AValidFileStillPasses) {
  env_.SetEnv("TOKEN", "t0ken");
  auto loaded = Parse(Resources("SecureString", "/shop/app", "ci-role", 7200));
  EXPECT_TRUE(loaded.ok()) << All();
}

TEST_F(ModelChecksTest, AValueFromTheEnvironmentIsCheckedButNeverQuoted) {
  env_.SetEnv("TOKEN", "t0ken");
  env_.SetEnv("GROUP", "shop app qqqq");
  env_.SetEnv("TYPE", "Securestring");
  auto loaded = Parse(Resources("\"${env:TYPE}\"", "${env:GROUP}", "ci-role", 7200));
  ASSERT_FALSE(loaded.ok());
  ExpectError("aws_ssm_parameter.p: type is not one of the values AWS accepts");
  ExpectError("aws_cloudwatch_log_group.g: name does not match the pattern AWS requires");
  EXPECT_EQ(All().find("qqqq"), std::string::npos) << All();
  EXPECT_EQ(All().find("Securestring"), std::string::npos) << All();
}

TEST_F(ModelChecksTest, AValueHoldingAReferenceIsLeftForApply) {
  env_.SetEnv("TOKEN", "t0ken");
  std::string text = Resources("SecureString", "${aws_iam_role.r.arn} x", "ci-role", 7200);
  auto loaded = Parse(text);
  EXPECT_TRUE(loaded.ok()) << All();
}

// Members reached through lists (a record's change batch) and update calls are checked too.
TEST_F(ModelChecksTest, NodeGroupAndRecordAttributesAreCheckedAgainstTheModels) {
  std::string text = std::string(kHead) +
                     "  - type: aws_eks_node_group\n"                                                  // 7
                     "    name: ng\n"
                     "    properties:\n"
                     "      cluster_name: shop\n"
                     "      name: general\n"
                     "      node_role_arn: arn:aws:iam::111122223333:role/nodes\n"
                     "      subnet_ids: [subnet-1]\n"
                     "      min_size: -1\n"                                                            // 14
                     "      max_size: 3\n"
                     "      desired_size: 1\n"
                     "      instance_types: [t3.medium]\n"
                     "      capacity_type: spot\n"                                                     // 18
                     "  - {type: aws_route53_record, name: r, properties: {zone_id: Z1, name: a.example.org, "
                     "type: CNAMEE, ttl: 60, records: [b.example.org]}}\n";                           // 19
  auto loaded = Parse(text);
  ASSERT_FALSE(loaded.ok());
  ExpectError("p.yaml:14:17: aws_eks_node_group.ng: min_size must be at least 0, found -1");
  ExpectError("p.yaml:18:22: aws_eks_node_group.ng: capacity_type \"spot\" is not one of the values AWS accepts");
  ExpectError("did you mean \"SPOT\"?");
  ExpectError("aws_route53_record.r: type \"CNAMEE\" is not one of the values AWS accepts");
  ExpectError("did you mean \"CNAME\"?");
}

}  // namespace
}  // namespace pave
