// AccountRegistries: the resource types of each member account a platform builds into. For
// an account id it assumes the access role there (OrganizationAccountAccessRole unless the
// platform names another) with the credentials pave runs with, and registers every resource
// type again with a client that signs as that role — the engine's ProviderRegistry account
// source. Built on first use per account and kept for the run; credentials are fetched on the
// first call and refreshed before they expire. The account pave runs in is its own registry.
// A placement with a region ("ACCOUNT@REGION", "@REGION": engine/state.h) gets a registry of
// its own whose client signs for that region (pave's own credentials in its own account).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "aws/client.h"
#include "aws/http.h"
#include "aws/modeled_client.h"
#include "core/env.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave::cli {

class AccountRegistries {
 public:
  // `home` is the registry (and `home_client` the client) of the account pave runs in.
  AccountRegistries(Env* env, aws::HttpClient* http, std::string profile, aws::AwsCallObserver* observer,
                    const ProviderRegistry* home, aws::AwsClient* home_client)
      : env_(env), http_(http), profile_(std::move(profile)), observer_(observer), home_(home),
        home_client_(home_client) {}

  void set_region(std::string region);
  void set_access_role(std::string role);

  // ProviderRegistry::AccountSource: `placement` is "ACCOUNT", "@REGION" or "ACCOUNT@REGION".
  Result<const ProviderRegistry*> For(const std::string& placement);

 private:
  struct Account {
    std::unique_ptr<aws::AwsClient> client;
    ProviderRegistry registry;
  };
  Result<std::string> HomeAccount();  // needs mu_
  // Types acting in `account_id` (through its access role unless `assume` is false) and `region`.
  Result<std::unique_ptr<Account>> Build(const std::string& account_id, const std::string& region,
                                         bool assume);  // needs mu_

  Env* const env_;
  aws::HttpClient* const http_;
  const std::string profile_;
  aws::AwsCallObserver* const observer_;
  const ProviderRegistry* const home_;
  aws::AwsClient* const home_client_;
  std::mutex mu_;
  std::string region_;                                      // guarded by mu_
  std::string access_role_ = "OrganizationAccountAccessRole";  // guarded by mu_
  std::string home_account_;                                // guarded by mu_; asked once
  std::map<std::string, std::unique_ptr<Account>> accounts_;  // guarded by mu_; by placement
};

}  // namespace pave::cli
