// Every pave command as a function of its parsed options. app.cc maps the command line onto
// them; each returns the process exit code (0 ok, 1 error, 2 "changes present" for
// plan --detailed-exitcode).
#pragma once

#include <cstdint>
#include <string>

#include "cli/console.h"
#include "cli/options.h"
#include "core/env.h"

namespace pave::cli {

struct CommandContext {
  Env* env;
  Console& console;
  GlobalOptions options;
};

struct InitOptions {
  std::string name;     // default: from the directory's name
  std::string region;   // default: AWS_REGION, AWS_DEFAULT_REGION, else eu-west-1
  bool force = false;
  std::string example;  // "full": the complete example instead of the starter
};
int RunInit(CommandContext& ctx, const InitOptions& init);
int RunValidate(CommandContext& ctx);
int RunVersion(CommandContext& ctx);

struct PlanCommandOptions {
  bool detailed_exitcode = false;
  std::string out_file;  // -out FILE
  bool destroy = false;
  bool refresh = true;
};
int RunPlan(CommandContext& ctx, const PlanCommandOptions& plan);

struct ApplyCommandOptions {
  std::string plan_file;  // apply exactly this saved plan
  bool destroy = false;   // `pave destroy`
  bool refresh = true;
  bool allow_data_loss = false;  // --allow-data-loss: may delete/replace what holds data
};
int RunApply(CommandContext& ctx, const ApplyCommandOptions& apply);

int RunStateList(CommandContext& ctx);
int RunStateShow(CommandContext& ctx, const std::string& address);
// Renames a state entry (and the dependencies on it), saved as a new version; no cloud call.
int RunStateMove(CommandContext& ctx, const std::string& from, const std::string& to);
// Forgets a resource without deleting it, saved as a new version; no cloud call.
int RunStateRemove(CommandContext& ctx, const std::string& address);
int RunStateUnlock(CommandContext& ctx, const std::string& lock_id, bool force);
// Saves history version `serial` as a new version (under the lock, refusing pending work).
int RunStateRestore(CommandContext& ctx, int64_t serial);
int RunHistory(CommandContext& ctx);
int RunInventory(CommandContext& ctx);
// All outputs, or only `name` (raw, for scripts) when not empty.
int RunOutputs(CommandContext& ctx, const std::string& name);

// pave aws-config (cmd_accounts.cc): AWS CLI profiles for the organization's accounts and roles.
struct AwsConfigOptions {
  bool write = false;          // merge into the AWS config file instead of printing
  std::string profile_prefix;  // before "<account>-<role>"
};
int RunAwsConfig(CommandContext& ctx, const AwsConfigOptions& options);
// pave credentials --account NAME [--role ROLE]: export lines for the assumed people role.
struct AccountCredentialsOptions {
  std::string account;
  std::string role;  // "": the first people role
  std::string mfa_code;
};
int RunAccountCredentials(CommandContext& ctx, const AccountCredentialsOptions& options);

struct TypesOptions {
  std::string type;       // only this type when not empty
  bool markdown = false;  // --markdown: the docs/resource-types.md reference
};
// Every resource type with its attributes (cmd_types.cc).
int RunTypes(CommandContext& ctx, const TypesOptions& types);

}  // namespace pave::cli
