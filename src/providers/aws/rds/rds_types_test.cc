#include "providers/aws/rds/rds_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kKey[] = "arn:aws:kms:eu-west-1:1:key/k1";

Status Fault(const std::string& code) {
  return Status::FailedPrecondition(code + ": no").WithReason(code);
}

// A small in-memory RDS: instances go through "creating" / "modifying" / "deleting" for a
// few describes before they settle, as the real service does.
class FakeRds {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "CreateDBInstance") return CreateInstance(in);
    if (op == "DescribeDBInstances") return DescribeInstances(in);
    if (op == "ModifyDBInstance") return ModifyInstance(in);
    if (op == "DeleteDBInstance") return DeleteInstance(in);
    if (op == "CreateDBSubnetGroup") {
      std::string name = in["DBSubnetGroupName"];
      if (groups_.count(name)) return Fault("DBSubnetGroupAlreadyExists");
      Value subnets = Value::array();
      for (const Value& s : in["SubnetIds"]) subnets.push_back({{"SubnetIdentifier", s}});
      groups_[name] = {{"DBSubnetGroupName", name},
                       {"DBSubnetGroupDescription", in["DBSubnetGroupDescription"]},
                       {"Subnets", subnets},
                       {"VpcId", "vpc-1"},
                       {"DBSubnetGroupArn", "arn:aws:rds:eu-west-1:1:subgrp:" + name}};
      group_tags_[name] = in["Tags"];
      return Value::object();
    }
    if (op == "DescribeDBSubnetGroups") {
      Value out = Value::array();
      for (const auto& [name, g] : groups_) {
        if (!in.contains("DBSubnetGroupName") || in["DBSubnetGroupName"] == name) out.push_back(g);
      }
      if (in.contains("DBSubnetGroupName") && out.empty())
        return Fault("DBSubnetGroupNotFoundFault");
      return Value{{"DBSubnetGroups", out}};
    }
    if (op == "ListTagsForResource") {
      for (const auto& [name, g] : groups_) {
        if (g["DBSubnetGroupArn"] == in["ResourceName"])
          return Value{{"TagList", group_tags_[name]}};
      }
      return Fault("DBSubnetGroupNotFoundFault");
    }
    if (op == "DeleteDBSubnetGroup") {
      if (groups_.erase(in["DBSubnetGroupName"].get<std::string>()) == 0)
        return Fault("DBSubnetGroupNotFoundFault");
      return Value::object();
    }
    if (op == "AddTagsToResource" || op == "RemoveTagsFromResource") return Value::object();
    return Status::Unimplemented(op);
  }

  Result<Value> CreateInstance(const Value& in) {
    std::string id = in["DBInstanceIdentifier"];
    if (dbs_.count(id)) return Fault("DBInstanceAlreadyExists");
    Value db = {
        {"DBInstanceIdentifier", id},
        {"DBInstanceArn", "arn:aws:rds:eu-west-1:1:db:" + id},
        {"DBInstanceStatus", "creating"},
        {"Engine", in["Engine"]},
        {"EngineVersion", in["EngineVersion"].get<std::string>() + ".4"},
        {"DBInstanceClass", in["DBInstanceClass"]},
        {"AllocatedStorage", in["AllocatedStorage"]},
        {"MultiAZ", in["MultiAZ"]},
        {"BackupRetentionPeriod", in["BackupRetentionPeriod"]},
        {"DeletionProtection", in["DeletionProtection"]},
        {"StorageEncrypted", in["StorageEncrypted"]},
        {"MasterUsername", in["MasterUsername"]},
        {"DBSubnetGroup", {{"DBSubnetGroupName", in["DBSubnetGroupName"]}}},
        {"VpcSecurityGroups", Value::array()},
        {"TagList", in["Tags"]},
        {"Endpoint", {{"Address", id + ".xyz.eu-west-1.rds.amazonaws.com"}, {"Port", in["Port"]}}}};
    for (const Value& g : in.value("VpcSecurityGroupIds", Value::array())) {
      db["VpcSecurityGroups"].push_back({{"VpcSecurityGroupId", g}, {"Status", "active"}});
    }
    if (in.contains("KmsKeyId")) db["KmsKeyId"] = in["KmsKeyId"];
    if (in.value("ManageMasterUserPassword", false)) {
      db["MasterUserSecret"] = {
          {"SecretArn", "arn:aws:secretsmanager:eu-west-1:1:secret:rds!db-" + id}};
    }
    EXPECT_FALSE(in.contains("MasterUserPassword")) << "pave must never choose the password itself";
    dbs_[id] = db;
    settle_[id] = kSettleReads;
    return Value{{"DBInstance", db}};
  }

  Result<Value> DescribeInstances(const Value& in) {
    Value out = Value::array();
    for (const Value& id : in["Filters"][0]["Values"]) {
      auto it = dbs_.find(id.get<std::string>());
      if (it == dbs_.end()) continue;
      std::string name = it->first;
      if (settle_[name] > 0 && --settle_[name] == 0) Settle(name);
      if (dbs_.count(name)) out.push_back(dbs_[name]);
    }
    return Value{{"DBInstances", out}};
  }

  Result<Value> ModifyInstance(const Value& in) {
    std::string id = in["DBInstanceIdentifier"];
    if (!dbs_.count(id)) return Fault("DBInstanceNotFound");
    EXPECT_TRUE(in.value("ApplyImmediately", false));
    modifications_.push_back(in);
    pending_[id] = in;
    dbs_[id]["DBInstanceStatus"] = "modifying";
    dbs_[id]["PendingModifiedValues"] = {{"Pending", true}};
    settle_[id] = kSettleReads;
    return Value::object();
  }

  Result<Value> DeleteInstance(const Value& in) {
    std::string id = in["DBInstanceIdentifier"];
    if (!dbs_.count(id)) return Fault("DBInstanceNotFound");
    if (dbs_[id]["DeletionProtection"] == true) return Fault("InvalidParameterCombination");
    if (in.contains("FinalDBSnapshotIdentifier"))
      snapshots_.push_back(in["FinalDBSnapshotIdentifier"]);
    dbs_[id]["DBInstanceStatus"] = "deleting";
    settle_[id] = kSettleReads;
    return Value::object();
  }

  void Settle(const std::string& id) {
    Value& db = dbs_[id];
    if (db["DBInstanceStatus"] == "deleting") {
      dbs_.erase(id);
      return;
    }
    const Value& m = pending_[id];
    if (m.contains("DBInstanceClass")) db["DBInstanceClass"] = m["DBInstanceClass"];
    if (m.contains("AllocatedStorage")) db["AllocatedStorage"] = m["AllocatedStorage"];
    if (m.contains("MultiAZ")) db["MultiAZ"] = m["MultiAZ"];
    if (m.contains("DeletionProtection")) db["DeletionProtection"] = m["DeletionProtection"];
    if (m.contains("EngineVersion")) db["EngineVersion"] = m["EngineVersion"];
    pending_.erase(id);
    db.erase("PendingModifiedValues");
    db["DBInstanceStatus"] = settled_state_;
  }

  static constexpr int kSettleReads = 3;
  std::string settled_state_ = "available";
  std::map<std::string, Value> dbs_, groups_, group_tags_, pending_;
  std::map<std::string, int> settle_;
  std::vector<Value> modifications_;
  std::vector<std::string> snapshots_;
};

class RdsTest : public ::testing::Test {
 protected:
  RdsTest()
      : client_([this](const std::string& service, const std::string& op, const Value& in) {
          EXPECT_EQ(service, "rds");
          return rds_.Handle(op, in);
        }),
        deps_{.client = &client_,
              .env = &env_,
              .poll = PollOptions{},
              .account = std::make_shared<AccountId>(&client_)},
        db_(NewDbInstanceType(deps_)),
        group_(NewDbSubnetGroupType(deps_)) {}

  static OperationContext Ctx(const std::string& type = "aws_db_instance",
                              const std::string& name = "orders") {
    OperationContext ctx;
    ctx.address = {type, name};
    ctx.platform = "shop";
    ctx.idempotency_token = "tok-1";
    return ctx;
  }

  static Value Desired() {
    return {{"identifier", "shop-orders"},
            {"engine", "postgres"},
            {"engine_version", "16"},
            {"instance_class", "db.t4g.medium"},
            {"allocated_storage", 20},
            {"multi_az", true},
            {"backup_retention_period", 7},
            {"deletion_protection", true},
            {"storage_encrypted", true},
            {"kms_key_id", kKey},
            {"db_subnet_group_name", "shop-db"},
            {"vpc_security_group_ids", {"sg-1"}},
            {"username", "pave"},
            {"port", 5432},
            {"skip_final_snapshot", false},
            {"tags", {{"team", "a"}}}};
  }

  FakeRds rds_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> db_;
  std::unique_ptr<ResourceType> group_;
};

TEST_F(RdsTest, CreateWaitsForAvailableAndKeepsOnlyTheSecretArn) {
  Result<Value> got = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(rds_.dbs_["shop-orders"]["DBInstanceStatus"], "available");
  EXPECT_GT(env_.total_slept().count(), 0) << "waited with the poller";
  const Value create = client_.calls()[0].input;
  EXPECT_EQ(create["ManageMasterUserPassword"], true);
  EXPECT_EQ(create["MasterUserSecretKmsKeyId"], kKey);
  EXPECT_EQ(create["KmsKeyId"], kKey);
  EXPECT_EQ(create["StorageEncrypted"], true);
  EXPECT_EQ(create["PubliclyAccessible"], false);
  EXPECT_EQ(TagListToMap(create["Tags"])["pave:address"], "aws_db_instance.orders");
  EXPECT_EQ((*got)["engine_version"], "16") << "a major version matches the minor AWS picked";
  EXPECT_EQ((*got)["engine_version_actual"], "16.4");
  EXPECT_EQ((*got)["master_user_secret_arn"],
            "arn:aws:secretsmanager:eu-west-1:1:secret:rds!db-shop-orders");
  EXPECT_EQ((*got)["endpoint"], "shop-orders.xyz.eu-west-1.rds.amazonaws.com");
  EXPECT_EQ((*got)["tags"], Value({{"team", "a"}}));
  EXPECT_FALSE(got->contains("password"));
  // What Read returns equals what Create returned: the next plan is empty.
  auto read = db_->Read({ReadRequest{Ctx().address, *got}});
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE((*read)[0].has_value());
  EXPECT_EQ(*(*read)[0], *got);
}

TEST_F(RdsTest, CreateAfterACrashAdoptsTheInstanceItTagged) {
  ASSERT_TRUE(db_->Create(Ctx(), Desired()).ok());
  Result<Value> again = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(client_.Count("CreateDBInstance"), 2u);
  EXPECT_EQ(rds_.dbs_.size(), 1u);
  auto found = db_->Find(Ctx(), Desired());
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
  // Another address never adopts it.
  Result<Value> other = db_->Create(Ctx("aws_db_instance", "billing"), Desired());
  EXPECT_FALSE(other.ok());
  EXPECT_NE(other.status().ToString().find("not made by this platform"), std::string::npos);
}

TEST_F(RdsTest, CreateWaitsOutTheDeletionOfTheSameIdentifier) {
  Result<Value> old = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(old.ok());
  rds_.dbs_["shop-orders"]["DBInstanceStatus"] = "deleting";  // destroyed, then declared again
  rds_.settle_["shop-orders"] = FakeRds::kSettleReads;
  Result<Value> got = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("CreateDBInstance"), 3u);
  EXPECT_EQ(rds_.dbs_["shop-orders"]["DBInstanceStatus"], "available");
}

TEST_F(RdsTest, UpdateModifiesInPlaceWithApplyImmediately) {
  Result<Value> prior = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(prior.ok());
  Value desired = Desired();
  desired["instance_class"] = "db.t4g.large";
  desired["allocated_storage"] = 50;
  desired["engine_version"] = "17";
  Result<Value> got = db_->Update(Ctx(), *prior, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(rds_.modifications_.size(), 1u);
  const Value& m = rds_.modifications_[0];
  EXPECT_EQ(m["DBInstanceClass"], "db.t4g.large");
  EXPECT_EQ(m["AllocatedStorage"], 50);
  EXPECT_EQ(m["EngineVersion"], "17");
  EXPECT_EQ(m["AllowMajorVersionUpgrade"], true);
  EXPECT_FALSE(m.contains("MultiAZ")) << "only what changed";
  EXPECT_EQ((*got)["instance_class"], "db.t4g.large");
  EXPECT_EQ((*got)["allocated_storage"], 50);
  EXPECT_EQ((*got)["engine_version"], "17");
}

TEST_F(RdsTest, StorageOptimizationAfterAGrowthEndsTheWait) {
  Result<Value> prior = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(prior.ok());
  rds_.settled_state_ = "storage-optimization";  // usable; it may last hours
  Value desired = Desired();
  desired["allocated_storage"] = 100;
  Result<Value> got = db_->Update(Ctx(), *prior, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["allocated_storage"], 100);
}

TEST_F(RdsTest, AFailedInstanceEndsTheWaitWithItsState) {
  rds_.settled_state_ = "incompatible-parameters";
  Result<Value> got = db_->Create(Ctx(), Desired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().ToString().find("incompatible-parameters"), std::string::npos)
      << got.status().ToString();
}

TEST_F(RdsTest, StorageNeverShrinks) {
  Result<Value> prior = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(prior.ok());
  Value desired = Desired();
  desired["allocated_storage"] = 10;
  Result<Value> got = db_->Update(Ctx(), *prior, desired);
  EXPECT_FALSE(got.ok());
  EXPECT_NE(got.status().ToString().find("can only grow"), std::string::npos);
  EXPECT_TRUE(rds_.modifications_.empty());
}

TEST_F(RdsTest, DeleteRefusesProtectedDatabaseWithoutDataLossConsent) {
  Result<Value> prior = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(prior.ok());
  Status s = db_->Delete(Ctx(), *prior);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.ToString().find("--allow-data-loss"), std::string::npos);
  EXPECT_TRUE(rds_.modifications_.empty()) << "protection stays on";
  EXPECT_EQ(rds_.dbs_.count("shop-orders"), 1u);
}

TEST_F(RdsTest, DeleteWithDataLossLiftsProtectionAndKeepsAFinalSnapshot) {
  Result<Value> prior = db_->Create(Ctx(), Desired());
  ASSERT_TRUE(prior.ok());
  OperationContext ctx = Ctx();
  ctx.allow_data_loss = true;
  Status s = db_->Delete(ctx, *prior);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rds_.modifications_.size(), 1u);
  EXPECT_EQ(rds_.modifications_[0]["DeletionProtection"], false);
  EXPECT_EQ(rds_.dbs_.count("shop-orders"), 0u) << "waited until it was gone";
  ASSERT_EQ(rds_.snapshots_.size(), 1u);
  EXPECT_EQ(rds_.snapshots_[0].rfind("shop-orders-final-1970010100", 0), 0u) << rds_.snapshots_[0];
  EXPECT_TRUE(db_->Delete(ctx, *prior).ok()) << "deleting what is gone is fine";
}

TEST_F(RdsTest, FinalSnapshotIdentifierIsUtcAndBounded) {
  auto when = std::chrono::system_clock::time_point(
      std::chrono::seconds(1795460400));  // 2026-11-23 19:00:00 UTC
  EXPECT_EQ(FinalSnapshotIdentifier("orders", when), "orders-final-20261123190000");
  EXPECT_EQ(FinalSnapshotIdentifier(std::string(300, 'a'), when).size(), 255u);
}

TEST(EngineVersion, MajorMatchesItsMinors) {
  EXPECT_TRUE(EngineVersionMatches("16", "16.4"));
  EXPECT_TRUE(EngineVersionMatches("16.4", "16.4"));
  EXPECT_FALSE(EngineVersionMatches("16", "17.1"));
  EXPECT_FALSE(EngineVersionMatches("1", "16.4"));
  EXPECT_FALSE(EngineVersionMatches("16.4", "16.5"));
}

TEST_F(RdsTest, SubnetGroupCreateReadAdoptDelete) {
  Value desired = {{"name", "shop-db"},
                   {"description", "d"},
                   {"subnet_ids", {"subnet-a", "subnet-b"}},
                   {"tags", {{"team", "a"}}}};
  OperationContext ctx = Ctx("aws_db_subnet_group", "main");
  Result<Value> got = group_->Create(ctx, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["arn"], "arn:aws:rds:eu-west-1:1:subgrp:shop-db");
  EXPECT_EQ((*got)["vpc_id"], "vpc-1");
  EXPECT_EQ((*got)["tags"], Value({{"team", "a"}}));
  auto read = group_->Read({ReadRequest{ctx.address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*(*read)[0], *got);
  // A retry after a crash adopts it; another platform's group is refused.
  EXPECT_TRUE(group_->Create(ctx, desired).ok());
  OperationContext other = ctx;
  other.platform = "other";
  EXPECT_FALSE(group_->Create(other, desired).ok());
  ASSERT_TRUE(group_->Delete(ctx, *got).ok());
  EXPECT_TRUE(rds_.groups_.empty());
  EXPECT_TRUE(group_->Delete(ctx, *got).ok());
  read = group_->Read({ReadRequest{ctx.address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(RdsTest, SchemaDeclaresDataAndReplacements) {
  const ResourceSchema& s = db_->schema();
  EXPECT_TRUE(s.holds_data);
  for (const char* attr :
       {"identifier", "engine", "kms_key_id", "db_subnet_group_name", "storage_encrypted"}) {
    EXPECT_TRUE(s.Find(attr)->force_new) << attr;
  }
  for (const char* attr :
       {"engine_version", "instance_class", "allocated_storage", "multi_az",
        "backup_retention_period", "deletion_protection", "vpc_security_group_ids"}) {
    EXPECT_FALSE(s.Find(attr)->force_new) << attr;
  }
}

}  // namespace
}  // namespace pave::aws_provider
