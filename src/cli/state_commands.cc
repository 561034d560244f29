// pave state init (the S3 bucket of a team state) and pave state migrate (local <-> S3).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "cli/commands.h"
#include "cli/state_backend.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "platform/state_section.h"
#include "state/local_store.h"
#include "state/s3_object_store.h"
#include "state/state_codec.h"

namespace pave::cli {
namespace {

constexpr int kNoncurrentDays = 90;  // old versions of the state objects are kept this long

Result<StateBackendConfig> RequireS3(CommandContext& ctx) {
  ASSIGN_OR_RETURN(StateBackendConfig config, ReadStateSection(ctx.env, ctx.options.file));
  if (config.backend != StateBackendConfig::Backend::kS3) {
    return Status::FailedPrecondition(fmt::format(
        "{} has no `state:` section with `backend: s3` (and bucket, key): add one first",
        ctx.options.file));
  }
  return config;
}

bool IsMissingBucket(const Status& s) {
  const std::string& code = s.reason();
  return code == "NoSuchBucket" || code == "NotFound" || code == "404";
}

Status CreateBucket(aws::AwsClient& aws, const StateBackendConfig& config) {
  Value input{{"Bucket", config.bucket}};
  if (config.region != "us-east-1") {
    input["CreateBucketConfiguration"] = Value{{"LocationConstraint", config.region}};
  }
  return aws.Call("s3", "CreateBucket", input, {config.region}).status();
}

std::string TlsOnlyPolicy(const std::string& bucket) {
  std::string arn = "arn:aws:s3:::" + bucket;
  Value statement{{"Sid", "DenyInsecureTransport"},
                  {"Effect", "Deny"},
                  {"Principal", "*"},
                  {"Action", "s3:*"},
                  {"Resource", Value::array({arn, arn + "/*"})},
                  {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}};
  return Value{{"Version", "2012-10-17"}, {"Statement", Value::array({statement})}}.dump();
}

// Versioning, default encryption with KMS, no public access, TLS only, and old versions
// expiring: set every time (each call is idempotent), so `init` also repairs a bucket.
Status HardenBucket(aws::AwsClient& aws, const StateBackendConfig& config, std::ostream& out) {
  const std::string& b = config.bucket;
  aws::CallOptions where{config.region};
  struct Step {
    std::string what;
    const char* operation;
    Value input;
  };
  std::vector<Step> steps = {
      {"versioning",
       "PutBucketVersioning",
       {{"Bucket", b}, {"VersioningConfiguration", {{"Status", "Enabled"}}}}},
      {"default encryption (aws:kms)",
       "PutBucketEncryption",
       {{"Bucket", b},
        {"ServerSideEncryptionConfiguration",
         {{"Rules", Value::array({Value{
                        {"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "aws:kms"}}},
                        {"BucketKeyEnabled", true}}})}}}}},
      {"public access block",
       "PutPublicAccessBlock",
       {{"Bucket", b},
        {"PublicAccessBlockConfiguration",
         {{"BlockPublicAcls", true},
          {"IgnorePublicAcls", true},
          {"BlockPublicPolicy", true},
          {"RestrictPublicBuckets", true}}}}},
      {"TLS-only bucket policy", "PutBucketPolicy", {{"Bucket", b}, {"Policy", TlsOnlyPolicy(b)}}},
      {fmt::format("lifecycle: old versions expire after {} days", kNoncurrentDays),
       "PutBucketLifecycleConfiguration",
       {{"Bucket", b},
        {"LifecycleConfiguration",
         {{"Rules", Value::array({Value{
                        {"ID", "pave-expire-old-state-versions"},
                        {"Status", "Enabled"},
                        {"Filter", {{"Prefix", ""}}},
                        {"NoncurrentVersionExpiration", {{"NoncurrentDays", kNoncurrentDays}}},
                        {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 7}}}}})}}}}},
  };
  for (const Step& step : steps) {
    RETURN_IF_ERROR(aws.Call("s3", step.operation, step.input, where)
                        .status()
                        .WithContext(fmt::format("cannot set {} on bucket {}", step.operation, b)));
    out << fmt::format("  {}: set\n", step.what);
  }
  return Status::Ok();
}

}  // namespace

int RunStateInit(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto config = RequireS3(ctx);
  if (!config.ok()) return Fail(printer, config.status());
  auto aws = MakeStateAwsClient(ctx.env, ctx.options, *config);
  if (!aws.ok()) return Fail(printer, aws.status());
  Result<Value> head =
      (*aws)->Call("s3", "HeadBucket", Value{{"Bucket", config->bucket}}, {config->region});
  if (!head.ok() && !IsMissingBucket(head.status())) {
    return Fail(printer, head.status().WithContext(
                             fmt::format("cannot read the state bucket {}", config->bucket)));
  }
  if (head.ok()) {
    ctx.console.out << fmt::format("Bucket {} exists; checking its settings.\n", config->bucket);
  } else {
    Status made = CreateBucket(**aws, *config);
    if (!made.ok()) return Fail(printer, made.WithContext("cannot create the state bucket"));
    ctx.console.out << fmt::format("Created bucket {} in {}.\n", config->bucket, config->region);
  }
  Status hardened = HardenBucket(**aws, *config, ctx.console.out);
  if (!hardened.ok()) return Fail(printer, hardened);
  ctx.console.out << fmt::format("The state will live in {}.\n", DescribeBackend(ctx.options, *config));
  return 0;
}

namespace {

// Where migrate writes documents as they are (serial, lineage and who wrote them kept).
struct StateWriter {
  std::function<Status(const std::string& text)> current;
  std::function<Status(int64_t serial, const std::string& text)> version;
  std::function<Status(int64_t serial, const std::string& text)> sources;  // kept with a version
};

struct MigrateEnd {
  std::unique_ptr<aws::AwsClient> aws;  // s3 only
  std::unique_ptr<S3ObjectStore> objects;
  std::unique_ptr<StateStore> store;
  StateWriter writer;
  std::string name;
};

Result<MigrateEnd> OpenLocalEnd(CommandContext& ctx) {
  MigrateEnd end;
  ASSIGN_OR_RETURN(std::unique_ptr<LocalStateStore> local,
                   LocalStateStore::Open(ctx.env, StateDirFor(ctx.options.file)));
  LocalStateStore* raw = local.get();
  Env* env = ctx.env;
  end.name = raw->dir();
  end.writer.current = [env, raw](const std::string& text) {
    return env->WriteFileAtomic(raw->state_path(), text, 0600);
  };
  end.writer.version = [env, raw](int64_t serial, const std::string& text) {
    RETURN_IF_ERROR(env->CreateDirs(DirName(raw->history_path(serial)), 0700));
    return env->WriteFileAtomic(raw->history_path(serial), text, 0600);
  };
  end.writer.sources = [env, raw](int64_t serial, const std::string& text) {
    RETURN_IF_ERROR(env->CreateDirs(DirName(raw->sources_path(serial)), 0700));
    return env->WriteFileAtomic(raw->sources_path(serial), text, 0600);
  };
  end.store = std::move(local);
  return end;
}

Result<MigrateEnd> OpenS3End(CommandContext& ctx, const StateBackendConfig& config) {
  MigrateEnd end;
  ASSIGN_OR_RETURN(end.aws, MakeStateAwsClient(ctx.env, ctx.options, config));
  end.objects = std::make_unique<S3ObjectStore>(end.aws.get(), config.bucket, config.region);
  ASSIGN_OR_RETURN(end.store, OpenConfiguredStore(ctx.env, ctx.options, config, end.aws.get()));
  S3ObjectStore* objects = end.objects.get();
  std::string key = config.key;
  end.name = objects->Describe(key);
  end.writer.current = [objects, key](const std::string& text) {
    return objects->Put(key, text, WriteCondition::Always()).status();
  };
  end.writer.version = [objects, key](int64_t serial, const std::string& text) {
    return objects
        ->Put(fmt::format("{}.history/{:08}.json", key, serial), text, WriteCondition::Always())
        .status();
  };
  end.writer.sources = [objects, key](int64_t serial, const std::string& text) {
    return objects
        ->Put(fmt::format("{}.history/{:08}.sources.json", key, serial), text, WriteCondition::Always())
        .status();
  };
  return end;
}

// The target may be empty, or hold an older or equal version of the same lineage (a
// migration that was interrupted or is repeated).
Status CheckTarget(const LoadedState& source, const LoadedState& target, const std::string& name) {
  bool empty = target.state.serial == 0 && target.state.size() == 0;
  if (!empty && target.state.lineage != source.state.lineage) {
    return Status::FailedPrecondition(fmt::format(
        "{} holds another state (lineage {}, version {}; this one is lineage {}): refusing to "
        "overwrite it",
        name, target.state.lineage, target.state.serial, source.state.lineage));
  }
  if (!empty && target.state.serial > source.state.serial) {
    return Status::FailedPrecondition(
        fmt::format("{} holds a newer version ({}) of this state than the source ({})", name,
                    target.state.serial, source.state.serial));
  }
  if (!target.pending.empty()) {
    return Status::FailedPrecondition(
        fmt::format("{} has a journal with pending operations", name));
  }
  return Status::Ok();
}

Result<std::string> EncodeVersion(StateStore& store, const VersionInfo& info) {
  ASSIGN_OR_RETURN(State state, store.Version(info.serial));
  return EncodeStateDocument(StateDocument{
      std::move(state), WrittenBy{info.time, info.user, info.operation, info.summary}});
}

// Copies the current version and the history; returns how many versions were copied.
Result<size_t> Copy(MigrateEnd& from, MigrateEnd& to) {
  ASSIGN_OR_RETURN(auto from_lock, from.store->Lock("migrate"));
  ASSIGN_OR_RETURN(auto to_lock, to.store->Lock("migrate"));
  ASSIGN_OR_RETURN(LoadedState source, from.store->Load());
  if (!source.pending.empty() || source.recovered) {
    return Status::FailedPrecondition(
        fmt::format("{} has a journal of an interrupted run: run `pave apply` first", from.name));
  }
  if (source.state.serial == 0) {
    return Status::FailedPrecondition(fmt::format("{} holds no saved state", from.name));
  }
  ASSIGN_OR_RETURN(LoadedState target, to.store->Load());
  RETURN_IF_ERROR(CheckTarget(source, target, to.name));
  ASSIGN_OR_RETURN(std::vector<VersionInfo> history, from.store->History());
  const VersionInfo* current = nullptr;
  for (const VersionInfo& v : history) {
    if (v.serial == source.state.serial) current = &v;
  }
  if (current == nullptr) {
    return Status::DataLoss(
        fmt::format("{}: version {} is not in its history", from.name, source.state.serial));
  }
  ASSIGN_OR_RETURN(std::string text, EncodeVersion(*from.store, *current));
  RETURN_IF_ERROR(to.writer.current(text));
  for (const VersionInfo& v : history) {
    ASSIGN_OR_RETURN(std::string version, EncodeVersion(*from.store, v));
    Result<std::map<std::string, std::string>> sources = from.store->VersionSources(v.serial);
    if (sources.ok()) {
      RETURN_IF_ERROR(to.writer.sources(v.serial, EncodeVersionSources(*sources)));
    } else if (sources.status().code() != StatusCode::kNotFound) {
      return sources.status();
    }
    RETURN_IF_ERROR(to.writer.version(v.serial, version));
  }
  return history.size();
}

}  // namespace

int RunStateMigrate(CommandContext& ctx, const std::string& to) {
  Printer printer = MakePrinter(ctx);
  if (to != "s3" && to != "local") {
    return Fail(printer, Status::InvalidArgument("--to must be s3 or local"));
  }
  auto config = RequireS3(ctx);
  if (!config.ok()) return Fail(printer, config.status());
  auto local = OpenLocalEnd(ctx);
  if (!local.ok()) return Fail(printer, local.status());
  auto s3 = OpenS3End(ctx, *config);
  if (!s3.ok()) return Fail(printer, s3.status());
  MigrateEnd& from = to == "s3" ? *local : *s3;
  MigrateEnd& into = to == "s3" ? *s3 : *local;
  Result<size_t> copied = Copy(from, into);
  if (!copied.ok()) return Fail(printer, copied.status());
  ctx.console.out << fmt::format(
      "Copied the state and {} history version(s) from {} to {}; the source is left as it "
      "was.\n",
      *copied, from.name, into.name);
  if (to == "local") {
    ctx.console.out << "Remove the `state:` section of the platform file to use the local "
                       "state.\n";
  }
  return 0;
}

}  // namespace pave::cli
