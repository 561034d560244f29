// pave outputs [NAME]: the values the platform declares for its users (cluster endpoint, zone
// name servers, database endpoints, secret names, and the file's own `outputs:`), resolved
// against the state. Reads only the platform file and .pave/: no cloud call.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "core/diagnostic.h"
#include "engine/reference.h"

namespace pave::cli {
namespace {

// One line of text for a value: strings as they are, lists joined by ", ", the rest as JSON.
std::string Text(const Value& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const Value& item : v) out += (out.empty() ? "" : ", ") + Text(item);
    return out;
  }
  return v.dump();
}

struct ShownOutput {
  const OutputConfig* config;
  std::optional<Value> value;  // nullopt: a resource it needs is not applied yet
};

Result<std::vector<ShownOutput>> Resolve(const Config& config, const State& state) {
  ReferenceLookup lookup = [&state](const ResourceAddress& target,
                                    const std::string& attribute) -> std::optional<Value> {
    const ResourceState* r = state.Find(target);
    if (!r || !r->attributes.contains(attribute)) return std::nullopt;
    return r->attributes[attribute];
  };
  std::vector<ShownOutput> out;
  for (const OutputConfig& o : config.outputs) {
    ASSIGN_OR_RETURN(Resolution r, ResolveReferences(o.value, lookup));
    out.push_back(ShownOutput{&o, r.known() ? std::optional<Value>(r.value) : std::nullopt});
  }
  return out;
}

}  // namespace

int RunOutputs(CommandContext& ctx, const std::string& name) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;  // Open printed the diagnostics
  auto loaded = (*ws)->store().Load();
  if (!loaded.ok()) return Fail(printer, loaded.status());
  auto shown = Resolve((*ws)->platform().config, loaded->state);
  if (!shown.ok()) return Fail(printer, shown.status());

  if (!name.empty()) {
    std::vector<std::string> names;
    for (const ShownOutput& s : *shown) {
      names.push_back(s.config->name);
      if (s.config->name != name) continue;
      if (!s.value) {
        return Fail(printer, Status::FailedPrecondition(
                                 "output \"" + name + "\" is not known yet: run pave apply"));
      }
      // Alone, for scripts: raw text, or JSON with --json.
      ctx.console.out << (ctx.options.json ? s.value->dump(2) : Text(*s.value)) << "\n";
      return 0;
    }
    std::string message = "the platform has no output \"" + name + "\"";
    if (std::string close = ClosestMatch(name, names); !close.empty()) {
      message += " (did you mean \"" + close + "\"?)";
    }
    return Fail(printer, Status::NotFound(message));
  }

  if (ctx.options.json) {
    Value all = Value::object();
    for (const ShownOutput& s : *shown) all[s.config->name] = s.value.value_or(Value());
    ctx.console.out << all.dump(2) << "\n";
    return 0;
  }
  if (shown->empty()) {
    ctx.console.out << "The platform declares no outputs.\n";
    return 0;
  }
  size_t width = 6;
  for (const ShownOutput& s : *shown) width = std::max(width, s.config->name.size());
  size_t unknown = 0;
  for (const ShownOutput& s : *shown) {
    std::string text = s.value ? Text(*s.value) : "(known after apply)";
    unknown += s.value ? 0 : 1;
    // A value of several lines (records to paste) goes on under its first line.
    std::string indented;
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += std::string(width + 2, ' ');
    }
    while (!indented.empty() && (indented.back() == ' ' || indented.back() == '\n')) {
      indented.pop_back();
    }
    ctx.console.out << fmt::format("{:<{}}  {}\n", s.config->name, width, indented);
  }
  if (unknown > 0) {
    printer.Note(fmt::format("{} output(s) are known after apply: run pave apply", unknown));
  }
  return 0;
}

}  // namespace pave::cli
