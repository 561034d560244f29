// pave plan, pave apply, pave destroy.
#include <fmt/format.h>

#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/cost_view.h"
#include "cli/findings_view.h"
#include "cli/eks_upgrade.h"
#include "cli/kept_resources.h"
#include "cli/plan_file.h"
#include "cli/plan_view.h"
#include "cli/progress_view.h"
#include "cli/run.h"
#include "cli/ui.h"
#include "engine/planner_moves.h"

namespace pave::cli {
namespace {

size_t ChangeCount(const Plan& plan) {
  return plan.changes.size() - plan.Count(Action::kNoOp);
}

// After a successful apply: what a person usually does next.
void PrintNextSteps(CommandContext& ctx, const State& state) {
  if (ctx.options.json) return;
  std::string steps = "pave outputs";
  if (state.Find(ResourceAddress{"aws_eks_cluster", "main"}) != nullptr) {
    steps += ", pave kubeconfig --write, eval \"$(pave credentials)\"";
  }
  ctx.console.err << "Next steps: " << steps << "\n";
}

// After apply or destroy, whatever its outcome: what was deleted but kept (kept_resources.h).
// Called after the view is gone, so that no live status line is drawn into the block.
void PrintKeptBlock(CommandContext& ctx, Printer& printer, const std::vector<KeptResource>& kept) {
  if (kept.empty()) return;
  if (ctx.options.json) {
    ctx.console.out << Value({{"event", "kept"}, {"kept", KeptToJson(kept)}}).dump() << "\n";
  } else {
    PrintKept(kept, printer);
  }
}

// EKS upgrades in the plan (eks_upgrade.h): the order as a note, what cannot be checked as
// warnings, the problems as warnings (`refuse` false: plan) or errors (true: apply). Returns
// false when apply must stop.
bool ReportEksUpgrades(Printer& printer, Workspace& w, const OpenRun& run, bool refuse) {
  UpgradeReport report = CheckEksUpgrades(run.plan, run.state, w.aws());
  for (const std::string& step : report.steps) printer.Note(step);
  for (const std::string& warning : report.warnings) printer.Warning(warning);
  for (const std::string& problem : report.problems) {
    if (refuse) {
      printer.Error(problem);
    } else {
      printer.Warning(problem + "; apply will refuse it");
    }
  }
  return !refuse || report.problems.empty();
}

bool Confirm(CommandContext& ctx, Printer& printer, const std::string& question) {
  if (ctx.options.auto_approve) return true;
  if (!ctx.console.in_is_terminal) {
    printer.Error("this needs confirmation: run it on a terminal, or pass -y/--auto-approve");
    return false;
  }
  ctx.console.out << "\n" << question << "\n  Only 'yes' is accepted: ";
  ctx.console.out.flush();
  std::string answer;
  std::getline(ctx.console.in, answer);
  if (answer != "yes") {
    printer.Error("cancelled: nothing was changed");
    return false;
  }
  return true;
}

// Refuses a plan that would lose data unless --allow-data-loss was given.
bool CheckDataLoss(Printer& printer, const Plan& plan, const ProviderRegistry& registry,
                   bool allowed) {
  std::vector<std::string> losses = DataLossChanges(plan, registry);
  if (losses.empty() || allowed) return true;
  std::string list;
  for (const auto& l : losses) list += "\n  " + l;
  printer.Error("this plan deletes or replaces resources that hold data; nothing was changed. "
                "Check the plan, then run again with --allow-data-loss if that is what you want:" +
                list);
  return false;
}

// The moves a saved plan was made with (Change::moved_from) must be those the platform file's
// moved: entries make of the state now: the entries are not part of the config fingerprint.
Status CheckSavedMoves(Workspace& w, const State& state, const Plan& plan) {
  std::map<ResourceAddress, ResourceAddress> planned, now;
  for (const Change& c : plan.changes) {
    if (c.moved_from) planned[c.address] = *c.moved_from;
  }
  State copy = state;
  ASSIGN_OR_RETURN(std::vector<MovedResource> done, ApplyMoves(w.platform().moved, &copy));
  for (const MovedResource& m : done) now[m.to] = m.from;
  if (planned == now) return Status::Ok();
  return Status::Aborted("the moved: entries of the platform file changed since this plan was made: run `pave plan` again");
}

// Applies a plan written by `pave plan -out FILE`, refusing it when anything moved since.
int ApplySavedPlan(CommandContext& ctx, Printer& printer, const std::string& plan_file,
                   bool allow_data_loss) {
  auto saved = ReadPlanFile(ctx.env, plan_file);
  if (!saved.ok()) return Fail(printer, saved.status());
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  Workspace& w = **ws;
  auto view = MakeView(ctx, printer);
  OpenRun run;
  auto lock = w.store().Lock("apply");
  if (!lock.ok()) return Fail(printer, lock.status());
  run.lock = std::move(lock).value();
  auto loaded = w.store().Load();
  if (!loaded.ok()) return Fail(printer, loaded.status());
  for (const auto& warning : loaded->warnings) printer.Warning(warning);
  if (!loaded->pending.empty()) {
    return Fail(printer, Status::Aborted(fmt::format(
        "an interrupted run left {} operation(s) pending, and a saved plan applies only over a "
        "settled state: run `pave apply` (it recovers them first) or `pave plan` to see what "
        "it would do", loaded->pending.size())));
  }
  // `pave plan -out` against a state never saved writes nothing: take the plan's lineage.
  if (loaded->state.serial == 0 && saved->plan.serial == 0 &&
      loaded->state.lineage != saved->plan.lineage &&
      w.store().AdoptLineage(saved->plan.lineage).ok()) {
    loaded->state.lineage = saved->plan.lineage;
  }
  if (loaded->state.lineage != saved->plan.lineage ||
      loaded->state.serial != saved->plan.serial) {
    return Fail(printer, Status::Aborted(fmt::format(
        "the state changed since this plan was made (plan: serial {}, state: serial {}): "
        "run `pave plan` again", saved->plan.serial, loaded->state.serial)));
  }
  if (ConfigFingerprint(w.platform().config, loaded->state.lineage) != saved->config_fingerprint) {
    return Fail(printer, Status::Aborted(
        "the platform file, or a value it reads from the environment or a file, changed since "
        "this plan was made: run `pave plan` again"));
  }
  if (!CheckDataLoss(printer, saved->plan, w.registry(), allow_data_loss)) return 1;
  if (Status s = CheckSavedMoves(w, loaded->state, saved->plan); !s.ok()) return Fail(printer, s);
  if (auto moved = CarryOutMoves(w, &*loaded, /*save=*/true); !moved.ok()) {
    return Fail(printer, moved.status());
  }
  run.state = std::move(loaded->state);
  run.plan = std::move(saved->plan);
  // The plan was made for the state with its moves carried out, which CarryOutMoves just saved
  // (serial + 1 when there were any; CheckSavedMoves made sure they are the plan's).
  run.plan.serial = run.state.serial;
  RestoreProperties(w.platform().config, &run.plan);
  view->SetTotal(ChangeCount(run.plan));
  int code = ApplyAndSave(ctx.env, w, ctx.options, printer, view.get(), &run, "apply",
                          allow_data_loss);
  std::vector<KeptResource> kept = view->kept();
  view.reset();
  PrintKeptBlock(ctx, printer, kept);
  if (code == 0) PrintNextSteps(ctx, run.state);
  return code;
}

}  // namespace

int RunPlan(CommandContext& ctx, const PlanCommandOptions& plan_options) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  Workspace& w = **ws;
  auto view = ctx.options.json ? nullptr : MakeView(ctx, printer);
  NullEventSink quiet;
  EventSink* events = view ? static_cast<EventSink*>(view.get()) : &quiet;
  RunOptions run_options{"plan", plan_options.destroy, plan_options.refresh, /*save=*/false};
  auto run = StartRun(ctx.env, w, ctx.options, events, run_options);
  if (!run.ok()) return Fail(printer, run.status());
  view.reset();  // stop the live view before printing the plan
  for (const auto& warning : (*run)->warnings) printer.Warning(warning);
  const Plan& plan = (*run)->plan;
  std::vector<Finding> findings = CheckPlatform(w.platform(), w.registry());
  PlanCost cost = CostOfPlan(plan, PriceTable::Shipped(), w.platform().metadata.region);
  if (ctx.options.json) {
    Value json = PlanToJson(plan, w.platform().warnings);
    json["findings"] = FindingsToJson(findings)["findings"];
    json["cost"] = PlanCostToJson(cost);
    ctx.console.out << json.dump(2) << "\n";
  } else {
    ctx.console.out << "\n";
    RenderPlan(plan, printer, w.platform().warnings);
    RenderPlanCost(cost, printer);
    if (!plan_options.destroy) RenderFindingsSummary(findings, printer);
  }
  if (!plan_options.out_file.empty()) {
    SavedPlan saved{ctx.options.file, ConfigFingerprint(w.platform().config, plan.lineage), plan};
    Status s = WritePlanFile(ctx.env, plan_options.out_file, saved, w.registry());
    if (!s.ok()) return Fail(printer, s);
    if (!ctx.options.json) {
      ctx.console.out << "\nSaved the plan to " << plan_options.out_file
                      << ". Apply exactly this plan with: pave apply " << plan_options.out_file
                      << "\n";
    }
  }
  for (const auto& loss : DataLossChanges(plan, w.registry())) {
    printer.Warning("loses data: " + loss + "; apply will need --allow-data-loss");
  }
  ReportEksUpgrades(printer, w, **run, /*refuse=*/false);
  if (plan_options.detailed_exitcode && (plan.HasChanges() || MovedCount(plan) > 0)) return 2;
  return 0;
}

int RunApply(CommandContext& ctx, const ApplyCommandOptions& apply) {
  Printer printer = MakePrinter(ctx);
  if (!apply.plan_file.empty()) return ApplySavedPlan(ctx, printer, apply.plan_file, apply.allow_data_loss);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  Workspace& w = **ws;
  const std::string operation = !apply.operation.empty() ? apply.operation : apply.destroy ? "destroy" : "apply";
  auto view = MakeView(ctx, printer);
  auto run = StartRun(ctx.env, w, ctx.options, view.get(),
                      RunOptions{operation, apply.destroy, apply.refresh});
  if (!run.ok()) return Fail(printer, run.status());
  for (const auto& warning : (*run)->warnings) printer.Warning(warning);
  const Plan& plan = (*run)->plan;
  if (!ctx.options.json) {
    ctx.console.out << "\n";
    RenderPlan(plan, printer, w.platform().warnings);
  } else {
    ctx.console.out << Value({{"event", "plan"}, {"plan", PlanToJson(plan, w.platform().warnings)}}).dump() << "\n";
  }
  if (!plan.HasChanges()) return 0;
  if (!CheckDataLoss(printer, plan, w.registry(), apply.allow_data_loss)) return 1;
  if (!ReportEksUpgrades(printer, w, **run, /*refuse=*/true)) return 1;
  std::string question = apply.destroy
      ? "Destroy every resource above? This cannot be undone."
      : "Apply these changes?";
  if (!Confirm(ctx, printer, question)) return 1;
  if (!ctx.options.json) ctx.console.err << "\n";
  view->SetTotal(ChangeCount(plan));
  int code = ApplyAndSave(ctx.env, w, ctx.options, printer, view.get(), run->get(), operation,
                          apply.allow_data_loss);
  std::vector<KeptResource> kept = view->kept();
  view.reset();
  PrintKeptBlock(ctx, printer, kept);
  if (code == 0 && !apply.destroy) PrintNextSteps(ctx, (*run)->state);
  return code;
}

}  // namespace pave::cli
