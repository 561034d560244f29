#include "cli/run.h"

#include <fmt/format.h>

#include "engine/executor.h"
#include "engine/planner.h"
#include "engine/planner_moves.h"
#include "engine/recovery.h"
#include "engine/refresh.h"

namespace pave::cli {
namespace {

// When metadata.account is set, refuse to touch any other account.
Status CheckAccountGuard(Workspace& ws) {
  const std::string& want = ws.platform().metadata.account_id;
  if (want.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Value who, ws.aws().Call("sts", "GetCallerIdentity", Value::object()));
  std::string got = who.value("Account", "");
  if (got != want) {
    return Status::FailedPrecondition(fmt::format(
        "the credentials belong to account {} but the platform file says account {}: "
        "switch profile or fix metadata.account", got, want));
  }
  return Status::Ok();
}

// What a plan recovers stays in memory: the next apply finds the same and records it.
class InMemoryRecorder : public ChangeRecorder {
 public:
  Status Begin(const PendingOperation&) override { return Status::Ok(); }
  Status Finish(const PendingOperation&, const ResourceState*) override { return Status::Ok(); }
  Status Fail(const PendingOperation&, const Status&) override { return Status::Ok(); }
  Status Move(const ResourceAddress&, const ResourceAddress&) override { return Status::Ok(); }
};

Status RecoverCrashedRun(Workspace& ws, LoadedState* loaded, EventSink* events, bool save) {
  if (loaded->pending.empty() && !loaded->recovered) return Status::Ok();
  InMemoryRecorder in_memory;
  ChangeRecorder* recorder = save ? ws.store().recorder() : &in_memory;
  if (!loaded->pending.empty()) {
    ASSIGN_OR_RETURN(RecoveryReport report,
                     RecoverPending(loaded->pending, ws.platform().config, &loaded->state,
                                    ws.registry(), recorder, events, RecoveryOptions{.looks = 3}));
    if (!report.ok()) {
      std::string names;
      for (const auto& [address, status] : report.errors) {
        names += "\n  " + address.ToString() + ": " + status.message();
      }
      return Status::Unavailable(
          "cannot recover the operations an interrupted run left pending; nothing was changed, "
          "run again when the cloud answers:" + names);
    }
  }
  if (!save) return Status::Ok();
  return ws.store().Save(loaded->state, SaveInfo{"recover", "recovered an interrupted run", ws.platform().sources});
}

}  // namespace

Result<std::map<ResourceAddress, ResourceAddress>> CarryOutMoves(Workspace& ws, LoadedState* loaded,
                                                                  bool save) {
  ASSIGN_OR_RETURN(std::vector<MovedResource> done, ApplyMoves(ws.platform().moved, &loaded->state));
  std::map<ResourceAddress, ResourceAddress> moved;
  std::string summary;
  for (const MovedResource& m : done) {
    moved[m.to] = m.from;
    summary += (summary.empty() ? "moved " : ", ") + m.from.ToString() + " to " + m.to.ToString();
  }
  if (done.empty() || !save) return moved;
  RETURN_IF_ERROR(ws.store().Save(loaded->state, SaveInfo{"move", summary, ws.platform().sources}));
  ASSIGN_OR_RETURN(*loaded, ws.store().Load());
  return moved;
}

Result<std::unique_ptr<OpenRun>> StartRun(Env* env, Workspace& ws, const GlobalOptions& options,
                                          EventSink* events, const RunOptions& run_options) {
  (void)env;
  auto run = std::make_unique<OpenRun>();
  ASSIGN_OR_RETURN(run->lock, ws.store().Lock(run_options.operation));
  ASSIGN_OR_RETURN(LoadedState loaded, ws.store().Load());
  run->warnings = loaded.warnings;
  RETURN_IF_ERROR(CheckAccountGuard(ws));
  RETURN_IF_ERROR(RecoverCrashedRun(ws, &loaded, events, run_options.save));
  if (loaded.state.platform.empty()) loaded.state.platform = ws.platform().metadata.name;
  if (loaded.state.serial == 0 && run_options.save) {
    // The first run writes the empty state, so its lineage is fixed from now on (saved plans
    // and secret fingerprints are keyed by it).
    RETURN_IF_ERROR(ws.store().Save(loaded.state, SaveInfo{"init", "new empty state"}));
    ASSIGN_OR_RETURN(loaded, ws.store().Load());
  }

  PlanOptions plan_options;
  ASSIGN_OR_RETURN(plan_options.moved, CarryOutMoves(ws, &loaded, run_options.save));
  plan_options.destroy = run_options.destroy;
  plan_options.lineage = loaded.state.lineage;
  if (run_options.refresh) {
    RefreshOptions refresh_options;
    refresh_options.parallelism = options.parallelism;
    refresh_options.events = events;
    ASSIGN_OR_RETURN(RefreshResult refreshed, Refresh(loaded.state, ws.registry(), refresh_options));
    run->state = std::move(refreshed.state);
    plan_options.vanished = std::move(refreshed.vanished);
  } else {
    run->state = std::move(loaded.state);
  }
  ASSIGN_OR_RETURN(run->plan, MakePlan(ws.platform().config, run->state, ws.registry(), plan_options));
  return run;
}

std::vector<std::string> DataLossChanges(const Plan& plan, const ProviderRegistry& registry) {
  std::vector<std::string> out;
  for (const auto& change : plan.changes) {
    if (change.action != Action::kDelete && change.action != Action::kReplace) continue;
    const ResourceType* type = registry.Find(change.address.type);
    if (!type || !type->schema().holds_data) continue;
    std::string why = ActionName(change.action);
    for (const auto& attr : change.diff) {
      if (attr.forces_replacement) why += ": " + attr.name + " forces replacement";
    }
    out.push_back(change.address.ToString() + " (" + why + ")");
  }
  return out;
}

int ApplyAndSave(Env* env, Workspace& ws, const GlobalOptions& options, Printer& printer,
                 EventSink* events, OpenRun* run, const std::string& operation,
                 bool allow_data_loss) {
  ApplyOptions apply_options;
  apply_options.env = env;
  apply_options.cancelled = options.cancelled;
  apply_options.allow_data_loss = allow_data_loss;
  apply_options.parallelism = options.parallelism;
  apply_options.events = events;
  apply_options.recorder = ws.store().recorder();
  apply_options.platform = ws.platform().metadata.name;
  apply_options.lineage = run->state.lineage;
  ApplyResult result = Apply(run->plan, &run->state, ws.registry(), apply_options);

  std::string summary = fmt::format("{} succeeded, {} failed, {} skipped", result.succeeded,
                                    result.failed, result.skipped);
  Status saved = ws.store().Save(run->state, SaveInfo{operation, summary, ws.platform().sources});
  if (!saved.ok()) {
    printer.Error(saved.WithContext("cannot save state (the journal keeps every result; the "
                                    "next run recovers them)"));
    return 1;
  }
  if (!result.ok()) {
    for (const auto& [address, status] : result.errors) {
      printer.Error(address.type.empty() ? status.message()
                                         : address.ToString() + ": " + status.message());
    }
    printer.Error(fmt::format("{} did not finish: {}", operation, summary));
    return 1;
  }
  return 0;
}

}  // namespace pave::cli
