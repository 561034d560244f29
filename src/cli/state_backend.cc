#include "cli/state_backend.h"

#include <fmt/format.h>

#include "aws/config.h"
#include "aws/credentials_sts.h"
#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "cli/lazy_aws_client.h"
#include "cli/state_account.h"
#include "cli/workspace.h"
#include "state/local_store.h"
#include "state/s3_object_store.h"
#include "state/s3_store.h"

namespace pave::cli {
namespace {

// A client with the HTTP client it uses.
class OwnedAwsClient : public aws::AwsClient {
 public:
  OwnedAwsClient(std::unique_ptr<aws::HttpClient> http, std::unique_ptr<aws::AwsClient> client)
      : http_(std::move(http)), client_(std::move(client)) {}
  Result<Value> Call(const std::string& service, const std::string& operation, const Value& input,
                     const aws::CallOptions& options) override {
    return client_->Call(service, operation, input, options);
  }
  Result<Value> CallAllPages(const std::string& service, const std::string& operation,
                             const Value& input, const aws::CallOptions& options) override {
    return client_->CallAllPages(service, operation, input, options);
  }
  std::string region() const override { return client_->region(); }

 private:
  std::unique_ptr<aws::HttpClient> http_;
  std::unique_ptr<aws::AwsClient> client_;
};

// S3StateStore with the object store (and AWS client) it runs on.
class OwningS3Store : public StateStore {
 public:
  OwningS3Store(std::unique_ptr<aws::AwsClient> aws, std::unique_ptr<ObjectStore> objects)
      : aws_(std::move(aws)), objects_(std::move(objects)) {}
  Status Open(Env* env, const std::string& key) {
    ASSIGN_OR_RETURN(store_, S3StateStore::Open(env, objects_.get(), key));
    return Status::Ok();
  }
  Result<std::unique_ptr<StateLock>> Lock(std::string_view operation) override {
    return store_->Lock(operation);
  }
  Result<LoadedState> Load() override { return store_->Load(); }
  Status Save(const State& state, const SaveInfo& info) override {
    return store_->Save(state, info);
  }
  Status AdoptLineage(const std::string& lineage) override { return store_->AdoptLineage(lineage); }
  ChangeRecorder* recorder() override { return store_->recorder(); }
  Result<std::vector<VersionInfo>> History() override { return store_->History(); }
  Result<State> Version(int64_t serial) override { return store_->Version(serial); }
  Result<std::map<std::string, std::string>> VersionSources(int64_t serial) override {
    return store_->VersionSources(serial);
  }
  Status ForceUnlock(std::string_view id, bool force) override {
    return store_->ForceUnlock(id, force);
  }

 private:
  // Destroyed last to first: the store (and its lock) before what it talks through.
  std::unique_ptr<aws::AwsClient> aws_;
  std::unique_ptr<ObjectStore> objects_;
  std::unique_ptr<S3StateStore> store_;
};

}  // namespace

Result<std::unique_ptr<aws::AwsClient>> MakeStateAwsClient(Env* env, const GlobalOptions& options,
                                                           const StateBackendConfig& state) {
  auto http = std::make_unique<aws::CurlHttpClient>();
  ASSIGN_OR_RETURN(
      aws::ResolvedAwsConfig config,
      aws::ResolveAwsConfig(env, http.get(), aws::AwsOptions{options.profile, state.region}));
  if (config.region.empty()) {
    return Status::InvalidArgument(
        "no AWS region for the state bucket: set state.region or metadata.region");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<aws::AwsClient> client,
                   aws::NewAwsClient(env, http.get(), config, aws::AwsClientOptions{}));
  if (!state.account.empty()) {
    ASSIGN_OR_RETURN(std::string home, CallerAccount(client.get()));
    ASSIGN_OR_RETURN(std::string target, ResolveStateAccount(client.get(), state));
    if (target != home) {
      std::string role = state.access_role.empty() ? "OrganizationAccountAccessRole" : state.access_role;
      aws::AssumeRoleRequest request{.role_arn = "arn:aws:iam::" + target + ":role/" + role,
                                     .role_session_name = "pave-state"};
      config.credentials = aws::NewAssumedRoleProvider(
          env, http.get(), config.endpoints, config.credentials, request,
          fmt::format("state account {} ({})", target, role));
      ASSIGN_OR_RETURN(client, aws::NewAwsClient(env, http.get(), config, aws::AwsClientOptions{}));
    }
  }
  return std::unique_ptr<aws::AwsClient>(
      std::make_unique<OwnedAwsClient>(std::move(http), std::move(client)));
}

Result<std::unique_ptr<StateStore>> OpenConfiguredStore(Env* env, const GlobalOptions& options,
                                                        const StateBackendConfig& config,
                                                        aws::AwsClient* aws) {
  switch (config.backend) {
    case StateBackendConfig::Backend::kLocal: {
      ASSIGN_OR_RETURN(auto local, LocalStateStore::Open(env, StateDirFor(options.file)));
      return std::unique_ptr<StateStore>(std::move(local));
    }
    case StateBackendConfig::Backend::kS3:
      break;
  }
  std::unique_ptr<aws::AwsClient> owned;
  if (aws == nullptr) {
    // Built at the first state call: `pave validate` and `--help` stay offline, and the
    // account's name is resolved (STS, Organizations) only when the state is used.
    auto lazy = std::make_unique<LazyAwsClient>(
        [env, options, config](const std::string&) { return MakeStateAwsClient(env, options, config); });
    lazy->set_region(config.region);
    owned = std::move(lazy);
    aws = owned.get();
  }
  auto objects = std::make_unique<S3ObjectStore>(aws, config.bucket, config.region);
  auto store = std::make_unique<OwningS3Store>(std::move(owned), std::move(objects));
  RETURN_IF_ERROR(store->Open(env, config.key));
  return std::unique_ptr<StateStore>(std::move(store));
}

std::string DescribeBackend(const GlobalOptions& options, const StateBackendConfig& config) {
  switch (config.backend) {
    case StateBackendConfig::Backend::kLocal:
      return StateDirFor(options.file);
    case StateBackendConfig::Backend::kS3:
      break;
  }
  if (config.account.empty()) return fmt::format("s3://{}/{}", config.bucket, config.key);
  return fmt::format("s3://{}/{} (account {})", config.bucket, config.key, config.account);
}

}  // namespace pave::cli
