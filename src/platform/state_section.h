// The `state:` section of the platform file: where the state lives.
//
//   state:
//     backend: s3                # or local (the default: .pave/ next to the file)
//     bucket: acme-pave-state    # s3: the bucket (`pave state init` creates it)
//     key: prod/network.json     # s3: the state object; lock, journal, history beside it
//     region: eu-west-1          # s3: the bucket's region (default: metadata.region)
//     account: management        # s3: the account holding the bucket: `management`, a name
//                                #     from organization.accounts or a 12-digit id (default:
//                                #     the account pave's credentials are in)
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "core/env.h"
#include "core/status.h"
#include "platform/yaml_checks.h"

namespace pave {

struct StateBackendConfig {
  enum class Backend { kLocal, kS3 };
  Backend backend = Backend::kLocal;
  std::string bucket;
  std::string key;
  std::string region;  // "" until defaulted from metadata.region
  // s3: the account that holds the bucket, as written ("" = the credentials' own account).
  std::string account;
  // From the organization: section (AddOrganizationHints): the role pave assumes in another
  // account ("" = OrganizationAccountAccessRole) and its accounts' names, each with the id the
  // file gives it ("" when the organization assigns it).
  std::string access_role;
  std::map<std::string, std::string> account_ids;
};

// Reads what the state's account needs from `organization` (the section's node; absent is
// fine): accessRole, and accounts' name -> id where an id is given. Errors in that section are
// the organization blueprint's to report.
void AddOrganizationHints(const YAML::Node& organization, StateBackendConfig* out);

// With an organization section: state.account must be `management`, one of its accounts or
// an id (an error at state.account with a did-you-mean otherwise).
void CheckStateAccount(const YAML::Node& state, const StateBackendConfig& config,
                       FileErrors& errors);

// Reads `state` (`key` is its key node). Errors (with locations) go to `errors`;
// `default_region` fills an absent region.
StateBackendConfig ParseStateSection(const YAML::Node& node, const std::string& default_region,
                                     FileErrors& errors);

// For commands that need only the state (history, unlock, migrate): reads just `state:` and
// `metadata.region` of the platform file at `path`. A missing file means the local backend.
// InvalidArgument with the first error, "file:line:col: message", when the section is wrong.
Result<StateBackendConfig> ReadStateSection(Env* env, const std::string& path);

// "a-z0-9.-", 3 to 63 characters, starting and ending with a letter or digit.
bool IsValidBucketName(const std::string& name);

}  // namespace pave
