// The dns: and certificates: sections, expanded alone and through ParsePlatform (with the
// Route53 and ACM types registered, so every resource they add is checked against its schema).
#include <gtest/gtest.h>

#include "platform/blueprints/certificates.h"
#include "platform/blueprints/dns.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class DnsBlueprintsTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx("p.yaml", {.name = "shop", .region = "eu-west-1", .tags = {{"team", "web"}}}, &config_, &diags_);
    for (Blueprint* b : {static_cast<Blueprint*>(&dns_), static_cast<Blueprint*>(&certificates_)}) {
      std::string section(b->section());
      if (!root_[section]) continue;
      ctx.BeginSection(section, root_[section]);
      b->Expand(root_[section], ctx);
    }
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    for (const ResourceConfig& rc : config_.resources) {
      if (rc.address == ResourceAddress{type, name}) return &rc;
    }
    return nullptr;
  }

  const OutputConfig* FindOutput(const std::string& name) const {
    for (const OutputConfig& o : config_.outputs) {
      if (o.name == name) return &o;
    }
    return nullptr;
  }

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  DnsBlueprint dns_;
  CertificatesBlueprint certificates_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
};

TEST_F(DnsBlueprintsTest, ZoneDelegationAndWildcardCertificateWithItsValidation) {
  Expand(R"(
dns:
  domain: Prod.Example.org
  parentZone: example.org
certificates:
  - {domain: "*.prod.example.org"}
  - {domain: prod.example.org, name: apex}
  - {domain: api.prod.example.org, name: api}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* zone = Find("aws_route53_zone", "main");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->properties["name"], "prod.example.org");
  EXPECT_EQ(zone->properties["tags"]["team"], "web");
  const ResourceConfig* delegation = Find("aws_route53_delegation", "main");
  ASSERT_NE(delegation, nullptr);
  EXPECT_EQ(delegation->properties["parent_zone"], "example.org");
  EXPECT_EQ(delegation->properties["name_servers"], "${aws_route53_zone.main.name_servers}");

  const ResourceConfig* cert = Find("aws_acm_certificate", "wildcard-prod-example-org");
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(cert->properties["domain_name"], "*.prod.example.org");
  const ResourceConfig* record = Find("aws_route53_record", "validation-prod-example-org");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->properties["zone_id"], "${aws_route53_zone.main.id}");
  EXPECT_EQ(record->properties["name"], "${aws_acm_certificate.wildcard-prod-example-org.validation_record_name}");
  EXPECT_EQ(record->properties["records"][0], "${aws_acm_certificate.wildcard-prod-example-org.validation_record_value}");
  const ResourceConfig* wait = Find("aws_acm_certificate_validation", "wildcard-prod-example-org");
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ(wait->properties["certificate_arn"], "${aws_acm_certificate.wildcard-prod-example-org.id}");

  // The bare domain shares the wildcard's validation record; another name has its own.
  EXPECT_EQ(Find("aws_acm_certificate_validation", "apex")->properties["validation_record_fqdns"][0],
            "${aws_route53_record.validation-prod-example-org.fqdn}");
  EXPECT_NE(Find("aws_route53_record", "validation-api-prod-example-org"), nullptr);
  size_t records = 0;
  for (const ResourceConfig& rc : config_.resources) records += rc.address.type == "aws_route53_record";
  EXPECT_EQ(records, 2u);

  ASSERT_NE(FindOutput("dns.zone_id"), nullptr);
  ASSERT_NE(FindOutput("dns.name_servers"), nullptr);
  EXPECT_EQ(FindOutput("dns.delegated")->value, "${aws_route53_delegation.main.delegated}");
  ASSERT_NE(FindOutput("dns.delegation_records"), nullptr);
  EXPECT_EQ(FindOutput("certificates.api.arn")->value, "${aws_acm_certificate_validation.api.certificate_arn}");
}

TEST_F(DnsBlueprintsTest, WithoutParentZoneThereIsNoDelegation) {
  Expand("dns: {domain: prod.example.org}\n");
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_NE(Find("aws_route53_zone", "main"), nullptr);
  EXPECT_EQ(Find("aws_route53_delegation", "main"), nullptr);
  EXPECT_EQ(FindOutput("dns.delegated")->value, false);
}

TEST_F(DnsBlueprintsTest, BadDnsSectionsAreReportedAtTheirLine) {
  Expand("dns:\n  domain: prod.example.org\n  parentZone: other.org\n");
  EXPECT_NE(Errors().find("p.yaml:3:"), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("is not a parent of \"prod.example.org\""), std::string::npos) << Errors();
  EXPECT_EQ(Find("aws_route53_zone", "main"), nullptr);

  Expand("dns:\n  domain: prod_example\n");
  EXPECT_NE(Errors().find("p.yaml:2:"), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("dns: domain \"prod_example\""), std::string::npos) << Errors();

  Expand("dns:\n  domian: prod.example.org\n");
  EXPECT_NE(Errors().find("unknown key \"domian\""), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("did you mean \"domain\""), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("no \"domain\""), std::string::npos) << Errors();

  Expand("dns: [prod.example.org]\n");
  EXPECT_NE(Errors().find("dns must be a map"), std::string::npos) << Errors();
}

TEST_F(DnsBlueprintsTest, CertificatesNeedTheDnsZoneAndNamesInIt) {
  Expand("certificates:\n  - {domain: api.example.org}\n");
  EXPECT_NE(Errors().find("p.yaml:2:"), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("needs a dns: section"), std::string::npos) << Errors();

  Expand(R"(dns: {domain: prod.example.org}
certificates:
  - {domain: api.example.org}
  - {domain: "api.*.prod.example.org"}
  - {domain: a.prod.example.org}
  - {domain: a.prod.example.org}
  - {domain: b.prod.example.org, colour: red}
  - {name: nodomain}
  - {domain: c.prod.example.org, name: "9c"}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("p.yaml:3:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("\"api.example.org\" is outside the dns zone prod.example.org"), std::string::npos) << errors;
  EXPECT_NE(errors.find("p.yaml:4:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("other than as its first label"), std::string::npos) << errors;
  EXPECT_NE(errors.find("p.yaml:6:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("listed twice"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key \"colour\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("entry has no \"domain\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("invalid name \"9c\""), std::string::npos) << errors;
  EXPECT_EQ(Find("aws_acm_certificate", "api-example-org"), nullptr);
}

TEST_F(DnsBlueprintsTest, DomainChecks) {
  EXPECT_EQ(DomainProblem("prod.example.org", false), "");
  EXPECT_EQ(DomainProblem("*.prod.example.org", true), "");
  EXPECT_NE(DomainProblem("*.prod.example.org", false), "");
  EXPECT_NE(DomainProblem("org", false), "");
  EXPECT_NE(DomainProblem("a..org", false), "");
  EXPECT_NE(DomainProblem("-a.org", false), "");
  EXPECT_NE(DomainProblem(std::string(64, 'a') + ".org", false), "");
  EXPECT_TRUE(InZone("a.prod.example.org", "prod.example.org"));
  EXPECT_TRUE(InZone("prod.example.org", "prod.example.org"));
  EXPECT_FALSE(InZone("aprod.example.org", "prod.example.org"));
  EXPECT_EQ(CertificateName("*.prod.example.org"), "wildcard-prod-example-org");
}

// Through the whole loader, with the real resource schemas: every resource and reference checks.
TEST(DnsPlatformFileTest, ParsesWithTheRoute53AndAcmSchemas) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterAwsTypes(&registry, nullptr, &env);
  DnsBlueprint dns;
  CertificatesBlueprint certificates;
  std::vector<Diagnostic> diags;
  auto platform = ParsePlatform(R"(apiVersion: pave.dev/v1
kind: Platform
metadata: {name: shop, region: eu-west-1}
dns: {domain: prod.example.org, parentZone: example.org}
certificates:
  - {domain: "*.prod.example.org"}
)",
                                "/w/platform.yaml", &env, registry, {&dns, &certificates}, &diags);
  std::string errors;
  for (const Diagnostic& d : diags) errors += d.ToString() + "\n";
  ASSERT_TRUE(platform.ok()) << platform.status().ToString() << "\n" << errors;
  EXPECT_EQ(platform->config.resources.size(), 5u);
}

}  // namespace
}  // namespace pave
