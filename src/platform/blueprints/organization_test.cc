// The organization: section expanded alone: units, accounts (created or adopted by id),
// built-in and file policies with their attachments; JSON and size checked at validate time.
#include "platform/blueprints/organization.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "platform/blueprints/people.h"

namespace pave {
namespace {

class OrganizationBlueprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pave-org-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "scp");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }

  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx((dir_ / "p.yaml").string(), {.name = "org", .region = "eu-west-1"},
                         &config_, &diags_);
    ctx.BeginSection("organization", root_["organization"]);
    blueprint_.Expand(root_["organization"], ctx);
    if (root_["people"]) {
      ctx.BeginSection("people", root_["people"]);
      people_.Expand(root_["people"], ctx);
    }
    const Value* v = ctx.Import("organization.accounts.audit");
    audit_export_ = v ? *v : Value();
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    for (const ResourceConfig& rc : config_.resources) {
      if (rc.address == ResourceAddress{type, name}) return &rc;
    }
    return nullptr;
  }

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  std::filesystem::path dir_;
  OrganizationBlueprint blueprint_;
  PeopleBlueprint people_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
  Value audit_export_;
};

TEST_F(OrganizationBlueprintTest, UnitsAccountsPoliciesAndAttachments) {
  Write("scp/custom.json", R"({"Version": "2012-10-17", "Statement": []})");
  Expand(R"(
organization:
  units: [security, workloads]
  accounts:
    - {name: audit, email: audit@example.com, unit: security}
    - {name: legacy, email: old@example.com, id: "123456789012"}
  policies:
    - {name: deny-leave-organization, attach: [root]}
    - {name: allowed-regions, regions: [eu-west-1], attach: [workloads]}
    - {name: custom, document: file:scp/custom.json, attach: [audit]}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  ASSERT_NE(Find("aws_organizations_organization", "main"), nullptr);
  const ResourceConfig* ou = Find("aws_organizations_organizational_unit", "workloads");
  ASSERT_NE(ou, nullptr);
  EXPECT_EQ(ou->properties["parent_id"], "${aws_organizations_organization.main.root_id}");
  const ResourceConfig* audit = Find("aws_organizations_account", "audit");
  ASSERT_NE(audit, nullptr);
  EXPECT_EQ(audit->properties["parent_id"], "${aws_organizations_organizational_unit.security.id}");
  EXPECT_FALSE(audit->properties.contains("account_id"));
  EXPECT_EQ(Find("aws_organizations_account", "legacy")->properties["account_id"], "123456789012");
  EXPECT_EQ(audit_export_, "${aws_organizations_account.audit.id}");
  const ResourceConfig* regions = Find("aws_organizations_policy", "allowed-regions");
  ASSERT_NE(regions, nullptr);
  Value doc = Value::parse(regions->properties["content"].get<std::string>());
  EXPECT_EQ(doc["Statement"][0]["Condition"]["StringNotEquals"]["aws:RequestedRegion"],
            Value::array({"eu-west-1"}));
  EXPECT_EQ(Find("aws_organizations_policy", "custom")->properties["content"],
            R"({"Statement":[],"Version":"2012-10-17"})");
  const ResourceConfig* att = Find("aws_organizations_policy_attachment", "custom-audit");
  ASSERT_NE(att, nullptr);
  EXPECT_EQ(att->properties["target_id"], "${aws_organizations_account.audit.id}");
  ASSERT_NE(Find("aws_organizations_policy_attachment", "deny-leave-organization-root"), nullptr);
}

TEST_F(OrganizationBlueprintTest, BadDocumentsAndNamesAreErrorsAtValidate) {
  Write("scp/broken.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}\n");
  Write("scp/big.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": ")" +
                            std::string(6000, 'x') + R"("}]})");
  Expand(R"(
organization:
  policies:
    - {name: broken, document: file:scp/broken.json}
    - {name: big, document: file:scp/big.json}
    - {name: allowed-regions}
    - {name: deny-root-usr}
    - {name: deny-root-user, attach: [nowhere]}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("broken.json:3:17: not valid JSON"), std::string::npos) << errors;
  EXPECT_NE(errors.find("AWS allows 5120"), std::string::npos) << errors;
  EXPECT_NE(errors.find("allowed-regions needs regions"), std::string::npos) << errors;
  EXPECT_NE(errors.find("no built-in policy \"deny-root-usr\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("attach names \"nowhere\""), std::string::npos) << errors;
  EXPECT_EQ(diags_.size(), 5u) << errors;
}

TEST_F(OrganizationBlueprintTest, UnknownKeysAreErrorsAtTheirPlaceWithDidYouMean) {
  Expand(R"(
organization:
  unit: [security]
  accounts:
    - {name: audit, emial: audit@example.com}
  policies:
    - {name: deny-root-user, atach: [root]}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find(":3:3: organization: unknown key \"unit\" in the section"), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"units\"?"), std::string::npos) << errors;
  EXPECT_NE(errors.find(":5:21: organization: unknown key \"emial\" in an account"), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"email\"?"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key \"atach\" in a policy"), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"attach\"?"), std::string::npos) << errors;
}

TEST_F(OrganizationBlueprintTest, PeopleRolesInEveryAccountAndGroupsAllowedToAssumeThem) {
  Expand(R"(
organization:
  accounts:
    - {name: audit, email: audit@example.com}
    - {name: legacy, email: old@example.com, id: "123456789012"}
people:
  roles:
    - {name: admin, policy: arn:aws:iam::aws:policy/AdministratorAccess, mfa: true, maxSessionHours: 4}
    - {name: readonly, policy: arn:aws:iam::aws:policy/ReadOnlyAccess}
  groups:
    - {name: admins, roles: [admin]}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* audit = Find("aws_iam_role", "audit-admin");
  ASSERT_NE(audit, nullptr);
  EXPECT_EQ(audit->account, "${aws_organizations_account.audit.id}");
  EXPECT_EQ(Find("aws_iam_role", "legacy-admin")->account, "123456789012");
  EXPECT_EQ(Find("aws_iam_role", "management-readonly")->account, "");
  EXPECT_EQ(audit->properties["max_session_duration"], 4 * 3600);
  EXPECT_FALSE(Find("aws_iam_role", "audit-readonly")->properties.contains("max_session_duration"));
  Value trust = Value::parse(audit->properties["assume_role_policy"].get<std::string>());
  EXPECT_EQ(trust["Statement"][0]["Principal"]["AWS"],
            "arn:aws:iam::${aws_organizations_organization.main.master_account_id}:root");
  EXPECT_EQ(trust["Statement"][0]["Condition"]["Bool"]["aws:MultiFactorAuthPresent"], "true");
  Value ro = Value::parse(
      Find("aws_iam_role", "audit-readonly")->properties["assume_role_policy"].get<std::string>());
  EXPECT_FALSE(ro["Statement"][0].contains("Condition"));
  const ResourceConfig* att = Find("aws_iam_role_policy_attachment", "legacy-readonly");
  ASSERT_NE(att, nullptr);
  EXPECT_EQ(att->account, "123456789012");
  EXPECT_EQ(att->properties["policy_arn"], "arn:aws:iam::aws:policy/ReadOnlyAccess");
  const ResourceConfig* gp = Find("aws_iam_group_policy", "admins-assume");
  ASSERT_NE(gp, nullptr);
  Value allow = Value::parse(gp->properties["policy"].get<std::string>());
  EXPECT_EQ(allow["Statement"][0]["Resource"].size(), 3u);  // management, audit, legacy
  EXPECT_EQ(allow["Statement"][0]["Resource"][2], "arn:aws:iam::123456789012:role/admin");
  EXPECT_EQ(Find("aws_iam_group", "admins")->account, "");
}

}  // namespace
}  // namespace pave
