// Workspace: what a command works on — the platform file, the resource types that can
// appear in it, and the state next to it (<dir of the platform file>/.pave).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/http.h"
#include "aws/modeled_client.h"
#include "cli/account_registries.h"
#include "cli/lazy_aws_client.h"
#include "cli/options.h"
#include "cli/printer.h"
#include "core/env.h"
#include "engine/resource_type.h"
#include "platform/blueprint.h"
#include "platform/platform_file.h"
#include "state/local_store.h"

namespace pave::cli {

// The state directory that belongs to a platform file: "p2/.pave", ".pave".
std::string StateDirFor(const std::string& platform_file);

// `path` without "." components and doubled slashes: "p2/./.pave" -> "p2/.pave".
std::string CleanPath(const std::string& path);

class Workspace {
 public:
  // Registers every resource type and blueprint, then reads and validates the platform file.
  // On invalid input prints every diagnostic and returns InvalidArgument. With
  // `diagnostics_out`, the diagnostics go there instead of to the printer (validate --json).
  static Result<std::unique_ptr<Workspace>> Open(Env* env, const GlobalOptions& options,
                                                 Printer& printer,
                                                 std::vector<Diagnostic>* diagnostics_out = nullptr);

  const LoadedPlatform& platform() const { return platform_; }
  const ProviderRegistry& registry() const { return registry_; }
  aws::AwsClient& aws() { return *aws_; }
  StateStore& store() { return *store_; }
  const std::string& state_dir() const { return state_dir_; }

 private:
  Workspace() = default;

  std::unique_ptr<aws::HttpClient> http_;
  std::unique_ptr<aws::AwsCallObserver> call_log_;  // --debug: every AWS request on stderr
  std::unique_ptr<LazyAwsClient> aws_;
  ProviderRegistry registry_;
  std::unique_ptr<AccountRegistries> accounts_;  // the types of other accounts, built on use
  std::vector<std::unique_ptr<Blueprint>> blueprints_;
  LoadedPlatform platform_;
  std::string state_dir_;
  std::unique_ptr<StateStore> store_;  // as the file's `state:` section says (state_backend.h)
};

// Opens only the state of a platform file (state and history commands need no valid file:
// only its `state:` section is read).
Result<std::unique_ptr<StateStore>> OpenStateOnly(Env* env, const GlobalOptions& options);

}  // namespace pave::cli
