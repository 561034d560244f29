#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "aws/config.h"
#include "cli/aws_commands.h"
#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/eks_commands.h"
#include "core/diagnostic.h"

namespace pave::cli {
namespace {

const char kDescription[] =
    "pave builds and runs an AWS Well-Architected platform from one declarative file.\n"
    "It plans every change before making it, applies in parallel, and keeps a crash-safe\n"
    "state with history in .pave/ next to the platform file.";

const char kFooter[] =
    "Start here:\n"
    "  pave init                 write a commented starter platform.yaml\n"
    "  pave plan                 see what would change\n"
    "  pave apply                make it so (asks first; -y to skip the question)\n"
    "Global options (-f, --json, --no-color, --parallelism, -y, --profile, --debug) go before\n"
    "or after the command. Run `pave COMMAND --help` for each command's options and examples.";

// Terraform-style single-dash long flags that users type from habit.
std::vector<std::string> NormalizeArgs(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-out" || a.rfind("-out=", 0) == 0) a = "-" + a;
    if (a == "-detailed-exitcode") a = "--detailed-exitcode";
    args.push_back(a);
  }
  return args;
}

struct Parsed {
  GlobalOptions global;
  InitOptions init;
  PlanCommandOptions plan;
  ApplyCommandOptions apply;
  std::string address;
  std::string move_from, move_to;  // pave state mv FROM TO
  std::string lock_id;
  std::string output_name;  // pave outputs NAME
  TypesOptions types;       // pave types [TYPE]
  GraphOptions graph;       // pave graph
  CheckOptions check;       // pave check
  CostOptions cost;         // pave cost
  bool force_unlock = false;
  int64_t restore_serial = 0;  // pave state restore SERIAL
  std::string history_address;             // pave history ADDRESS
  std::vector<int64_t> history_diff;       // pave history --diff A [B]
  std::string import_address, import_id;   // pave import ADDRESS ID
  int64_t rollback_to = 0;                 // pave rollback --to SERIAL
  bool rollback_allow_data_loss = false;
  std::string migrate_to;      // pave state migrate --to s3|local
  std::string aws_service, aws_operation, aws_input = "{}", aws_region;
  bool aws_all_pages = false;
  KubeconfigOptions kubeconfig;
  AwsConfigOptions aws_config;
  AccountCredentialsOptions account_credentials;
  EksTokenOptions eks_token;
  std::string completion_shell;  // pave completion SHELL
  std::string complete_what;     // pave __complete WHAT
  std::string init_example;      // pave init --example full
};

// The options of `app` or of an app it falls through to, by name ("-f", "--profile").
const CLI::Option* FindOption(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* o = app->get_option_no_throw(name)) return o;
  }
  return nullptr;
}

// The closest command name; also a name one swap of neighbours away ("plna" -> "plan"),
// which edit distance counts as two changes.
std::string SuggestCommand(const std::string& word, const std::vector<std::string>& names) {
  if (std::string close = ClosestMatch(word, names); !close.empty()) return close;
  for (const std::string& name : names) {
    if (name.size() != word.size()) continue;
    for (size_t i = 0; i + 1 < word.size(); ++i) {
      std::string swapped = word;
      std::swap(swapped[i], swapped[i + 1]);
      if (swapped == name) return name;
    }
  }
  return "";
}

// "unknown command "plna" (did you mean "plan"?)" for the first word that is neither an
// option, an option's value, nor a command of the level it stands at. Empty when all is well.
std::string UnknownCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* level = &app;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return "";
    if (a.size() > 1 && a[0] == '-') {
      const CLI::Option* o = a.find('=') == std::string::npos ? FindOption(level, a) : nullptr;
      if (o != nullptr && o->get_items_expected_min() > 0) ++i;  // skip its value
      continue;
    }
    std::vector<CLI::App*> subs = level->get_subcommands([](CLI::App*) { return true; });
    if (subs.empty()) return "";  // a positional argument of a command
    auto found = std::find_if(subs.begin(), subs.end(),
                              [&](CLI::App* s) { return s->get_name() == a; });
    if (found != subs.end()) {
      level = *found;
      continue;
    }
    std::vector<std::string> names;
    for (CLI::App* s : subs) {
      if (!s->get_group().empty()) names.push_back(s->get_name());
    }
    std::string where = level == &app ? "" : " " + level->get_name();
    std::string message = "unknown command \"" + a + "\"";
    if (std::string close = SuggestCommand(a, names); !close.empty()) {
      message += " (did you mean \"pave" + where + " " + close + "\"?)";
    } else {
      message += " (see pave" + where + " --help)";
    }
    return message;
  }
  return "";
}

void AddGlobalOptions(CLI::App& app, Parsed& p) {
  app.add_option("-f,--file", p.global.file, "platform file (default platform.yaml)")
      ->envname("PAVE_FILE");
  app.add_flag("--json", p.global.json, "machine-readable output (plans, events, results)");
  app.add_flag("--no-color", p.global.no_color, "no colors (also when NO_COLOR is set)");
  app.add_option("--parallelism", p.global.parallelism, "operations at once (default 10)")
      ->check(CLI::Range(1, 256));
  app.add_flag("-y,--auto-approve", p.global.auto_approve, "apply/destroy without asking");
  app.add_option("--profile", p.global.profile, "AWS profile (default AWS_PROFILE or default)");
  app.add_flag("--debug", p.global.debug, "log every AWS request (never credentials)");
}

// The visible top-level commands, for completion.
std::vector<std::string> CommandNames(CLI::App& app) {
  std::vector<std::string> names;
  for (CLI::App* s : app.get_subcommands([](CLI::App*) { return true; })) {
    if (!s->get_group().empty()) names.push_back(s->get_name());
  }
  return names;
}

// --no-refresh sets `refresh` to false; shown in help without CLI11's "{false}".
void AddNoRefresh(CLI::App* command, bool& refresh) {
  command->add_flag_callback("--no-refresh", [&refresh] { refresh = false; },
                             "plan from the state without reading the cloud");
}

CLI::App* Command(CLI::App& app, const char* name, const char* description, const char* example) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->footer(std::string("Example:\n") + example);
  sub->fallthrough();
  return sub;
}

}  // namespace

int RunPave(int argc, const char* const* argv, Env* env, Console& console) {
  CLI::App app(kDescription, "pave");
  app.footer(kFooter);
  app.require_subcommand(1);
  Parsed p;
  if (auto f = env->GetEnv("PAVE_FILE")) p.global.file = *f;
  AddGlobalOptions(app, p);

  auto* init = Command(app, "init", "Write a commented starter platform file",
                       "  pave init --name shop --region eu-north-1");
  init->add_option("--name", p.init.name,
                   "platform name (tags every resource; default: the directory's name)");
  init->add_option("--region", p.init.region, "AWS region (default AWS_REGION, else eu-west-1)");
  init->add_flag("--force", p.init.force, "overwrite an existing file");
  init->add_option("--example", p.init.example,
                   "write a complete example instead (\"full\": every section, as in the demo)")
      ->check(CLI::IsMember({"full"}));

  Command(app, "validate", "Check the platform file without touching the cloud",
          "  pave validate -f prod.yaml");

  auto* plan = Command(app, "plan", "Show what apply would create, update, replace and delete",
                       "  pave plan\n  pave plan -o release.plan     # then: pave apply release.plan\n"
                       "  pave plan --detailed-exitcode  # exit 0: no changes, 1: error, 2: changes");
  plan->add_flag("--detailed-exitcode", p.plan.detailed_exitcode,
                 "exit 2 when there are changes, 0 when none, 1 on error");
  plan->add_option("-o,--out", p.plan.out_file, "save the plan to apply it exactly later");
  plan->add_flag("--destroy", p.plan.destroy, "plan the destruction of everything");
  AddNoRefresh(plan, p.plan.refresh);

  auto* apply = Command(app, "apply", "Make the cloud match the platform file",
                        "  pave apply            # shows the plan and asks\n"
                        "  pave apply -y         # no question (CI)\n"
                        "  pave apply release.plan");
  apply->add_option("PLAN", p.apply.plan_file, "a plan saved with `pave plan -o FILE`");
  AddNoRefresh(apply, p.apply.refresh);
  apply->add_flag("--allow-data-loss", p.apply.allow_data_loss,
                  "allow deleting or replacing databases, buckets, zones, keys and secrets");

  auto* destroy = Command(app, "destroy", "Delete everything the platform made, in reverse order",
                          "  pave destroy          # shows what goes and asks\n"
                          "  pave destroy -y --allow-data-loss   # also databases, buckets, keys");
  bool destroy_allow_data_loss = false;
  destroy->add_flag("--allow-data-loss", destroy_allow_data_loss,
                    "allow deleting databases, buckets, zones, keys and secrets");

  auto* state = Command(app, "state", "Look at and repair the state", "  pave state list");
  state->require_subcommand(1);
  Command(*state, "list", "List every resource in the state", "  pave state list");
  auto* show = Command(*state, "show", "Show one resource's attributes",
                       "  pave state show aws_vpc.main");
  show->add_option("ADDRESS", p.address, "type.name")->required();
  auto* mv = Command(*state, "mv",
                     "Rename a resource in the state (the cloud is not touched); in a "
                     "platform file, a moved: entry does the same at the next apply",
                     "  pave state mv aws_s3_bucket.assets aws_s3_bucket.media");
  mv->add_option("FROM", p.move_from, "the address in the state")->required();
  mv->add_option("TO", p.move_to, "the new address (same type)")->required();
  auto* rm = Command(*state, "rm",
                     "Forget a resource without deleting it: pave no longer manages it",
                     "  pave state rm aws_s3_bucket.legacy");
  rm->add_option("ADDRESS", p.address, "type.name")->required();
  auto* unlock = Command(*state, "unlock",
                         "Remove a lock file whose run is gone (a local lock goes with its "
                         "process by itself)",
                         "  pave state unlock 3f2a9c   # the id in .pave/lock");
  unlock->add_option("LOCK_ID", p.lock_id, "the lock id in the lock file")->required();
  unlock->add_flag("--force", p.force_unlock, "remove it even if its process is still running");
  auto* restore = Command(*state, "restore",
                          "Make an older version from the history the current state again. It "
                          "is saved as a new version (the current one stays in the history); "
                          "the cloud is not touched: run `pave plan` afterwards to see how it "
                          "differs",
                          "  pave history\n  pave state restore 41");
  restore->add_option("SERIAL", p.restore_serial, "the version to bring back (see pave history)")
      ->required()
      ->check(CLI::PositiveNumber);

  auto* history = Command(app, "history",
                          "List every applied version of the state; with --diff, what changed "
                          "between two versions, attribute by attribute; with an ADDRESS, that "
                          "resource's changes over time (when, who, which command, what)",
                          "  pave history\n"
                          "  pave history --diff 41        # version 41 -> the current state\n"
                          "  pave history --diff 40 41\n"
                          "  pave history aws_security_group.nodes");
  history->add_option("ADDRESS", p.history_address, "only this resource (type.name)");
  history->add_option("--diff", p.history_diff, "SERIAL [SERIAL]: compare two versions (one: with the current state)")
      ->expected(1, 2)
      ->check(CLI::PositiveNumber);
  auto* import = Command(app, "import",
                         "Take an existing cloud resource under management: read it by its id, "
                         "record it at ADDRESS (declared in the platform file), and show what "
                         "the next apply would change in it",
                         "  pave import aws_s3_bucket.assets shop-assets\n"
                         "  pave import aws_vpc.main vpc-0a1b2c3d");
  import->add_option("ADDRESS", p.import_address, "type.name, as declared in the platform file")->required();
  import->add_option("ID", p.import_id, "the resource's id in AWS (as `pave state show` would show it)")->required();
  auto* rollback = Command(app, "rollback",
                           "Make the cloud match an older version again: plan from the platform "
                           "file that version was made from (kept in the history, without secret "
                           "values: those are read as they are now), show the plan, ask, apply. "
                           "Saved as a new version; the versions in between stay in the history",
                           "  pave history\n"
                           "  pave rollback --to 41\n"
                           "  pave history --diff 41     # what the rollback undoes");
  rollback->add_option("--to", p.rollback_to, "SERIAL: the version to return to (see pave history)")
      ->required()
      ->check(CLI::PositiveNumber);
  rollback->add_flag("--allow-data-loss", p.rollback_allow_data_loss,
                     "allow deleting or replacing what holds data (buckets, databases) added since");
  auto* state_init = Command(*state, "init",
                             "Create the S3 bucket of the file's `state:` section (versioning, "
                             "KMS encryption, no public access, TLS only, old versions expire)",
                             "  pave state init");
  auto* migrate = Command(*state, "migrate",
                          "Copy the state with its history, lineage and serial between the local "
                          ".pave/ and the S3 bucket of the `state:` section; the source stays",
                          "  pave state migrate --to s3");
  migrate->add_option("--to", p.migrate_to, "s3 or local")
      ->required()
      ->check(CLI::IsMember({"s3", "local"}));

  Command(app, "inventory", "List every resource of the platform with its id and ARN",
          "  pave inventory --json");
  auto* outputs = Command(app, "outputs",
                          "Show the platform's outputs: cluster endpoint, name servers, "
                          "database endpoints, secret names",
                          "  pave outputs\n"
                          "  pave outputs --json\n"
                          "  pave outputs dns.name_servers     # one value, raw, for scripts");
  outputs->add_option("NAME", p.output_name, "only this output");

  auto* graph = Command(app, "graph",
                        "Draw the resource graph, grouped by account and section, for Graphviz "
                        "or a Markdown mermaid block; arrows point from a resource to those that "
                        "need it",
                        "  pave graph | dot -Tsvg > platform.svg\n"
                        "  pave graph --format mermaid      # paste into a ```mermaid block\n"
                        "  pave graph --plan | dot -Tpng > plan.png   # coloured by action");
  graph->add_option("--format", p.graph.format, "dot (default) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}));
  graph->add_flag("--plan", p.graph.plan,
                  "colour by the plan's action (create green, update yellow, replace orange, "
                  "delete red, unchanged grey) and add what it deletes");
  AddNoRefresh(graph, p.graph.refresh);

  auto* check = Command(app, "check",
                        "Check the platform against AWS Well-Architected rules before anything "
                        "exists (security, reliability, cost, operations, performance, "
                        "sustainability); offline. Silence a finding with checks.ignore in the file",
                        "  pave check\n"
                        "  pave check --fail-on high        # in CI: exit 1 on a high finding\n"
                        "  pave check --json\n"
                        "  pave check --rules               # every rule, its pillar and severity");
  check->add_option("--fail-on", p.check.fail_on, "exit 1 when a finding is at least: low, medium or high");
  check->add_flag("--rules", p.check.rules, "list the rules");

  auto* cost = Command(app, "cost",
                       "Estimate what the platform costs a month, per resource, from the AWS list "
                       "prices pave ships (dated; docs/cost.md); usage-billed parts are named, not "
                       "estimated. Offline. Every plan ends with the change in cost",
                       "  pave cost\n"
                       "  pave cost --json\n"
                       "  pave cost --region eu-north-1      # the same platform at another region's prices");
  cost->add_option("--region", p.cost.region, "prices of this region (default: metadata.region)");

  auto* types = Command(app, "types", "List every resource type with its attributes",
                        "  pave types\n"
                        "  pave types aws_kms_alias --json\n"
                        "  pave types --markdown > docs/resource-types.md");
  types->add_option("TYPE", p.types.type, "only this type");
  types->add_flag("--markdown", p.types.markdown, "the reference in docs/resource-types.md");
  Command(app, "version", "Print the version", "  pave version");

  auto* kubeconfig = Command(app, "kubeconfig", "Print (or --write) a kubeconfig for the cluster",
                             "  pave kubeconfig --write && kubectl get nodes");
  kubeconfig->add_flag("--write", p.kubeconfig.write, "write it to the kubeconfig file");
  auto* aws_config = Command(app, "aws-config", "Print (or --write) AWS CLI profiles for every account and role",
                             "  pave aws-config --write && aws --profile audit-readonly sts get-caller-identity");
  aws_config->add_flag("--write", p.aws_config.write, "merge them into the AWS config file");
  aws_config->add_option("--profile-prefix", p.aws_config.profile_prefix, "before <account>-<role>");
  aws_config->add_option("--mfa-serial", p.aws_config.mfa_serial,
                         "the MFA device of roles with mfa: true (default arn:aws:iam::<management>:mfa/$USER)");
  auto* credentials = Command(app, "credentials",
                              "Print the export lines to use the platform from a shell",
                              "  eval \"$(pave credentials)\"");
  credentials->add_option("--account", p.account_credentials.account, "assume a people role in this account");
  credentials->add_option("--role", p.account_credentials.role, "with --account: the role (default: the first)");
  credentials->add_option("--mfa-code", p.account_credentials.mfa_code, "with --account: the MFA code");
  credentials->add_option("--mfa-serial", p.account_credentials.mfa_serial,
                          "with --account: the MFA device (default arn:aws:iam::<management>:mfa/$USER)");
  auto* eks = Command(app, "eks", "EKS helpers", "  pave eks token --cluster shop");
  eks->require_subcommand(1);
  auto* token = Command(*eks, "token", "Print an ExecCredential like `aws eks get-token`",
                        "  pave eks token --cluster shop");
  token->add_option("--cluster", p.eks_token.cluster, "cluster name (default PAVE_CLUSTER)");
  token->add_option("--region", p.eks_token.region, "AWS region");

  auto* aws = Command(app, "aws", "Talk to AWS directly", "  pave aws whoami");
  aws->require_subcommand(1);
  auto* whoami = Command(*aws, "whoami", "Show the account, identity and where credentials come from",
                         "  pave aws whoami --profile prod");
  whoami->add_option("--region", p.aws_region, "AWS region");
  auto* call = Command(*aws, "call", "Call any AWS API operation and print its output as JSON",
                       "  pave aws call ec2 DescribeVpcs --input '{\"MaxResults\": 5}'\n"
                       "  pave aws call iam ListRoles --all-pages");
  call->add_option("SERVICE", p.aws_service, "service, e.g. ec2, iam, s3")->required();
  call->add_option("OPERATION", p.aws_operation, "operation, e.g. DescribeVpcs")->required();
  call->add_option("--input", p.aws_input, "input as JSON, or @file");
  call->add_flag("--all-pages", p.aws_all_pages, "follow the paginator to the last page");
  call->add_option("--region", p.aws_region, "AWS region");

  auto* completion = Command(app, "completion", "Print a shell completion script",
                             "  source <(pave completion bash)\n"
                             "  pave completion zsh > \"${fpath[1]}/_pave\"\n"
                             "  pave completion fish > ~/.config/fish/completions/pave.fish");
  completion->add_option("SHELL", p.completion_shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  // What the completion scripts call: words to offer, one a line.
  auto* complete = app.add_subcommand("__complete", "")->group("");
  complete->fallthrough();
  complete->add_option("WHAT", p.complete_what, "")->required();

  std::vector<std::string> args = NormalizeArgs(argc, argv);
  if (std::find(args.begin(), args.end(), "--version") != args.end()) {
    CommandContext ctx{env, console, p.global};
    return RunVersion(ctx);
  }
  if (std::string unknown = UnknownCommand(app, args); !unknown.empty()) {
    console.err << "pave: error: " << unknown << "\n";
    return 1;
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    console.out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    int code = app.exit(e, out, err);
    console.out << out.str();
    if (code != 0) {
      std::string msg = e.what();
      console.err << "pave: error: " << msg << "\n";
      return 1;
    }
    console.err << err.str();
    return 0;
  }

  p.global.cancelled = console.interrupted;
  CommandContext ctx{env, console, p.global};
  aws::AwsOptions aws_options{p.global.profile, p.aws_region};
  if (*init) return RunInit(ctx, p.init);
  if (*completion) return RunCompletion(ctx, p.completion_shell);
  if (*complete) return RunComplete(ctx, p.complete_what, CommandNames(app));
  if (app.got_subcommand("validate")) return RunValidate(ctx);
  if (*plan) return RunPlan(ctx, p.plan);
  if (*apply) return RunApply(ctx, p.apply);
  if (*destroy) {
    ApplyCommandOptions d;
    d.destroy = true;
    d.allow_data_loss = destroy_allow_data_loss;
    return RunApply(ctx, d);
  }
  if (*state) {
    if (state->got_subcommand("list")) return RunStateList(ctx);
    if (*show) return RunStateShow(ctx, p.address);
    if (*mv) return RunStateMove(ctx, p.move_from, p.move_to);
    if (*rm) return RunStateRemove(ctx, p.address);
    if (*unlock) return RunStateUnlock(ctx, p.lock_id, p.force_unlock);
    if (*restore) return RunStateRestore(ctx, p.restore_serial);
    if (*state_init) return RunStateInit(ctx);
    if (*migrate) return RunStateMigrate(ctx, p.migrate_to);
  }
  if (*history) {
    if (!p.history_diff.empty()) {
      return RunHistoryDiff(ctx, p.history_diff[0], p.history_diff.size() > 1 ? p.history_diff[1] : 0);
    }
    if (!p.history_address.empty()) return RunResourceHistory(ctx, p.history_address);
    return RunHistory(ctx);
  }
  if (*import) return RunImport(ctx, p.import_address, p.import_id);
  if (*rollback) return RunRollback(ctx, p.rollback_to, p.rollback_allow_data_loss);
  if (app.got_subcommand("inventory")) return RunInventory(ctx);
  if (*outputs) return RunOutputs(ctx, p.output_name);
  if (*graph) return RunGraph(ctx, p.graph);
  if (*check) return RunCheck(ctx, p.check);
  if (*cost) return RunCost(ctx, p.cost);
  if (*types) return RunTypes(ctx, p.types);
  if (app.got_subcommand("version")) return RunVersion(ctx);
  if (*kubeconfig) return RunKubeconfig(ctx, p.kubeconfig);
  if (*aws_config) return RunAwsConfig(ctx, p.aws_config);
  if (*credentials && !p.account_credentials.account.empty()) {
    return RunAccountCredentials(ctx, p.account_credentials);
  }
  if (*credentials) return RunCredentials(ctx);
  if (*token) return RunEksToken(ctx, p.eks_token);
  AwsCommandContext aws_ctx{env, nullptr, p.global.debug ? &console.err : nullptr,
                            p.global.json};
  if (*whoami) return RunAwsWhoami(aws_ctx, aws_options, console.out, console.err);
  if (*call) {
    return RunAwsCall(aws_ctx, aws_options, p.aws_service, p.aws_operation, p.aws_input,
                      p.aws_all_pages, console.out, console.err);
  }
  console.err << "pave: error: no command given (try pave --help)\n";
  return 1;
}

}  // namespace pave::cli
