// The databases: section, parsed in whole platform files with the real network, cluster and
// secrets sections and the AWS resource schemas, so references and defaults are checked too.
#include "platform/blueprints/databases.h"

#include <gtest/gtest.h>

#include "platform/blueprints/buckets.h"
#include "platform/blueprints/cluster.h"
#include "platform/blueprints/network.h"
#include "platform/blueprints/secrets.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

constexpr char kNetwork[] =
    "network: {cidr: 10.0.0.0/16, zones: 2, nat: none, tiers: [public, private, database]}\n";

constexpr char kNetworkWithNat[] =
    "network: {cidr: 10.0.0.0/16, zones: 2, nat: single, tiers: [public, private, database]}\n";

class DatabasesBlueprintTest : public ::testing::Test {
 protected:
  DatabasesBlueprintTest() { RegisterAwsTypes(&registry_, nullptr, &env_); }

  // Parses a platform file made of the metadata and `sections`.
  bool Parse(const std::string& sections) {
    return ParseText(
        "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n" +
        sections);
  }

  bool ParseText(const std::string& text) {
    diags_.clear();
    auto loaded = ParsePlatform(text, "/w/platform.yaml", &env_, registry_,
                                {&network_, &cluster_, &secrets_, &buckets_, &databases_}, &diags_);
    if (!loaded.ok()) return false;
    config_ = loaded->config;
    return true;
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    for (const ResourceConfig& rc : config_.resources) {
      if (rc.address == ResourceAddress{type, name}) return &rc;
    }
    return nullptr;
  }

  size_t Count(const std::string& type) const {
    size_t n = 0;
    for (const ResourceConfig& rc : config_.resources) n += rc.address.type == type;
    return n;
  }

  const OutputConfig* Output(const std::string& name) const {
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

  MemEnv env_;
  ProviderRegistry registry_;
  NetworkBlueprint network_;
  ClusterBlueprint cluster_;
  SecretsBlueprint secrets_;
  BucketsBlueprint buckets_;
  DatabasesBlueprint databases_;
  Config config_;
  std::vector<Diagnostic> diags_;
};

TEST_F(DatabasesBlueprintTest, PostgresInTheDatabaseSubnetsEncryptedUnderThePlatformKey) {
  ASSERT_TRUE(Parse(std::string(kNetwork) + R"(
databases:
  postgres:
    - {name: orders, version: "16", class: db.t4g.medium, storageGB: 20, multiAZ: true}
)")) << Errors();
  const ResourceConfig* group = Find("aws_db_subnet_group", "databases");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->properties["name"], "shop-databases");
  EXPECT_EQ(group->properties["subnet_ids"],
            Value({"${aws_subnet.database_a.id}", "${aws_subnet.database_b.id}"}));
  const ResourceConfig* db = Find("aws_db_instance", "orders");
  ASSERT_NE(db, nullptr);
  const Value& p = db->properties;
  EXPECT_EQ(p["identifier"], "shop-orders");
  EXPECT_EQ(p["engine"], "postgres");
  EXPECT_EQ(p["engine_version"], "16");
  EXPECT_EQ(p["instance_class"], "db.t4g.medium");
  EXPECT_EQ(p["allocated_storage"], 20);
  EXPECT_EQ(p["multi_az"], true);
  EXPECT_EQ(p["backup_retention_period"], 7);
  EXPECT_EQ(p["deletion_protection"], true);
  EXPECT_EQ(p["storage_encrypted"], true);
  EXPECT_EQ(p["kms_key_id"], "${aws_kms_key.platform.arn}");
  EXPECT_EQ(p["db_subnet_group_name"], "${aws_db_subnet_group.databases.name}");
  EXPECT_EQ(p["vpc_security_group_ids"], Value({"${aws_security_group.databases.id}"}));
  EXPECT_EQ(p["skip_final_snapshot"], false) << "schema default: a final snapshot on delete";
  EXPECT_FALSE(p.contains("password"));
  ASSERT_NE(Find("aws_kms_key", "platform"), nullptr)
      << "the data key is made when no section made it before";
  // Without a cluster, only the private subnets reach port 5432.
  EXPECT_EQ(Count("aws_security_group_rule"), 2u + 1u);  // + the network's baseline egress rule
  const ResourceConfig* rule = Find("aws_security_group_rule", "databases_from_private_a");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->properties["cidr_ipv4"], "10.0.64.0/21");
  EXPECT_EQ(rule->properties["from_port"], 5432);
  EXPECT_EQ(rule->properties["to_port"], 5432);
  EXPECT_EQ(rule->properties["type"], "ingress");
  ASSERT_NE(Find("aws_security_group_rule", "databases_from_private_b"), nullptr);
  // Outputs name the secret, never hold a password.
  ASSERT_NE(Output("databases.orders.endpoint"), nullptr);
  EXPECT_EQ(Output("databases.orders.endpoint")->value, "${aws_db_instance.orders.endpoint}");
  EXPECT_EQ(Output("databases.orders.port")->value, "${aws_db_instance.orders.port}");
  EXPECT_EQ(Output("databases.orders.password_secret")->value,
            "${aws_db_instance.orders.master_user_secret_arn}");
}

TEST_F(DatabasesBlueprintTest, WithAClusterOnlyTheClusterSecurityGroupIsAdmitted) {
  env_.SetEnv("TOKEN", "canary-db-token");
  // A cluster's nodes need a way out of the private subnets: a NAT (nat: none is refused).
  ASSERT_TRUE(Parse(std::string(kNetworkWithNat) + R"(
cluster:
  version: "1.31"
  nodeGroups: [{name: general, instanceTypes: [m6i.large], min: 1, max: 2, desired: 1}]
secrets:
  - {name: token, from: env:TOKEN}
databases:
  postgres:
    - {name: orders, version: "16.4", class: db.t4g.medium, storageGB: 20}
    - {name: audit, version: "17", class: db.r6g.large, storageGB: 100, backupDays: 14, deletionProtection: false}
)")) << Errors();
  const ResourceConfig* rule = Find("aws_security_group_rule", "databases_from_cluster");
  ASSERT_NE(rule, nullptr) << Errors();
  EXPECT_EQ(rule->properties["source_security_group_id"],
            "${aws_eks_cluster.main.cluster_security_group_id}");
  EXPECT_EQ(Find("aws_security_group_rule", "databases_from_private_a"), nullptr);
  EXPECT_EQ(Count("aws_db_subnet_group"), 1u);
  EXPECT_EQ(Count("aws_kms_key"), 2u)
      << "the cluster's key and the one platform data key, shared with secrets";
  const ResourceConfig* audit = Find("aws_db_instance", "audit");
  ASSERT_NE(audit, nullptr);
  EXPECT_EQ(audit->properties["backup_retention_period"], 14);
  EXPECT_EQ(audit->properties["deletion_protection"], false);
  EXPECT_EQ(audit->properties["multi_az"], false);
  EXPECT_EQ(Find("aws_db_instance", "orders")->properties["engine_version"], "16.4");
}

TEST_F(DatabasesBlueprintTest, WithoutADatabaseTierThePrivateSubnetsAreUsed) {
  ASSERT_TRUE(Parse(R"(network: {cidr: 10.0.0.0/16, zones: 2, nat: none, tiers: [public, private]}
databases: {postgres: [{name: orders, version: "16", class: db.t4g.micro, storageGB: 20}]}
)")) << Errors();
  EXPECT_EQ(Find("aws_db_subnet_group", "databases")->properties["subnet_ids"],
            Value({"${aws_subnet.private_a.id}", "${aws_subnet.private_b.id}"}));
}

TEST_F(DatabasesBlueprintTest, WithoutANetworkItSaysWhere) {
  EXPECT_FALSE(
      Parse("databases:\n  postgres:\n    - {name: orders, version: \"16\", class: db.t4g.micro, "
            "storageGB: 20}\n"));
  ASSERT_EQ(diags_.size(), 1u) << Errors();
  EXPECT_NE(diags_[0].message.find("databases: needs a network section"), std::string::npos)
      << Errors();
  EXPECT_EQ(diags_[0].location.line, 5) << Errors();
}

TEST_F(DatabasesBlueprintTest, BadEntriesAreReportedAtTheirLines) {
  EXPECT_FALSE(Parse(std::string(kNetwork) + R"(databases:
  postgres:
    - {name: Orders, version: "16", class: db.t4g.micro, storageGB: 20}
    - {name: a, version: "12", class: db.t4g.micro, storageGB: 20}
    - {name: b, version: "16", class: t4g.micro, storageGB: 20}
    - {name: c, version: "16", class: db.t4g.micro, storageGB: 10}
    - {name: d, version: "16", class: db.t4g.micro, storageGB: 20, multiAZ: maybe}
    - {name: e, version: "16", class: db.t4g.micro, storage: 20}
    - {name: f, version: "16", class: db.t4g.micro, storageGB: 20, backupDays: 0}
  mysql: []
)"));
  std::string errors = Errors();
  for (const char* expected : {
           "platform.yaml:7:14: databases: invalid name \"Orders\"",
           "platform.yaml:8:26: databases: unsupported PostgreSQL version \"12\" (supported major "
           "versions: 13",
           "platform.yaml:9:39: databases: \"t4g.micro\" is not an RDS instance class",
           "platform.yaml:10:64: databases: storageGB must be between 20 and 65536, found 10",
           "platform.yaml:11:77: databases: multiAZ must be true or false",
           "platform.yaml:12:7: databases: e has no \"storageGB\"",
           "platform.yaml:12:53: databases: unknown key \"storage\" (did you mean \"storageGB\"?)",
           "platform.yaml:13:80: databases: backupDays must be between 1 and 35, found 0",
           "platform.yaml:14:3: databases: unknown engine \"mysql\"",
       }) {
    EXPECT_NE(errors.find(expected), std::string::npos) << "missing: " << expected << "\n"
                                                        << errors;
  }
  EXPECT_EQ(Count("aws_db_instance"), 0u);
}

TEST_F(DatabasesBlueprintTest, IdentifiersMustFitRds) {
  EXPECT_FALSE(ParseText("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: " +
                         std::string(30, 'p') + ", region: eu-west-1}\n" + kNetwork +
                         "databases: {postgres: [{name: " + std::string(40, 'x') +
                         ", version: \"16\", class: db.t4g.micro, storageGB: 20}]}\n"));
  EXPECT_NE(Errors().find("is not valid for RDS"), std::string::npos) << Errors();
}

TEST(PostgresVersions, SupportedMajors) {
  EXPECT_EQ(SupportedPostgresVersions(), (std::vector<std::string>{"13", "14", "15", "16", "17"}));
}

}  // namespace
}  // namespace pave
