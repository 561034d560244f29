// aws_db_instance (a spec). Read is batched: DescribeDBInstances with a db-instance-id filter
// (all pages), which returns the tags too; an instance being deleted counts as gone. Writes wait
// with the adaptive poller until the instance is "available" with no modification pending (or
// optimizing storage, usable meanwhile), so what follows and the read-back see the change made;
// a failed state ends the wait. Every change is one ModifyDBInstance of what changed, with
// ApplyImmediately, retried while the instance is busy.
#include <ctime>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/rds/rds_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

std::string FinalSnapshotIdentifier(const std::string& identifier, std::chrono::system_clock::time_point when) {
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

namespace {

const std::vector<std::string> kBusy = {"InvalidDBInstanceState", "InvalidDBInstanceStateFault"};

bool IsFailedState(const std::string& state) {
  return state == "failed" || state.rfind("incompatible-", 0) == 0 || state == "inaccessible-encryption-credentials";
}

std::string Major(const std::string& version) { return version.substr(0, version.find('.')); }

// The instance `id` as DescribeDBInstances shows it; nullopt when there is none.
Result<std::optional<Value>> Describe(const SpecEnv& env, const std::string& id) {
  DescribeQuery q{.service = "rds", .operation = "DescribeDBInstances", .filter_name = "db-instance-id",
                  .result_key = "DBInstances"};
  ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(env.client, q, {id}));
  return items.empty() ? std::nullopt : std::optional<Value>(std::move(items[0]));
}

Status WaitAvailable(const SpecEnv& env, const OperationContext& ctx, const std::string& id) {
  return env.poller->Until(ctx, "waiting for database " + id, [&](std::string* state) -> Result<bool> {
    ASSIGN_OR_RETURN(std::optional<Value> db, Describe(env, id));
    *state = db ? GetString(*db, "DBInstanceStatus") : "not visible yet";
    if (IsFailedState(*state)) return Status::FailedPrecondition("database " + id + " is " + *state);
    Value pending = db ? db->value("PendingModifiedValues", Value::object()) : Value();
    bool settled = *state == "available" || *state == "storage-optimization";  // usable while storage optimizes
    if (settled && pending.is_object() && !pending.empty()) {
      *state += ", changes pending";
      settled = false;
    }
    return settled;
  });
}

Status WaitGone(const SpecEnv& env, const OperationContext& ctx, const std::string& id) {
  return env.poller->Until(ctx, "waiting for database " + id + " to be deleted", [&](std::string* state) -> Result<bool> {
    ASSIGN_OR_RETURN(std::optional<Value> db, Describe(env, id));
    *state = db ? GetString(*db, "DBInstanceStatus") : "deleted";
    return !db;
  });
}

// What the generic read leaves: the version as asked when AWS runs a minor of it, the
// security groups in the order last written, the port, what is kept as applied.
bool ReadInstance(const SpecEnv&, const Value& db, const Value& prior, Value* attrs) {
  if (GetString(db, "DBInstanceStatus") == "deleting") return false;
  const std::string actual = GetString(db, "EngineVersion"), asked = GetString(prior, "engine_version");
  (*attrs)["engine_version"] = EngineVersionMatches(asked, actual) ? asked : actual;
  Value groups = Value::array();
  for (const Value& g : db.value("VpcSecurityGroups", Value::array())) groups.push_back(GetString(g, "VpcSecurityGroupId"));
  (*attrs)["vpc_security_group_ids"] = StableList(groups, prior.value("vpc_security_group_ids", Value::array()));
  (*attrs)["port"] = GetInt(db.value("Endpoint", Value::object()), "Port", GetInt(db, "DbInstancePort", 5432));
  (*attrs)["skip_final_snapshot"] = GetBool(prior, "skip_final_snapshot", false);
  return true;
}

// The password's secret under the storage's key; no security groups given: the VPC's default.
Status CreateInput(const SpecEnv&, const Value& desired, Value* input) {
  if (std::string key = GetString(desired, "kms_key_id"); !key.empty()) (*input)["MasterUserSecretKmsKeyId"] = key;
  if (input->value("VpcSecurityGroupIds", Value()).empty()) input->erase("VpcSecurityGroupIds");
  return Status::Ok();
}

// RDS cannot shrink storage: refused before any call.
Result<Value> StorageOnlyGrows(const SpecEnv& env, const Value& prior, const Value& desired) {
  int64_t before = GetInt(prior, "allocated_storage", 0), after = GetInt(desired, "allocated_storage", 0);
  if (after >= before) return desired;
  return Status::InvalidArgument("allocated_storage of " + env.ctx->address.ToString() +
                                 " can only grow (RDS cannot shrink storage): from " + std::to_string(before) + " to " +
                                 std::to_string(after) + " GiB");
}

// A version AWS runs already (a minor of the major asked) is no change; a new major needs
// AllowMajorVersionUpgrade; an empty list of security groups is not sent.
Status ModifyInput(const SpecEnv&, const Value& prior, const Value& desired, Value* input) {
  if (input->contains("EngineVersion")) {
    const std::string asked = GetString(desired, "engine_version");
    const std::string running = GetString(prior, "engine_version_actual", GetString(prior, "engine_version"));
    if (EngineVersionMatches(asked, running)) input->erase("EngineVersion");
    else if (Major(asked) != Major(running)) (*input)["AllowMajorVersionUpgrade"] = true;
  }
  if (input->contains("VpcSecurityGroupIds") && (*input)["VpcSecurityGroupIds"].empty()) input->erase("VpcSecurityGroupIds");
  return Status::Ok();
}

// Deletion protection is turned off by pave only for a run that may lose data.
Status LiftProtection(const SpecEnv& env, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<Value> db, Describe(env, id));
  if (!db || GetString(*db, "DBInstanceStatus") == "deleting" || !GetBool(*db, "DeletionProtection", false)) {
    return Status::Ok();
  }
  const OperationContext& ctx = *env.ctx;
  if (!ctx.allow_data_loss) {
    return Status::FailedPrecondition("database " + id + " has deletion protection: deleting it needs " +
                                      "--allow-data-loss (a final snapshot is kept)");
  }
  ctx.Progress("turning off deletion protection of database " + id + " (--allow-data-loss)");
  Value input = {{"DBInstanceIdentifier", id}, {"DeletionProtection", false}, {"ApplyImmediately", true}};
  RETURN_IF_ERROR(env.poller->RetryWhile(ctx, "waiting for database " + id + " to accept changes",
                                         {kBusy[0], kBusy[1]},
                                         [&] { return env.client->Call("rds", "ModifyDBInstance", input).status(); }));
  return WaitAvailable(env, ctx, id);
}

// A final snapshot "<identifier>-final-<UTC time>" unless skip_final_snapshot.
Status DeleteInput(const SpecEnv& env, const Value& prior, Value* input) {
  if (GetBool(prior, "skip_final_snapshot", false)) {
    (*input)["SkipFinalSnapshot"] = true;
    return Status::Ok();
  }
  const std::string id = GetString(prior, "identifier");
  const std::string snapshot = FinalSnapshotIdentifier(id, env.poller->env()->Now());
  (*input)["FinalDBSnapshotIdentifier"] = snapshot;
  env.ctx->Progress("database " + id + ": deleting with final snapshot " + snapshot);
  return Status::Ok();
}

ResourceSpec DbInstanceSpec() {
  const auto in_and_out = [](AttrSpec a, const std::string& member) {
    a.create_member = a.read_member = member;
    return a;
  };
  return {
      .type = "aws_db_instance",
      .description = "an RDS database instance; its master password is kept by AWS in Secrets Manager",
      .service = "rds",
      .key_attribute = "identifier",
      .attributes =
          {in_and_out({.name = "identifier", .required = true, .force_new = true,
                       .description = "the DB instance identifier"}, "DBInstanceIdentifier"),
           in_and_out({.name = "engine", .force_new = true, .description = "the engine",
                       .default_value = Value("postgres")}, "Engine"),
           {.name = "engine_version", .required = true,
            .description = "engine version, e.g. 16 (any 16.x) or 16.4; upgraded in place",
            .create_member = "EngineVersion"},
           in_and_out({.name = "instance_class", .required = true, .description = "e.g. db.t4g.medium"},
                      "DBInstanceClass"),
           in_and_out({.name = "allocated_storage", .type = AttrType::kInt, .required = true,
                       .description = "storage in GiB (can only grow)"}, "AllocatedStorage"),
           in_and_out({.name = "multi_az", .type = AttrType::kBool, .description = "a standby in a second zone",
                       .default_value = Value(false)}, "MultiAZ"),
           in_and_out({.name = "backup_retention_period", .type = AttrType::kInt,
                       .description = "days of automated backups (0..35)", .default_value = Value(7)},
                      "BackupRetentionPeriod"),
           in_and_out({.name = "deletion_protection", .type = AttrType::kBool, .description = "refuse deletes",
                       .default_value = Value(true)}, "DeletionProtection"),
           in_and_out({.name = "storage_encrypted", .type = AttrType::kBool, .force_new = true,
                       .description = "encrypt storage at rest", .default_value = Value(true)}, "StorageEncrypted"),
           in_and_out({.name = "kms_key_id", .force_new = true, .computed = true,
                       .description = "KMS key ARN of storage and password secret; aws/rds when unset"}, "KmsKeyId"),
           {.name = "db_subnet_group_name", .required = true, .force_new = true, .description = "the DB subnet group",
            .create_member = "DBSubnetGroupName", .read_member = "DBSubnetGroup.DBSubnetGroupName"},
           {.name = "vpc_security_group_ids", .type = AttrType::kList, .computed = true, .unordered = true,
            .description = "security groups; the VPC default when unset", .create_member = "VpcSecurityGroupIds"},
           in_and_out({.name = "username", .force_new = true, .description = "the master user name",
                       .default_value = Value("pave")}, "MasterUsername"),
           {.name = "port", .type = AttrType::kInt, .description = "the port it listens on",
            .default_value = Value(5432), .create_member = "Port"},
           {.name = "skip_final_snapshot", .type = AttrType::kBool, .description = "delete without a final snapshot",
            .default_value = Value(false)},
           {.name = "tags"},
           {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
            .read_member = "DBInstanceArn"},
           {.name = "endpoint", .computed = true, .stable = true, .description = "the host name clients connect to",
            .read_member = "Endpoint.Address"},
           {.name = "master_user_secret_arn", .computed = true, .stable = true,
            .description = "the Secrets Manager secret holding the password", .read_member = "MasterUserSecret.SecretArn"},
           {.name = "engine_version_actual", .computed = true, .description = "the exact version running, e.g. 16.4",
            .read_member = "EngineVersion"}},
      .holds_data = true,
      .create = {.operation = "CreateDBInstance",
                 .conflict_codes = {"DBInstanceAlreadyExists", "DBInstanceAlreadyExistsFault"},
                 .constants = {{"ManageMasterUserPassword", true}, {"PubliclyAccessible", false},
                               {"CopyTagsToSnapshot", true}}},
      .read = {.operation = "DescribeDBInstances", .result_key = "DBInstances", .item_key = "DBInstanceIdentifier",
               .filter_name = "db-instance-id"},
      .updates = {{.operation = "ModifyDBInstance", .key_member = "DBInstanceIdentifier",
                   .members = {{"instance_class", "DBInstanceClass"}, {"allocated_storage", "AllocatedStorage"},
                               {"multi_az", "MultiAZ"}, {"backup_retention_period", "BackupRetentionPeriod"},
                               {"deletion_protection", "DeletionProtection"}, {"port", "DBPortNumber"},
                               {"vpc_security_group_ids", "VpcSecurityGroupIds"}, {"engine_version", "EngineVersion"}},
                   .constants = {{"ApplyImmediately", true}},
                   .changed_only = true,
                   .fill = ModifyInput,
                   .retry_codes = kBusy}},
      .tags = {.style = TagStyle::kArnBased, .create_member = "Tags", .read_member = "TagList",
               .tag_operation = "AddTagsToResource", .untag_operation = "RemoveTagsFromResource",
               .resource_member = "ResourceName", .tags_member = "Tags", .keys_member = "TagKeys"},
      .del = {.operation = "DeleteDBInstance", .key_member = "DBInstanceIdentifier",
              .gone_codes = {"DBInstanceNotFound", "DBInstanceNotFoundFault"}, .retry_codes = kBusy,
              .constants = {{"DeleteAutomatedBackups", false}}},
      .find = FindStyle::kByKey,
      // A multi-AZ create or a class change often takes 20-40 minutes.
      .poll_timeout = std::chrono::minutes(90),
      .typical_create = std::chrono::minutes(10),
      .hooks = {.read = ReadInstance,
                .create_input = CreateInput,
                .before_delete = LiftProtection,
                .after_delete = [](const SpecEnv& env, const OperationContext& ctx,
                                   const Value& prior) { return WaitGone(env, ctx, GetString(prior, "identifier")); },
                .update_desired = StorageOnlyGrows,
                .after_update = [](const SpecEnv& env, const UpdateSpec&, const Value&,
                                   const Value& attrs) { return WaitAvailable(env, *env.ctx, GetString(attrs, "identifier")); },
                .delete_input = DeleteInput,
                .wait_usable = [](const SpecEnv& env, const OperationContext& ctx,
                                  const Value& attrs) { return WaitAvailable(env, ctx, GetString(attrs, "identifier")); },
                // Destroyed, then declared again: the create waits until the old one is gone.
                .await_deletion = [](const SpecEnv& env, const OperationContext& ctx,
                                     const Value& desired) -> Result<bool> {
                  const std::string id = GetString(desired, "identifier");
                  ASSIGN_OR_RETURN(std::optional<Value> db, Describe(env, id));
                  if (!db || GetString(*db, "DBInstanceStatus") != "deleting") return false;
                  RETURN_IF_ERROR(WaitGone(env, ctx, id));
                  return true;
                }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewDbInstanceType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), DbInstanceSpec());
}

void RegisterRdsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewDbSubnetGroupType(deps));
  registry->Register(NewDbInstanceType(deps));
}

}  // namespace pave::aws_provider
