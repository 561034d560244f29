#include "cli/workspace.h"

#include "aws/config.h"
#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "cli/state_backend.h"
#include "platform/blueprints/buckets.h"
#include "platform/blueprints/certificates.h"
#include "platform/blueprints/cluster.h"
#include "platform/blueprints/organization.h"
#include "platform/blueprints/people.h"
#include "platform/blueprints/databases.h"
#include "platform/blueprints/dns.h"
#include "platform/blueprints/gitops.h"
#include "providers/github/deploy_key.h"
#include "platform/blueprints/kubernetes.h"
#include "platform/blueprints/network.h"
#include "platform/blueprints/secrets.h"
#include "platform/blueprints/waf.h"
#include "platform/blueprints/baseline.h"
#include "platform/checks/checks_section.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"

namespace pave::cli {

std::string CleanPath(const std::string& path) {
  std::string out = path.empty() || path[0] != '/' ? "" : "/";
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (!part.empty() && part != ".") {
      if (!out.empty() && out.back() != '/') out += '/';
      out += part;
    }
    start = end + 1;
  }
  return out.empty() ? "." : out;
}

std::string StateDirFor(const std::string& platform_file) {
  return CleanPath(JoinPath(DirName(platform_file), ".pave"));
}

Result<std::unique_ptr<StateStore>> OpenStateOnly(Env* env, const GlobalOptions& options) {
  if (options.state_backend) return OpenConfiguredStore(env, options, *options.state_backend, nullptr);
  ASSIGN_OR_RETURN(StateBackendConfig config, ReadStateSection(env, options.file));
  return OpenConfiguredStore(env, options, config, nullptr);
}

Result<std::unique_ptr<Workspace>> Workspace::Open(Env* env, const GlobalOptions& options,
                                                   Printer& printer,
                                                   std::vector<Diagnostic>* diagnostics_out) {
  std::unique_ptr<Workspace> ws(new Workspace());
  ws->http_ = std::make_unique<aws::CurlHttpClient>();
  aws::HttpClient* http = ws->http_.get();
  std::string profile = options.profile;
  if (options.debug) ws->call_log_ = std::make_unique<aws::StreamCallLogger>(&printer.err());
  aws::AwsCallObserver* observer = ws->call_log_.get();
  ws->aws_ = std::make_unique<LazyAwsClient>(
      [env, http, profile, observer](const std::string& region)
          -> Result<std::unique_ptr<aws::AwsClient>> {
        aws::AwsOptions aws_options{profile, region};
        ASSIGN_OR_RETURN(aws::ResolvedAwsConfig config,
                         aws::ResolveAwsConfig(env, http, aws_options));
        if (config.region.empty()) {
          return Status::InvalidArgument("no AWS region: set metadata.region in the platform file");
        }
        return aws::NewAwsClient(env, http, config, aws::AwsClientOptions{.observer = observer});
      });

  RegisterBuiltinTypes(&ws->registry_, env);
  ws->registry_.Register(NewGithubDeployKeyType(env, http));
  RegisterAwsTypes(&ws->registry_, ws->aws_.get(), env);
  ws->accounts_ = std::make_unique<AccountRegistries>(env, http, profile, observer, &ws->registry_, ws->aws_.get());
  ws->registry_.set_account_source(
      [accounts = ws->accounts_.get()](const std::string& id) { return accounts->For(id); });
  // The organization first: every later section may name one of its accounts.
  ws->blueprints_.push_back(std::make_unique<OrganizationBlueprint>());
  ws->blueprints_.push_back(std::make_unique<PeopleBlueprint>());  // after organization
  ws->blueprints_.push_back(std::make_unique<NetworkBlueprint>());
  ws->blueprints_.push_back(std::make_unique<ClusterBlueprint>());
  ws->blueprints_.push_back(std::make_unique<DnsBlueprint>());
  ws->blueprints_.push_back(std::make_unique<CertificatesBlueprint>());  // needs dns
  ws->blueprints_.push_back(std::make_unique<SecretsBlueprint>());
  ws->blueprints_.push_back(std::make_unique<KubernetesBlueprint>());  // needs cluster, dns, secrets
  ws->blueprints_.push_back(std::make_unique<GitopsBlueprint>());      // needs kubernetes
  ws->blueprints_.push_back(std::make_unique<BucketsBlueprint>());
  ws->blueprints_.push_back(std::make_unique<DatabasesBlueprint>());
  ws->blueprints_.push_back(std::make_unique<WafBlueprint>());
  ws->blueprints_.push_back(std::make_unique<BaselineBlueprint>());
  ws->blueprints_.push_back(std::make_unique<ChecksBlueprint>());

  std::vector<const Blueprint*> blueprints;
  for (const auto& b : ws->blueprints_) blueprints.push_back(b.get());
  std::vector<Diagnostic> diagnostics;
  auto loaded = LoadPlatform(env, options.file, ws->registry_, blueprints, &diagnostics);
  if (diagnostics_out != nullptr) {
    if (!loaded.ok() && diagnostics.empty()) {
      diagnostics.push_back(Diagnostic{Severity::kError, {options.file}, loaded.status().message()});
    }
    *diagnostics_out = std::move(diagnostics);
    if (!loaded.ok()) return loaded.status();
  } else {
    printer.Diagnostics(diagnostics);
    if (!loaded.ok()) {
      if (diagnostics.empty()) printer.Error(loaded.status());
      return loaded.status();
    }
  }
  ws->platform_ = std::move(loaded).value();
  ws->aws_->set_region(ws->platform_.metadata.region);
  ws->accounts_->set_region(ws->platform_.metadata.region);
  if (auto role = ws->platform_.exports.find(kAccessRoleExport);
      role != ws->platform_.exports.end() && role->second.is_string()) {
    ws->accounts_->set_access_role(role->second.get<std::string>());
  }

  ws->state_dir_ = StateDirFor(options.file);
  // A state in another account (state.account) gets a client of its own, signed as that account.
  const StateBackendConfig& backend = options.state_backend.value_or(ws->platform_.state);
  auto store = OpenConfiguredStore(env, options, backend,
                                   backend.account.empty() ? ws->aws_.get() : nullptr);
  if (!store.ok()) {
    // Callers print only what Open reports: say why the state cannot be opened.
    if (diagnostics_out != nullptr) {
      diagnostics_out->push_back(Diagnostic{Severity::kError, {options.file}, store.status().message()});
    } else {
      printer.Error(store.status());
    }
    return store.status();
  }
  ws->store_ = std::move(store).value();
  return ws;
}

}  // namespace pave::cli
