#include "cli/account_registries.h"

#include "aws/config.h"
#include "aws/credentials_sts.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"

namespace pave::cli {

void AccountRegistries::set_region(std::string region) {
  std::lock_guard<std::mutex> lock(mu_);
  region_ = std::move(region);
}

void AccountRegistries::set_access_role(std::string role) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!role.empty()) access_role_ = std::move(role);
}

Result<const ProviderRegistry*> AccountRegistries::For(const std::string& placement) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = accounts_.find(placement); it != accounts_.end()) return &it->second->registry;
  if (!IsResolvedPlacement(placement)) {
    return Status::InvalidArgument("\"" + placement + "\" is not an account id (with @REGION, if any)");
  }
  const Placement where = SplitPlacement(placement);
  const std::string region = where.region.empty() ? region_ : where.region;
  Result<std::string> home = HomeAccount();
  if (!home.ok()) return home.status().WithContext("finding the account pave runs in");
  const bool own_account = where.account.empty() || where.account == *home;
  if (own_account && region == region_) return home_;
  ASSIGN_OR_RETURN(std::unique_ptr<Account> built,
                   Build(own_account ? *home : where.account, region, !own_account));
  const ProviderRegistry* registry = &built->registry;
  accounts_.emplace(placement, std::move(built));
  return registry;
}

Result<std::string> AccountRegistries::HomeAccount() {
  if (!home_account_.empty()) return home_account_;
  ASSIGN_OR_RETURN(Value identity, home_client_->Call("sts", "GetCallerIdentity", Value::object()));
  Value account = identity.value("Account", Value(nullptr));
  if (!account.is_string() || !IsAccountId(account.get<std::string>())) {
    return Status::Internal("STS GetCallerIdentity answered without an account id");
  }
  home_account_ = account.get<std::string>();
  return home_account_;
}

Result<std::unique_ptr<AccountRegistries::Account>> AccountRegistries::Build(const std::string& account_id,
                                                                             const std::string& region,
                                                                             bool assume) {
  ASSIGN_OR_RETURN(aws::ResolvedAwsConfig config, aws::ResolveAwsConfig(env_, http_, aws::AwsOptions{profile_, region}));
  if (config.region.empty()) return Status::InvalidArgument("no AWS region: set metadata.region in the platform file");
  if (assume) {
    aws::AssumeRoleRequest request{.role_arn = "arn:aws:iam::" + account_id + ":role/" + access_role_,
                                   .role_session_name = "pave"};
    config.credentials = aws::NewAssumedRoleProvider(env_, http_, config.endpoints, config.credentials, request,
                                                     "account " + account_id + " (" + access_role_ + ")");
  }
  auto account = std::make_unique<Account>();
  ASSIGN_OR_RETURN(account->client,
                   aws::NewAwsClient(env_, http_, config, aws::AwsClientOptions{.observer = observer_}));
  RegisterBuiltinTypes(&account->registry, env_);
  RegisterAwsTypes(&account->registry, account->client.get(), env_);
  return account;
}

}  // namespace pave::cli
