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
  std::string operation;  // recorded in the lock and history; empty: "apply" or "destroy"
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
// What changed from version `from` to version `to` (0: the current state) (cmd_history.cc).
int RunHistoryDiff(CommandContext& ctx, int64_t from, int64_t to);
// One resource's changes over every version of the history.
int RunResourceHistory(CommandContext& ctx, const std::string& address);
// Reads the resource `id` as ADDRESS's type, records it, shows what the next plan changes.
int RunImport(CommandContext& ctx, const std::string& address, const std::string& id);
// Plans, asks and applies what makes the cloud match version `serial` again, from the
// platform file kept with that version.
int RunRollback(CommandContext& ctx, int64_t serial, bool allow_data_loss);
// Creates (or repairs) the S3 bucket of the `state:` section (cli/state_commands.cc).
int RunStateInit(CommandContext& ctx);
// Copies state, history, lineage and serial to `to` ("s3" or "local"); the source stays.
int RunStateMigrate(CommandContext& ctx, const std::string& to);
int RunInventory(CommandContext& ctx);
// All outputs, or only `name` (raw, for scripts) when not empty.
int RunOutputs(CommandContext& ctx, const std::string& name);

// pave graph (cmd_graph.cc): the resource graph for Graphviz or mermaid, or the plan's.
struct GraphOptions {
  std::string format = "dot";  // dot | mermaid
  bool plan = false;           // colour by the plan's action, add what it deletes
  bool refresh = true;         // with plan: read the cloud first
};
int RunGraph(CommandContext& ctx, const GraphOptions& options);

// pave check (cmd_check.cc): the Well-Architected findings of the platform as declared.
struct CheckOptions {
  std::string fail_on;  // "", low, medium or high: exit 1 when a finding is at least this
  bool rules = false;   // list the rules instead
};
int RunCheck(CommandContext& ctx, const CheckOptions& options);

// pave cost (cmd_cost.cc): the monthly estimate of the platform as declared.
struct CostOptions {
  std::string region;  // prices of this region instead of metadata.region
};
int RunCost(CommandContext& ctx, const CostOptions& options);

// pave aws-config (cmd_accounts.cc): AWS CLI profiles for the organization's accounts and roles.
struct AwsConfigOptions {
  bool write = false;          // merge into the AWS config file instead of printing
  std::string profile_prefix;  // before "<account>-<role>"
  std::string mfa_serial;      // "": arn:aws:iam::<management>:mfa/<$USER>
};
int RunAwsConfig(CommandContext& ctx, const AwsConfigOptions& options);
// pave credentials --account NAME [--role ROLE]: export lines for the assumed people role.
struct AccountCredentialsOptions {
  std::string account;
  std::string role;  // "": the first people role
  std::string mfa_code;
  std::string mfa_serial;  // "": arn:aws:iam::<management>:mfa/<$USER>
};
int RunAccountCredentials(CommandContext& ctx, const AccountCredentialsOptions& options);

struct TypesOptions {
  std::string type;       // only this type when not empty
  bool markdown = false;  // --markdown: the docs/resource-types.md reference
};
// Every resource type with its attributes (cmd_types.cc).
int RunTypes(CommandContext& ctx, const TypesOptions& types);

}  // namespace pave::cli
