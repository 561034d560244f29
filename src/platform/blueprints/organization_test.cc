// The organization: section expanded alone: units, accounts (created or adopted by id),
// built-in and file policies with their attachments; JSON and size checked at validate time.
#include "platform/blueprints/organization.h"

#include <gtest/gtest.h>

#include "platform/blueprints/expansion_test_util.h"

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
    return FindResource(config_, type, name);
  }

  std::string Errors() const { return DiagnosticsText(diags_); }

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

// The issue's form: units as {name, policies}, built-ins named only by a unit made once,
// an existing member given by id alone, roles by AWS managed policy name.
TEST_F(OrganizationBlueprintTest, UnitsNameTheirPoliciesAndAccountsMayBeGivenByIdAlone) {
  Expand(R"(
organization:
  accessRole: OrganizationAccountAccessRole
  accounts:
    - {name: security, email: aws+security@example.org, unit: security}
    - {name: legacy, id: "210987654321", unit: workloads}
  units:
    - {name: security, policies: [deny-leave-organization, protect-security-services]}
    - {name: workloads, policies: [deny-leave-organization, allowed-regions]}
    - infrastructure
  policies:
    - {name: allowed-regions, regions: [eu-west-1, eu-central-1]}
people:
  roles:
    - {name: admin, managedPolicy: AdministratorAccess, mfa: true}
    - {name: viewer, managedPolicy: job-function/ViewOnlyAccess}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  for (const char* att : {"deny-leave-organization-security", "protect-security-services-security",
                          "deny-leave-organization-workloads", "allowed-regions-workloads"}) {
    EXPECT_NE(Find("aws_organizations_policy_attachment", att), nullptr) << att;
  }
  int policies = 0;
  for (const ResourceConfig& rc : config_.resources) policies += rc.address.type == "aws_organizations_policy";
  EXPECT_EQ(policies, 3);  // deny-leave-organization once, though two units name it
  ASSERT_NE(Find("aws_organizations_organizational_unit", "infrastructure"), nullptr);
  const ResourceConfig* legacy = Find("aws_organizations_account", "legacy");
  ASSERT_NE(legacy, nullptr);
  EXPECT_FALSE(legacy->properties.contains("email"));
  EXPECT_EQ(legacy->properties["account_id"], "210987654321");
  EXPECT_EQ(legacy->properties["parent_id"], "${aws_organizations_organizational_unit.workloads.id}");
  EXPECT_EQ(Find("aws_iam_role_policy_attachment", "legacy-admin")->properties["policy_arn"],
            "arn:aws:iam::aws:policy/AdministratorAccess");
  EXPECT_EQ(Find("aws_iam_role_policy_attachment", "security-viewer")->properties["policy_arn"],
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
}

TEST_F(OrganizationBlueprintTest, WrongUnitsPoliciesAndPeopleKeysAreErrorsAtTheirPlace) {
  Expand(R"(
organization:
  units:
    - {name: security, policies: [allowed-regions, deny-leave-org]}
    - {name: security}
    - {polices: [x]}
  accounts:
    - {name: app}
    - {name: app2, email: a@example.org, unit: securty}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("allowed-regions needs regions"), std::string::npos) << errors;
  EXPECT_NE(errors.find("no built-in policy \"deny-leave-org\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("expected one of: deny-leave-organization"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unit \"security\" is declared twice"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key \"polices\" in a unit"), std::string::npos) << errors;
  EXPECT_NE(errors.find("an account needs a name and an email (or the id of an existing member)"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown unit \"securty\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"security\"?"), std::string::npos) << errors;
  EXPECT_EQ(Find("aws_organizations_policy_attachment", "allowed-regions-security"), nullptr);

  // People errors are reported when the organization is valid (a failed section's importers
  // stay quiet: their errors would stem from it).
  Expand(R"(
organization: {}
people:
  rolez: []
  roles:
    - {name: admin, managedPolicy: AdministratorAccess, policy: arn:aws:iam::aws:policy/ReadOnlyAccess}
    - {name: ops, policy: PowerUserAccess}
    - {name: dev, managedPolicy: PowerUserAccess, mfaa: true}
)");
  errors = Errors();
  EXPECT_NE(errors.find("people: unknown key \"rolez\" in the section"), std::string::npos) << errors;
  EXPECT_NE(errors.find("managedPolicy or policy, not both"), std::string::npos) << errors;
  EXPECT_NE(errors.find("policy must be a managed policy ARN"), std::string::npos) << errors;
  EXPECT_NE(errors.find("people: unknown key \"mfaa\" in a role"), std::string::npos) << errors;
}

// people.sso: permission sets, identity store groups and an assignment per group, role and
// account, instead of IAM roles and groups.
TEST_F(OrganizationBlueprintTest, PeopleSsoMakesPermissionSetsGroupsAndAssignments) {
  Expand(R"(
organization:
  accounts:
    - {name: audit, email: audit@example.com}
    - {name: legacy, id: "123456789012"}
people:
  sso: true
  roles:
    - {name: admin, managedPolicy: AdministratorAccess, mfa: true, maxSessionHours: 4}
    - {name: readonly, managedPolicy: ReadOnlyAccess}
  groups:
    - {name: platform-team, roles: [admin, readonly]}
)");
  std::string errors = Errors();
  ASSERT_EQ(diags_.size(), 1u) << errors;  // the MFA warning
  EXPECT_NE(errors.find("MFA is a setting of the whole IAM Identity Center instance"), std::string::npos) << errors;
  ASSERT_NE(Find("aws_ssoadmin_instance", "main"), nullptr);
  const ResourceConfig* ps = Find("aws_ssoadmin_permission_set", "admin");
  ASSERT_NE(ps, nullptr);
  EXPECT_EQ(ps->properties["session_duration"], "PT4H");
  EXPECT_EQ(ps->properties["instance_arn"], "${aws_ssoadmin_instance.main.id}");
  EXPECT_EQ(Find("aws_ssoadmin_managed_policy_attachment", "readonly")->properties["managed_policy_arn"],
            "arn:aws:iam::aws:policy/ReadOnlyAccess");
  EXPECT_EQ(Find("aws_identitystore_group", "platform-team")->properties["identity_store_id"],
            "${aws_ssoadmin_instance.main.identity_store_id}");
  int assignments = 0;
  for (const ResourceConfig& rc : config_.resources) {
    assignments += rc.address.type == "aws_ssoadmin_account_assignment";
    EXPECT_NE(rc.address.type, "aws_iam_role") << rc.address.ToString();
  }
  EXPECT_EQ(assignments, 6);  // 2 roles x (management, audit, legacy)
  const ResourceConfig* a = Find("aws_ssoadmin_account_assignment", "platform-team-admin-legacy");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->properties["target_id"], "123456789012");
  EXPECT_EQ(a->properties["principal_id"], "${aws_identitystore_group.platform-team.id}");
  EXPECT_EQ(Find("aws_ssoadmin_account_assignment", "platform-team-readonly-management")->properties["target_id"],
            "${aws_organizations_organization.main.master_account_id}");

  Expand(R"(
organization: {}
people:
  sso: {instance: ssoins-123, start: x}
)");
  errors = Errors();
  EXPECT_NE(errors.find("unknown key \"start\" in sso"), std::string::npos) << errors;
  Expand(R"(
organization: {}
people:
  sso: {instance: ssoins-123}
  roles:
    - {name: ops, policy: "arn:aws:iam::123456789012:policy/ops"}
)");
  errors = Errors();
  EXPECT_NE(errors.find("people.sso.instance must be an instance ARN"), std::string::npos) << errors;
  Expand(R"(
organization: {}
people:
  sso: yes-please
)");
  EXPECT_NE(Errors().find("people.sso"), std::string::npos) << Errors();
}

}  // namespace
}  // namespace pave
