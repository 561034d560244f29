// pave history --diff A [B], pave history ADDRESS, pave import ADDRESS ID: what changed between
// versions of the state, one resource over time, and taking an existing cloud resource under
// management.
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/overlay_env.h"
#include "cli/plan_view.h"
#include "cli/run.h"
#include "cli/state_diff.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "engine/reference.h"

namespace pave::cli {
namespace {

std::string Shown(const Value& v) { return v.is_null() ? "(unset)" : FormatValue(v); }

void PrintDiff(Console& console, const ResourceDiff& d, const std::string& indent) {
  const char* mark = d.kind == ResourceDiff::Kind::kAdded     ? "+"
                     : d.kind == ResourceDiff::Kind::kRemoved ? "-"
                                                              : "~";
  console.out << indent << mark << " " << d.address.ToString() << " (" << ResourceDiffKindName(d.kind) << ")\n";
  if (d.kind != ResourceDiff::Kind::kChanged) return;
  for (const AttributeDiff& a : d.attributes) {
    console.out << indent << "    " << a.name << ": " << Shown(a.before) << " -> " << Shown(a.after) << "\n";
  }
}

Value DiffToJson(const ResourceDiff& d) {
  Value attrs = Value::array();
  for (const AttributeDiff& a : d.attributes) attrs.push_back({{"name", a.name}, {"before", a.before}, {"after", a.after}});
  return {{"address", d.address.ToString()}, {"change", ResourceDiffKindName(d.kind)}, {"attributes", attrs}};
}

// Version `serial` of the history, or the current state for 0.
Result<State> VersionOrCurrent(StateStore& store, int64_t serial) {
  if (serial != 0) {
    Result<State> v = store.Version(serial);
    if (!v.ok() && v.status().code() == StatusCode::kNotFound) {
      return Status::NotFound(fmt::format("there is no version {} in the history (see `pave history`)", serial));
    }
    return v;
  }
  ASSIGN_OR_RETURN(LoadedState loaded, store.Load());
  return std::move(loaded.state);
}

}  // namespace

int RunHistoryDiff(CommandContext& ctx, int64_t from, int64_t to) {
  Printer printer = MakePrinter(ctx);
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  auto before = VersionOrCurrent(**store, from);
  if (!before.ok()) return Fail(printer, before.status());
  auto after = VersionOrCurrent(**store, to);
  if (!after.ok()) return Fail(printer, after.status());
  std::vector<ResourceDiff> diffs = DiffStates(*before, *after);
  std::string to_name = to == 0 ? "the current state" : fmt::format("version {}", to);
  if (ctx.options.json) {
    Value list = Value::array();
    for (const ResourceDiff& d : diffs) list.push_back(DiffToJson(d));
    ctx.console.out << Value{{"from", from}, {"to", to == 0 ? Value(after->serial) : Value(to)}, {"changes", list}}.dump(2)
                    << "\n";
    return 0;
  }
  if (diffs.empty()) {
    ctx.console.out << fmt::format("No differences between version {} and {}.\n", from, to_name);
    return 0;
  }
  ctx.console.out << fmt::format("From version {} to {}: {} resource(s) differ\n", from, to_name, diffs.size());
  for (const ResourceDiff& d : diffs) PrintDiff(ctx.console, d, "  ");
  return 0;
}

int RunResourceHistory(CommandContext& ctx, const std::string& address) {
  Printer printer = MakePrinter(ctx);
  auto parsed = ResourceAddress::Parse(address);
  if (!parsed) return Fail(printer, Status::InvalidArgument("\"" + address + "\" is not a resource address (type.name)"));
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return Fail(printer, store.status());
  auto history = (*store)->History();
  if (!history.ok()) return Fail(printer, history.status());
  Value list = Value::array();
  std::optional<ResourceState> previous;
  for (const VersionInfo& v : *history) {
    Result<State> state = (*store)->Version(v.serial);
    if (!state.ok()) return Fail(printer, state.status().WithContext(fmt::format("reading version {}", v.serial)));
    const ResourceState* now = state->Find(*parsed);
    ResourceDiff d = DiffResource(*parsed, previous ? &*previous : nullptr, now);
    previous = now ? std::optional<ResourceState>(*now) : std::nullopt;
    if (d.kind == ResourceDiff::Kind::kChanged && d.attributes.empty()) continue;
    if (ctx.options.json) {
      Value j = DiffToJson(d);
      j.update(Value{{"serial", v.serial}, {"time", v.time}, {"user", v.user}, {"operation", v.operation}});
      list.push_back(std::move(j));
      continue;
    }
    ctx.console.out << fmt::format("version {}  {}  {}  {}\n", v.serial, v.time, v.user, v.operation);
    PrintDiff(ctx.console, d, "  ");
  }
  if (ctx.options.json) {
    ctx.console.out << list.dump(2) << "\n";
  } else if (list.empty() && !previous && history->empty()) {
    ctx.console.out << "No history yet: nothing has been applied.\n";
  }
  return 0;
}

namespace {

ReferenceLookup StateLookup(const State& state) {
  return [&state](const ResourceAddress& t, const std::string& a) -> std::optional<Value> {
    const ResourceState* r = state.Find(t);
    if (!r || !r->attributes.contains(a)) return std::nullopt;
    return r->attributes[a];
  };
}

// The account `rc` lives in, its reference resolved against the state.
Result<std::string> AccountIn(const ResourceConfig& rc, const State& state) {
  if (!HasReferences(Value(rc.account))) return rc.account;
  ASSIGN_OR_RETURN(Resolution r, ResolveReferences(Value(rc.account), StateLookup(state)));
  if (!r.known() || !r.value.is_string()) {
    return Status::FailedPrecondition("its account " + rc.account + " is not made yet: apply first");
  }
  return r.value.get<std::string>();
}

// Reads `id` as `rc`'s type and records it at rc's address; the imported state.
Result<ResourceState> ImportInto(Workspace& ws, const ResourceConfig& rc, const std::string& id, LoadedState* loaded) {
  ASSIGN_OR_RETURN(std::string account, AccountIn(rc, loaded->state));
  ASSIGN_OR_RETURN(ResourceType * type, ws.registry().Find(rc.address.type, account));
  // What the file says it is (names, parents), as far as known, is what a type reads by.
  Value prior = Value::object();
  for (auto it = rc.properties.begin(); it != rc.properties.end(); ++it) {
    Result<Resolution> r = ResolveReferences(it.value(), StateLookup(loaded->state));
    if (r.ok() && r->known()) prior[it.key()] = std::move(r->value);
  }
  prior["id"] = id;
  ASSIGN_OR_RETURN(std::vector<std::optional<Value>> read, type->Read({ReadRequest{rc.address, prior}}));
  if (read.size() != 1 || !read[0] || !read[0]->is_object()) {
    return Status::NotFound(fmt::format("no {} with id \"{}\" was found{}", rc.address.type, id,
                                        account.empty() ? "" : " in account " + account));
  }
  ResourceState rs{rc.address, std::move(*read[0]), rc.depends_on};
  if (!rs.attributes.contains("id")) rs.attributes["id"] = id;
  for (Reference& r : FindReferences(rc.properties)) rs.dependencies.push_back(std::move(r.target));
  std::sort(rs.dependencies.begin(), rs.dependencies.end());
  rs.dependencies.erase(std::unique(rs.dependencies.begin(), rs.dependencies.end()), rs.dependencies.end());
  rs.account = account;
  return rs;
}

Status Import(Workspace& ws, const ResourceAddress& address, const std::string& id, Printer& printer) {
  const auto& resources = ws.platform().config.resources;
  auto rc = std::find_if(resources.begin(), resources.end(), [&](const ResourceConfig& r) { return r.address == address; });
  if (rc == resources.end()) {
    return Status::NotFound(address.ToString() +
                            " is not declared in the platform file: declare it first (a `resources:` entry or "
                            "a section), so pave knows what it should be");
  }
  ASSIGN_OR_RETURN(auto lock, ws.store().Lock("import"));
  ASSIGN_OR_RETURN(LoadedState loaded, ws.store().Load());
  for (const auto& warning : loaded.warnings) printer.Warning(warning);
  if (!loaded.pending.empty()) {
    return Status::FailedPrecondition("an interrupted run left operations pending: run `pave apply` first");
  }
  if (const ResourceState* known = loaded.state.Find(address)) {
    return Status::AlreadyExists(fmt::format("{} is already in the state (id {}); `pave state rm` it first to import another",
                                             address.ToString(), FormatValue(known->attributes.value("id", Value()))));
  }
  for (const ResourceState& r : loaded.state.resources()) {
    if (r.address.type == address.type && r.attributes.value("id", Value()) == Value(id)) {
      return Status::AlreadyExists(id + " is already managed as " + r.address.ToString());
    }
  }
  ASSIGN_OR_RETURN(ResourceState imported, ImportInto(ws, *rc, id, &loaded));
  loaded.state.Put(std::move(imported));
  return ws.store().Save(loaded.state,
                         SaveInfo{"import", "imported " + address.ToString() + " (" + id + ")", ws.platform().sources});
}

}  // namespace

int RunImport(CommandContext& ctx, const std::string& address, const std::string& id) {
  Printer printer = MakePrinter(ctx);
  auto parsed = ResourceAddress::Parse(address);
  if (!parsed) return Fail(printer, Status::InvalidArgument("\"" + address + "\" is not a resource address (type.name)"));
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  Status imported = Import(**ws, *parsed, id, printer);
  if (!imported.ok()) return Fail(printer, imported.WithContext("import " + address));
  NullEventSink quiet;
  auto run = StartRun(ctx.env, **ws, ctx.options, &quiet, RunOptions{"plan", false, true, /*save=*/false});
  if (!run.ok()) return Fail(printer, run.status().WithContext("imported; planning afterwards"));
  Plan mine = (*run)->plan;
  mine.changes.erase(std::remove_if(mine.changes.begin(), mine.changes.end(),
                                    [&](const Change& c) { return c.address != *parsed; }),
                     mine.changes.end());
  if (ctx.options.json) {
    ctx.console.out << PlanToJson(mine).dump(2) << "\n";
    return 0;
  }
  ctx.console.out << "Imported " << address << " (" << id << ").\n";
  if (!mine.HasChanges()) {
    ctx.console.out << "It matches the platform file: the next plan leaves it as it is.\n";
    return 0;
  }
  ctx.console.out << "The next apply would change it to match the platform file:\n\n";
  RenderPlan(mine, printer);
  return 0;
}

namespace {

// The files version `serial` was made from, by the paths the platform file is read from now:
// the platform file itself at `platform_file`, the files it read beside it.
Result<std::map<std::string, std::string>> SourcesOf(StateStore& store, int64_t serial,
                                                      const std::string& platform_file) {
  Result<std::map<std::string, std::string>> sources = store.VersionSources(serial);
  if (!sources.ok() && sources.status().code() == StatusCode::kNotFound) {
    ASSIGN_OR_RETURN(State version, store.Version(serial));  // NotFound names the serial
    (void)version;
    return Status::NotFound(fmt::format(
        "version {} kept no platform file (it was saved by a command that does not read one, such "
        "as `pave state mv`, or by an older pave); roll back to a version `pave history` lists as "
        "apply",
        serial));
  }
  RETURN_IF_ERROR(sources.status());
  const std::string name = platform_file.substr(platform_file.rfind('/') + 1);
  const std::string dir = DirName(platform_file);
  std::map<std::string, std::string> files;
  for (const auto& [path, content] : *sources) {
    files[path == name ? platform_file : (dir == "." ? path : JoinPath(dir, path))] = content;
  }
  if (!files.count(platform_file)) {
    return Status::NotFound(fmt::format("version {} kept no file named {}: it was made from another platform file",
                                        serial, name));
  }
  return files;
}

}  // namespace

int RunRollback(CommandContext& ctx, int64_t serial, bool allow_data_loss) {
  Printer printer = MakePrinter(ctx);
  Result<std::map<std::string, std::string>> files = [&]() -> Result<std::map<std::string, std::string>> {
    ASSIGN_OR_RETURN(auto store, OpenStateOnly(ctx.env, ctx.options));
    return SourcesOf(*store, serial, ctx.options.file);
  }();
  if (!files.ok()) return Fail(printer, files.status().WithContext(fmt::format("rollback to version {}", serial)));
  if (!ctx.options.json) {
    ctx.console.out << fmt::format("Rolling back to version {}: planning from the platform file it was made from.\n",
                                   serial);
  }
  // The state stays where it is now, whatever the old file's `state:` says.
  auto backend = ReadStateSection(ctx.env, ctx.options.file);
  if (!backend.ok()) return Fail(printer, backend.status());
  OverlayEnv as_then(ctx.env, std::move(*files));
  CommandContext then{&as_then, ctx.console, ctx.options};
  then.options.state_backend = *backend;
  ApplyCommandOptions apply;
  apply.allow_data_loss = allow_data_loss;
  apply.operation = "rollback";
  return RunApply(then, apply);
}

}  // namespace pave::cli
