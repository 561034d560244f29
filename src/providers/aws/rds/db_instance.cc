// aws_db_instance. Read is batched: DescribeDBInstances with a db-instance-id filter (all
// pages), which returns the tags too. Writes wait with the adaptive poller until the instance
// is "available" with no modification pending, so what follows (and the read back) sees the
// change made.
#include <algorithm>
#include <ctime>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/rds/rds_types.h"

namespace pave::aws_provider {

std::string FinalSnapshotIdentifier(const std::string& identifier,
                                    std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &utc);
  const std::string suffix = std::string("-final-") + stamp;
  constexpr size_t kMaxLength = 255;
  return identifier.substr(0, kMaxLength - suffix.size()) + suffix;
}

bool EngineVersionMatches(const std::string& asked, const std::string& actual) {
  if (asked.empty() || actual.empty()) return asked == actual;
  return actual == asked || actual.rfind(asked + ".", 0) == 0;
}

Status SyncRdsTags(aws::AwsClient* client, const OperationContext& ctx, const std::string& arn,
                   const Value& prior, const Value& desired) {
  Value removed =
      RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
  if (!removed.empty()) {
    RETURN_IF_ERROR(
        client->Call("rds", "RemoveTagsFromResource", {{"ResourceName", arn}, {"TagKeys", removed}})
            .status());
  }
  return client
      ->Call("rds", "AddTagsToResource",
             {{"ResourceName", arn}, {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}})
      .status();
}

namespace {

constexpr std::chrono::minutes kDbInstanceWaitTimeout{90};

AttributeSchema ForceNew(AttributeSchema a) {
  a.force_new = true;
  return a;
}

ResourceSchema InstanceSchema() {
  ResourceSchema s;
  s.type = "aws_db_instance";
  s.description = "an RDS database instance; its master password is kept by AWS in Secrets Manager";
  s.attributes = {
      Required("identifier", AttrType::kString, "the DB instance identifier", true),
      Optional("engine", AttrType::kString, "the engine", Value("postgres"), true),
      Required("engine_version", AttrType::kString,
               "engine version, e.g. 16 (any 16.x) or 16.4; upgraded in place"),
      Required("instance_class", AttrType::kString, "e.g. db.t4g.medium"),
      Required("allocated_storage", AttrType::kInt, "storage in GiB (can only grow)"),
      Optional("multi_az", AttrType::kBool, "a standby in a second zone", Value(false)),
      Optional("backup_retention_period", AttrType::kInt, "days of automated backups (0..35)",
               Value(7)),
      Optional("deletion_protection", AttrType::kBool, "refuse deletes", Value(true)),
      Optional("storage_encrypted", AttrType::kBool, "encrypt storage at rest", Value(true), true),
      ForceNew(Computed("kms_key_id", AttrType::kString,
                        "KMS key ARN of storage and password secret; aws/rds when unset")),
      Required("db_subnet_group_name", AttrType::kString, "the DB subnet group", true),
      Unordered(Computed("vpc_security_group_ids", AttrType::kList,
                         "security groups; the VPC default when unset")),
      Optional("username", AttrType::kString, "the master user name", Value("pave"), true),
      Optional("port", AttrType::kInt, "the port it listens on", Value(5432)),
      Optional("skip_final_snapshot", AttrType::kBool, "delete without a final snapshot",
               Value(false)),
      TagsAttribute(),
      ArnAttribute(),
      Stable("endpoint", AttrType::kString, "the host name clients connect to"),
      Stable("master_user_secret_arn", AttrType::kString,
             "the Secrets Manager secret holding the password"),
      Computed("engine_version_actual", AttrType::kString, "the exact version running, e.g. 16.4"),
  };
  s.holds_data = true;
  s.typical_create = std::chrono::minutes(10);
  return s;
}

bool IsFailedState(const std::string& state) {
  return state == "failed" || state.rfind("incompatible-", 0) == 0 ||
         state == "inaccessible-encryption-credentials";
}

std::string Major(const std::string& version) { return version.substr(0, version.find('.')); }

class InstanceType : public AwsResourceType {
 public:
  explicit InstanceType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), InstanceSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string id = GetString(desired, "identifier");
    Value input = {{"DBInstanceIdentifier", id},
                   {"Engine", GetString(desired, "engine", "postgres")},
                   {"EngineVersion", GetString(desired, "engine_version")},
                   {"DBInstanceClass", GetString(desired, "instance_class")},
                   {"AllocatedStorage", GetInt(desired, "allocated_storage", 20)},
                   {"MultiAZ", GetBool(desired, "multi_az", false)},
                   {"BackupRetentionPeriod", GetInt(desired, "backup_retention_period", 7)},
                   {"DeletionProtection", GetBool(desired, "deletion_protection", true)},
                   {"StorageEncrypted", GetBool(desired, "storage_encrypted", true)},
                   {"DBSubnetGroupName", GetString(desired, "db_subnet_group_name")},
                   {"MasterUsername", GetString(desired, "username", "pave")},
                   {"ManageMasterUserPassword", true},
                   {"Port", GetInt(desired, "port", 5432)},
                   {"PubliclyAccessible", false},
                   {"CopyTagsToSnapshot", true},
                   {"Tags", TagMapToList(TagsForCreate(ctx, desired))}};
    if (std::string key = GetString(desired, "kms_key_id"); !key.empty()) {
      input["KmsKeyId"] = key;
      input["MasterUserSecretKmsKeyId"] = key;
    }
    if (desired.contains("vpc_security_group_ids") &&
        desired["vpc_security_group_ids"].is_array() &&
        !desired["vpc_security_group_ids"].empty()) {
      input["VpcSecurityGroupIds"] = desired["vpc_security_group_ids"];
    }
    Status s = CallCreate(ctx, id, input);
    if (s.reason() == "DBInstanceAlreadyExists" || s.reason() == "DBInstanceAlreadyExistsFault") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine)
        return s.WithContext("database " + id + " exists and was not made by this platform");
      ctx.Progress("found database " + id + " made by an earlier run");
      RETURN_IF_ERROR(WaitAvailable(ctx, id));
      ASSIGN_OR_RETURN(Value current, ReadBackWith(ctx, desired));
      return Update(ctx, current, desired);
    }
    RETURN_IF_ERROR(s);
    RETURN_IF_ERROR(WaitAvailable(ctx, id));
    return ReadBackWith(ctx, desired);
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(std::vector<Value> items, Describe(PriorValues(requests, "identifier")));
    std::map<std::string, Value> found = IndexBy(items, "DBInstanceIdentifier");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = found.find(GetString(r.prior, "identifier"));
      if (it == found.end() || GetString(it->second, "DBInstanceStatus") == "deleting") {
        out.push_back(std::nullopt);
        continue;
      }
      out.push_back(ToAttributes(it->second, r.prior));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    std::string id = GetString(prior, "identifier");
    if (GetInt(desired, "allocated_storage", 0) < GetInt(prior, "allocated_storage", 0)) {
      return Status::InvalidArgument(
          "allocated_storage of " + ctx.address.ToString() + " can only grow (RDS cannot " +
          "shrink storage): from " + std::to_string(GetInt(prior, "allocated_storage", 0)) +
          " to " + std::to_string(GetInt(desired, "allocated_storage", 0)) + " GiB");
    }
    Value input = ModifyInput(prior, desired);
    if (!input.empty()) {
      input["DBInstanceIdentifier"] = id;
      input["ApplyImmediately"] = true;
      RETURN_IF_ERROR(poller().RetryWhile(
          ctx, "waiting for database " + id + " to accept changes",
          {"InvalidDBInstanceState", "InvalidDBInstanceStateFault"},
          [&] { return client()->Call("rds", "ModifyDBInstance", input).status(); }));
      RETURN_IF_ERROR(WaitAvailable(ctx, id));
    }
    if (std::string arn = GetString(prior, "arn"); !arn.empty()) {
      RETURN_IF_ERROR(SyncRdsTags(client(), ctx, arn, prior, desired));
    }
    return ReadBackWith(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "identifier");
    ASSIGN_OR_RETURN(std::vector<Value> items, Describe({id}));
    if (items.empty()) return Status::Ok();
    const Value& db = items[0];
    if (GetString(db, "DBInstanceStatus") != "deleting") {
      if (GetBool(db, "DeletionProtection", false)) RETURN_IF_ERROR(LiftProtection(ctx, id));
      Value input = {{"DBInstanceIdentifier", id}, {"DeleteAutomatedBackups", false}};
      std::string snapshot;
      if (GetBool(prior, "skip_final_snapshot", false)) {
        input["SkipFinalSnapshot"] = true;
      } else {
        snapshot = FinalSnapshotIdentifier(id, deps_.env->Now());
        input["FinalDBSnapshotIdentifier"] = snapshot;
      }
      Status s = poller().RetryWhile(
          ctx, "waiting for database " + id + " to accept the delete",
          {"InvalidDBInstanceState", "InvalidDBInstanceStateFault"},
          [&] { return client()->Call("rds", "DeleteDBInstance", input).status(); });
      if (IsNotFound(s)) return Status::Ok();
      RETURN_IF_ERROR(s);
      if (!snapshot.empty()) ctx.Progress("database " + id + ": final snapshot " + snapshot);
    }
    return WaitGone(ctx, id);
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(std::vector<Value> items, Describe({GetString(desired, "identifier")}));
    if (items.empty()) return std::optional<Value>();
    ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, items[0].value("TagList", Value::array()),
                                          "database " + GetString(desired, "identifier")));
    if (!ours) return std::optional<Value>();
    return std::optional<Value>(ToAttributes(items[0], desired));
  }

 private:
  Status WaitGone(const OperationContext& ctx, const std::string& id) {
    return poller().Until(ctx, "waiting for database " + id + " to be deleted",
                          [&](std::string* state) -> Result<bool> {
                            ASSIGN_OR_RETURN(std::vector<Value> now, Describe({id}));
                            *state =
                                now.empty() ? "deleted" : GetString(now[0], "DBInstanceStatus");
                            return now.empty();
                          });
  }

  // CreateDBInstance; when an instance of that identifier is still being deleted (destroyed,
  // then declared again), waits until it is gone and creates it again.
  Status CallCreate(const OperationContext& ctx, const std::string& id, const Value& input) {
    Status s = client()->Call("rds", "CreateDBInstance", input).status();
    if (s.reason() != "DBInstanceAlreadyExists" && s.reason() != "DBInstanceAlreadyExistsFault") {
      return s;
    }
    ASSIGN_OR_RETURN(std::vector<Value> items, Describe({id}));
    if (items.empty() || GetString(items[0], "DBInstanceStatus") != "deleting") return s;
    RETURN_IF_ERROR(WaitGone(ctx, id));
    return client()->Call("rds", "CreateDBInstance", input).status();
  }

  Result<std::vector<Value>> Describe(const std::vector<std::string>& ids) const {
    DescribeQuery q{.service = "rds",
                    .operation = "DescribeDBInstances",
                    .filter_name = "db-instance-id",
                    .result_key = "DBInstances"};
    return DescribeByFilter(client(), q, ids);
  }

  // Deletion protection is turned off by pave only for a run that may lose data.
  Status LiftProtection(const OperationContext& ctx, const std::string& id) {
    if (!ctx.allow_data_loss) {
      return Status::FailedPrecondition("database " + id +
                                        " has deletion protection: deleting it needs " +
                                        "--allow-data-loss (a final snapshot is kept)");
    }
    ctx.Progress("turning off deletion protection of database " + id + " (--allow-data-loss)");
    Value input = {
        {"DBInstanceIdentifier", id}, {"DeletionProtection", false}, {"ApplyImmediately", true}};
    RETURN_IF_ERROR(poller().RetryWhile(
        ctx, "waiting for database " + id + " to accept changes",
        {"InvalidDBInstanceState", "InvalidDBInstanceStateFault"},
        [&] { return client()->Call("rds", "ModifyDBInstance", input).status(); }));
    return WaitAvailable(ctx, id);
  }

  // The ModifyDBInstance members for what differs between prior and desired ({} when nothing).
  static Value ModifyInput(const Value& prior, const Value& desired) {
    Value in = Value::object();
    auto changed = [&](const char* attr) {
      return desired.contains(attr) && desired[attr] != prior.value(attr, Value());
    };
    if (changed("instance_class")) in["DBInstanceClass"] = desired["instance_class"];
    if (changed("allocated_storage")) in["AllocatedStorage"] = desired["allocated_storage"];
    if (changed("multi_az")) in["MultiAZ"] = desired["multi_az"];
    if (changed("backup_retention_period"))
      in["BackupRetentionPeriod"] = desired["backup_retention_period"];
    if (changed("deletion_protection")) in["DeletionProtection"] = desired["deletion_protection"];
    if (changed("port")) in["DBPortNumber"] = desired["port"];
    if (changed("vpc_security_group_ids") && !desired["vpc_security_group_ids"].empty()) {
      in["VpcSecurityGroupIds"] = desired["vpc_security_group_ids"];
    }
    std::string asked = GetString(desired, "engine_version");
    std::string running =
        GetString(prior, "engine_version_actual", GetString(prior, "engine_version"));
    if (!asked.empty() && !EngineVersionMatches(asked, running) &&
        asked != GetString(prior, "engine_version")) {
      in["EngineVersion"] = asked;
      if (Major(asked) != Major(running)) in["AllowMajorVersionUpgrade"] = true;
    }
    return in;
  }

  Status WaitAvailable(const OperationContext& ctx, const std::string& id) {
    return poller().Until(
        ctx, "waiting for database " + id, [&](std::string* state) -> Result<bool> {
          ASSIGN_OR_RETURN(std::vector<Value> items, Describe({id}));
          *state = items.empty() ? "not visible yet" : GetString(items[0], "DBInstanceStatus");
          if (IsFailedState(*state))
            return Status::FailedPrecondition("database " + id + " is " + *state);
          Value pending =
              items.empty() ? Value() : items[0].value("PendingModifiedValues", Value::object());
          bool settled = *state == "available" ||
                         *state == "storage-optimization";  // usable while storage optimizes
          if (settled && pending.is_object() && !pending.empty()) {
            *state += ", changes pending";
            settled = false;
          }
          return settled;
        });
  }

  Result<Value> ReadBackWith(const OperationContext& ctx, const Value& desired) {
    std::string id = GetString(desired, "identifier");
    Value key = {{"id", id},
                 {"identifier", id},
                 {"engine_version", GetString(desired, "engine_version")},
                 {"skip_final_snapshot", GetBool(desired, "skip_final_snapshot", false)}};
    if (desired.contains("vpc_security_group_ids"))
      key["vpc_security_group_ids"] = desired["vpc_security_group_ids"];
    return ReadBack(ctx, key);
  }

  static Value ToAttributes(const Value& d, const Value& prior) {
    std::string id = GetString(d, "DBInstanceIdentifier");
    std::string actual = GetString(d, "EngineVersion");
    std::string asked = GetString(prior, "engine_version");
    Value groups = Value::array();
    for (const Value& g : d.value("VpcSecurityGroups", Value::array()))
      groups.push_back(GetString(g, "VpcSecurityGroupId"));
    Value endpoint = d.value("Endpoint", Value::object());
    Value a = {{"id", id},
               {"identifier", id},
               {"engine", GetString(d, "Engine")},
               {"engine_version", EngineVersionMatches(asked, actual) ? asked : actual},
               {"engine_version_actual", actual},
               {"instance_class", GetString(d, "DBInstanceClass")},
               {"allocated_storage", GetInt(d, "AllocatedStorage", 0)},
               {"multi_az", GetBool(d, "MultiAZ", false)},
               {"backup_retention_period", GetInt(d, "BackupRetentionPeriod", 0)},
               {"deletion_protection", GetBool(d, "DeletionProtection", false)},
               {"storage_encrypted", GetBool(d, "StorageEncrypted", false)},
               {"db_subnet_group_name",
                GetString(d.value("DBSubnetGroup", Value::object()), "DBSubnetGroupName")},
               {"vpc_security_group_ids",
                StableList(groups, prior.value("vpc_security_group_ids", Value::array()))},
               {"username", GetString(d, "MasterUsername")},
               {"port", GetInt(endpoint, "Port", GetInt(d, "DbInstancePort", 5432))},
               {"skip_final_snapshot", GetBool(prior, "skip_final_snapshot", false)},
               {"tags", UserTags(d.value("TagList", Value::array()))},
               {"arn", GetString(d, "DBInstanceArn")},
               {"endpoint", GetString(endpoint, "Address")}};
    if (!GetString(d, "KmsKeyId").empty()) a["kms_key_id"] = d["KmsKeyId"];
    std::string secret = GetString(d.value("MasterUserSecret", Value::object()), "SecretArn");
    if (!secret.empty()) a["master_user_secret_arn"] = secret;
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewDbInstanceType(AwsTypeDeps deps) {
  // A multi-AZ create or a class change often takes 20-40 minutes.
  deps.poll.timeout =
      std::max<std::chrono::milliseconds>(deps.poll.timeout, kDbInstanceWaitTimeout);
  return std::make_unique<InstanceType>(std::move(deps));
}

void RegisterRdsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewDbSubnetGroupType(deps));
  registry->Register(NewDbInstanceType(deps));
}

}  // namespace pave::aws_provider
