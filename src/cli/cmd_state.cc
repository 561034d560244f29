// pave state list|show|mv|rm|unlock|restore, pave history, pave inventory: reading what pave knows.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "cli/commands.h"
#include "cli/plan_view.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "core/diagnostic.h"
#include "engine/planner_moves.h"
#include "engine/state.h"

namespace pave::cli {
namespace {

Result<LoadedState> LoadForReading(CommandContext& ctx, Printer& printer) {
  ASSIGN_OR_RETURN(auto store, OpenStateOnly(ctx.env, ctx.options));
  ASSIGN_OR_RETURN(LoadedState loaded, store->Load());
  for (const auto& warning : loaded.warnings) printer.Warning(warning);
  return loaded;
}

}  // namespace

int RunStateList(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto loaded = LoadForReading(ctx, printer);
  if (!loaded.ok()) return Fail(printer, loaded.status());
  if (ctx.options.json) {
    Value list = Value::array();
    for (const auto& r : loaded->state.resources()) list.push_back(r.address.ToString());
    ctx.console.out << list.dump(2) << "\n";
    return 0;
  }
  for (const auto& r : loaded->state.resources()) ctx.console.out << r.address.ToString() << "\n";
  if (!loaded->pending.empty()) {
    printer.Warning(fmt::format("{} operation(s) of an interrupted run are pending; the next "
                                "plan or apply recovers them", loaded->pending.size()));
  }
  return 0;
}

namespace {

// "X is not in the state", with the closest address in the state as "did you mean".
Status NotInState(const std::string& address, const State& state) {
  std::vector<std::string> addresses;
  for (const auto& r : state.resources()) addresses.push_back(r.address.ToString());
  std::string message = address + " is not in the state";
  if (std::string close = ClosestMatch(address, addresses); !close.empty()) {
    message += " (did you mean \"" + close + "\"?)";
  } else if (addresses.empty()) {
    message += " (the state is empty)";
  } else {
    message += " (see `pave state list`)";
  }
  return Status::NotFound(message);
}

// One resource for people: its address, then one "name = value" line per attribute.
void PrintResource(Console& console, const ResourceState& r) {
  console.out << r.address.ToString() << (r.tainted.empty() ? "" : "  (tainted: " + r.tainted + ")")
              << "\n";
  size_t width = 12;
  for (auto it = r.attributes.begin(); it != r.attributes.end(); ++it) {
    width = std::max(width, it.key().size());
  }
  for (auto it = r.attributes.begin(); it != r.attributes.end(); ++it) {
    console.out << fmt::format("  {:<{}}  {}\n", it.key(), width, FormatValue(it.value()));
  }
  std::string deps;
  for (const auto& d : r.dependencies) deps += (deps.empty() ? "" : ", ") + d.ToString();
  if (!deps.empty()) console.out << fmt::format("  {:<{}}  {}\n", "depends on", width, deps);
  if (!r.account.empty()) console.out << fmt::format("  {:<{}}  {}\n", "lives in", width, PlacementLabel(r.account));
}

}  // namespace

int RunStateShow(CommandContext& ctx, const std::string& address) {
  Printer printer = MakePrinter(ctx);
  auto parsed = ResourceAddress::Parse(address);
  if (!parsed) {
    return Fail(printer, Status::InvalidArgument("\"" + address +
                                                 "\" is not a resource address (type.name)"));
  }
  auto loaded = LoadForReading(ctx, printer);
  if (!loaded.ok()) return Fail(printer, loaded.status());
  const ResourceState* r = loaded->state.Find(*parsed);
  if (!r) return Fail(printer, NotInState(address, loaded->state));
  if (!ctx.options.json) {
    PrintResource(ctx.console, *r);
    return 0;
  }
  Value deps = Value::array();
  for (const auto& d : r->dependencies) deps.push_back(d.ToString());
  Value j = {{"address", address},
             {"type", parsed->type},
             {"name", parsed->name},
             {"attributes", r->attributes},
             {"dependencies", deps}};
  if (!r->tainted.empty()) j["tainted"] = r->tainted;
  if (!r->account.empty()) j["account"] = r->account;
  ctx.console.out << j.dump(2) << "\n";
  return 0;
}

namespace {

// Loads the state under the lock for a change of the state alone (mv, rm), refusing pending
// work, changes it with `edit`, and saves it as a new version. Returns the new serial.
Result<int64_t> EditState(StateStore& store, Printer& printer, const std::string& operation,
                          const std::function<Result<std::string>(State*)>& edit) {
  ASSIGN_OR_RETURN(auto lock, store.Lock(operation));
  ASSIGN_OR_RETURN(LoadedState loaded, store.Load());
  for (const auto& warning : loaded.warnings) printer.Warning(warning);
  if (!loaded.pending.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "an interrupted run left {} operation(s) pending: run `pave apply` first, so that what "
        "they made is recorded before the state is edited",
        loaded.pending.size()));
  }
  ASSIGN_OR_RETURN(std::string summary, edit(&loaded.state));
  RETURN_IF_ERROR(store.Save(loaded.state, SaveInfo{operation, summary}));
  return loaded.state.serial + 1;
}

Result<ResourceAddress> ParseAddress(const std::string& text) {
  auto parsed = ResourceAddress::Parse(text);
  if (!parsed) {
    return Status::InvalidArgument("\"" + text + "\" is not a resource address (type.name)");
  }
  return *parsed;
}

}  // namespace

int RunStateMove(CommandContext& ctx, const std::string& from, const std::string& to) {
  Printer printer = MakePrinter(ctx);
  auto from_address = ParseAddress(from);
  if (!from_address.ok()) return Fail(printer, from_address.status());
  auto to_address = ParseAddress(to);
  if (!to_address.ok()) return Fail(printer, to_address.status());
  if (from_address->type != to_address->type) {
    return Fail(printer, Status::InvalidArgument("a move keeps the type (" + from_address->type +
                                                 " is not " + to_address->type + ")"));
  }
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  Result<int64_t> saved = EditState(**store, printer, "state mv", [&](State* state) -> Result<std::string> {
    if (!state->Find(*from_address)) return NotInState(from, *state);
    RETURN_IF_ERROR(MoveResource(state, *from_address, *to_address));
    return "moved " + from + " to " + to;
  });
  if (!saved.ok()) return Fail(printer, saved.status());
  ctx.console.out << fmt::format(
      "Moved {} to {} (version {}). The cloud was not changed; declare it as {} in the platform "
      "file, or the next plan deletes it.\n",
      from, to, *saved, to);
  return 0;
}

int RunStateRemove(CommandContext& ctx, const std::string& address) {
  Printer printer = MakePrinter(ctx);
  auto parsed = ParseAddress(address);
  if (!parsed.ok()) return Fail(printer, parsed.status());
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  Result<int64_t> saved = EditState(**store, printer, "state rm", [&](State* state) -> Result<std::string> {
    if (!state->Find(*parsed)) return NotInState(address, *state);
    state->Remove(*parsed);
    return "forgot " + address;
  });
  if (!saved.ok()) return Fail(printer, saved.status());
  ctx.console.out << fmt::format(
      "Removed {} from the state (version {}). It still exists in the cloud: pave no longer "
      "manages it. If the platform file still declares it, the next apply creates it again "
      "(or adopts it, when it carries this state's lineage).\n",
      address, *saved);
  return 0;
}

int RunStateUnlock(CommandContext& ctx, const std::string& lock_id, bool force) {
  Printer printer = MakePrinter(ctx);
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  Status s = (*store)->ForceUnlock(lock_id, force);
  if (!s.ok()) return Fail(printer, s);
  ctx.console.out << "The state is unlocked.\n";
  return 0;
}

namespace {

// "the history holds versions 1 to 7", or "see `pave history`" when it cannot be read.
std::string HistoryRange(StateStore& store) {
  auto history = store.History();
  if (!history.ok() || history->empty()) return "see `pave history`";
  return fmt::format("the history holds versions {} to {}: see `pave history`",
                     history->front().serial, history->back().serial);
}

// Brings `serial` back as a new version. Returns the new serial.
Result<int64_t> RestoreVersion(StateStore& store, Printer& printer, int64_t serial) {
  ASSIGN_OR_RETURN(auto lock, store.Lock("restore"));
  ASSIGN_OR_RETURN(LoadedState loaded, store.Load());
  for (const auto& warning : loaded.warnings) printer.Warning(warning);
  if (!loaded.pending.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "an interrupted run left {} operation(s) pending: run `pave apply` first, so that what "
        "they made is recorded before an older version is restored",
        loaded.pending.size()));
  }
  Result<State> version = store.Version(serial);
  if (version.status().code() == StatusCode::kNotFound) {
    return Status::NotFound(fmt::format("there is no version {} in the history ({}; {})", serial,
                                        version.status().message(), HistoryRange(store)));
  }
  RETURN_IF_ERROR(version.status());
  if (version->lineage != loaded.state.lineage) {
    return Status::FailedPrecondition(
        fmt::format("version {} belongs to another state (lineage {}, the current one is {})",
                    serial, version->lineage, loaded.state.lineage));
  }
  RETURN_IF_ERROR(
      store.Save(*version, SaveInfo{"restore", fmt::format("restored version {}", serial)}));
  return loaded.state.serial + 1;
}

}  // namespace

int RunStateRestore(CommandContext& ctx, int64_t serial) {
  Printer printer = MakePrinter(ctx);
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  Result<int64_t> saved = RestoreVersion(**store, printer, serial);
  if (!saved.ok()) return Fail(printer, saved.status());
  ctx.console.out << fmt::format(
      "Restored version {} as version {}. The cloud was not changed: run `pave plan` to see "
      "how it differs.\n",
      serial, *saved);
  return 0;
}

int RunHistory(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  auto history = (*store)->History();
  if (!history.ok()) return Fail(printer, history.status());
  if (ctx.options.json) {
    Value list = Value::array();
    for (const auto& h : *history) {
      list.push_back({{"serial", h.serial}, {"time", h.time}, {"user", h.user},
                      {"operation", h.operation}, {"summary", h.summary},
                      {"resources", h.resource_count}});
    }
    ctx.console.out << list.dump(2) << "\n";
    return 0;
  }
  if (history->empty()) {
    ctx.console.out << "No history yet: nothing has been applied.\n";
    return 0;
  }
  ctx.console.out << fmt::format("{:>6}  {:<20}  {:<12}  {:<8}  {:>9}  {}\n", "SERIAL", "TIME",
                                 "USER", "COMMAND", "RESOURCES", "SUMMARY");
  for (const auto& h : *history) {
    ctx.console.out << fmt::format("{:>6}  {:<20}  {:<12}  {:<8}  {:>9}  {}\n", h.serial,
                                   h.time, h.user, h.operation, h.resource_count,
                                   h.summary);
  }
  return 0;
}

int RunInventory(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto loaded = LoadForReading(ctx, printer);
  if (!loaded.ok()) return Fail(printer, loaded.status());
  std::vector<const ResourceState*> resources;
  for (const auto& r : loaded->state.resources()) resources.push_back(&r);
  // By account (the account pave runs in first), then as the state lists them.
  std::stable_sort(resources.begin(), resources.end(),
                   [](const ResourceState* a, const ResourceState* b) { return a->account < b->account; });
  auto text = [](const ResourceState& r, const char* key) {
    const Value v = r.attributes.value(key, Value());
    return v.is_string() ? v.get<std::string>() : std::string("-");
  };
  if (ctx.options.json) {
    Value list = Value::array();
    for (const ResourceState* r : resources) {
      list.push_back({{"address", r->address.ToString()},
                      {"account", r->account.empty() ? Value() : Value(r->account)},
                      {"id", r->attributes.value("id", Value())},
                      {"arn", r->attributes.value("arn", Value())}});
    }
    ctx.console.out << list.dump(2) << "\n";
    return 0;
  }
  size_t width = 8;
  bool accounts = false;
  for (const ResourceState* r : resources) {
    width = std::max(width, r->address.ToString().size());
    accounts = accounts || !r->account.empty();
  }
  std::string header = accounts ? fmt::format("{:<12}  ", "ACCOUNT") : "";
  ctx.console.out << header << fmt::format("{:<{}}  {:<26}  {}\n", "RESOURCE", width, "ID", "ARN");
  for (const ResourceState* r : resources) {
    if (accounts) ctx.console.out << fmt::format("{:<12}  ", r->account.empty() ? "(this)" : r->account);
    ctx.console.out << fmt::format("{:<{}}  {:<26}  {}\n", r->address.ToString(), width,
                                   text(*r, "id"), text(*r, "arn"));
  }
  ctx.console.out << fmt::format("\n{} resources\n", resources.size());
  return 0;
}

}  // namespace pave::cli
