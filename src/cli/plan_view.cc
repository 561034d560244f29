#include "cli/plan_view.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace pave::cli {
namespace {

struct ActionLook {
  const char* symbol;
  const char* label;
  Style style;
};

ActionLook LookOf(Action a) {
  switch (a) {
    case Action::kNoOp: return {" ", "no changes", Style::kPlain};
    case Action::kCreate: return {"+", "create", Style::kGreen};
    case Action::kUpdate: return {"~", "update in place", Style::kYellow};
    case Action::kReplace: return {"-/+", "replace", Style::kMagenta};
    case Action::kDelete: return {"-", "delete", Style::kRed};
  }
  return {"?", "?", Style::kPlain};
}

std::string FormatAfter(const AttributeChange& c) {
  if (c.secret) return "(secret)";
  if (c.after_unknown) return "(known after apply)";
  return FormatValue(c.after);
}

std::vector<std::string> Lines(const Value& v) {
  std::vector<std::string> lines;
  std::string text = v.is_string() ? v.get<std::string>() : FormatValue(v);
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

// The lines of `before` and `after` that differ, "- " and "+ " in front, in order (a longest
// common subsequence; files of more than 2,000 lines are shown as wholly replaced).
std::vector<std::string> LineDiff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  if (a.size() > 2000 || b.size() > 2000) {
    for (const std::string& l : a) out.push_back("- " + l);
    for (const std::string& l : b) out.push_back("+ " + l);
    return out;
  }
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back("- " + a[i++]);
    } else {
      out.push_back("+ " + b[j++]);
    }
  }
  return out;
}

// A map attribute (a repository's files) key by key: what is added, removed and, for a changed
// entry, the lines that changed.
void RenderMapChange(const AttributeChange& c, const std::string& name, Printer& p) {
  const Value before = c.before.is_object() ? c.before : Value::object();
  const Value& after = c.after;
  p.out() << "      " << name << "  (" << (c.before.is_object() ? "entries changed" : "entries") << ")\n";
  constexpr size_t kMaxLines = 40;
  std::set<std::string> keys;
  for (const auto& [k, v] : before.items()) keys.insert(k);
  for (const auto& [k, v] : after.items()) keys.insert(k);
  for (const std::string& k : keys) {
    const bool was = before.contains(k), is = after.contains(k);
    if (was && is && before[k] == after[k]) continue;
    if (!was || !is) {
      const Value& v = is ? after[k] : before[k];
      size_t lines = Lines(v).size();
      p.out() << "        " << p.Styled(is ? Style::kGreen : Style::kRed, is ? "+" : "-") << " " << k << "  ("
              << lines << (lines == 1 ? " line)\n" : " lines)\n");
      continue;
    }
    p.out() << "        " << p.Styled(Style::kYellow, "~") << " " << k << "\n";
    std::vector<std::string> diff = LineDiff(Lines(before[k]), Lines(after[k]));
    for (size_t n = 0; n < diff.size() && n < kMaxLines; ++n) {
      p.out() << "            " << p.Styled(diff[n][0] == '+' ? Style::kGreen : Style::kRed, diff[n]) << "\n";
    }
    if (diff.size() > kMaxLines) p.out() << "            ... " << diff.size() - kMaxLines << " more changed lines\n";
  }
}

void RenderAttribute(const Change& change, const AttributeChange& c, size_t width, Printer& p) {
  std::string name = fmt::format("{:<{}}", c.name, width);
  // A map of multi-line texts (files): entry by entry, not one line of JSON.
  if (!c.secret && !c.after_unknown && c.after.is_object() && !c.after.empty() &&
      change.action != Action::kDelete &&
      std::any_of(c.after.begin(), c.after.end(),
                  [](const Value& v) { return v.is_string() && v.get<std::string>().find('\n') != std::string::npos; })) {
    return RenderMapChange(c, name, p);
  }
  std::string line;
  if (change.action == Action::kCreate) {
    line = FormatAfter(c);
  } else if (change.action == Action::kDelete) {
    line = c.secret ? "(secret)" : FormatValue(c.before);
  } else {
    std::string before = c.secret ? "(secret)" : FormatValue(c.before);
    line = before + " -> " + FormatAfter(c);
    if (c.secret && !c.after_unknown) line = "(secret changed)";
  }
  if (c.forces_replacement && change.action == Action::kReplace) {
    line += " " + p.Styled(Style::kRed, "# forces replacement");
  }
  p.out() << "      " << name << "  " << line << "\n";
}

// Shown: every change but a no-op, and a no-op that was moved.
bool Shown(const Change& change) { return change.action != Action::kNoOp || change.moved_from; }

void RenderChange(const Change& change, Printer& p) {
  ActionLook look = LookOf(change.action);
  if (change.action == Action::kNoOp) look = {">", "", Style::kCyan};
  p.out() << (change.destroys_data ? p.Styled(Style::kRed, "!") + " " : std::string("  "))
          << p.Styled(look.style, look.symbol) << " " << p.Styled(Style::kBold, change.address.ToString())
          << "  (" << look.label;
  if (change.moved_from) {
    p.out() << (change.action == Action::kNoOp ? "" : "; ") << "moved from "
            << change.moved_from->ToString();
  }
  if (!change.reason.empty()) p.out() << ": " << change.reason;
  if (change.destroys_data) p.out() << "; " << p.Styled(Style::kRed, "destroys data");
  p.out() << ")\n";
  if (change.action == Action::kDelete) return;  // the address says it all
  size_t width = 0;
  for (const auto& c : change.diff) width = std::max(width, c.name.size());
  for (const auto& c : change.diff) RenderAttribute(change, c, width, p);
}

}  // namespace

std::string FormatValue(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return Value(v.get<std::string>()).dump();
  return v.dump();
}

size_t MovedCount(const Plan& plan) {
  return static_cast<size_t>(std::count_if(plan.changes.begin(), plan.changes.end(),
                                           [](const Change& c) { return c.moved_from.has_value(); }));
}

size_t DestroysDataCount(const Plan& plan) {
  return static_cast<size_t>(
      std::count_if(plan.changes.begin(), plan.changes.end(), [](const Change& c) { return c.destroys_data; }));
}

std::string PlanSummary(const Plan& plan) {
  size_t moved = MovedCount(plan);
  std::string moves = moved == 0 ? "" : fmt::format(" {} moved (the state follows the rename).", moved);
  if (!plan.HasChanges() && moved > 0) return "No changes in the cloud." + moves;
  if (!plan.HasChanges()) {
    return plan.destroy ? "No changes. Nothing to destroy."
                        : "No changes. The cloud matches the platform file.";
  }
  std::string text = fmt::format("Plan: {} to create, {} to update, {} to replace, {} to delete.",
                                 plan.Count(Action::kCreate), plan.Count(Action::kUpdate),
                                 plan.Count(Action::kReplace), plan.Count(Action::kDelete));
  if (size_t lossy = DestroysDataCount(plan); lossy > 0) {
    text += fmt::format(" {} of them destroy{} data (marked !).", lossy, lossy == 1 ? "s" : "");
  }
  return text + moves;
}

void RenderPlan(const Plan& plan, Printer& p, const std::vector<std::string>& warnings) {
  if (plan.HasChanges() || MovedCount(plan) > 0) {
    p.out() << "pave will perform these actions:\n\n";
    for (const auto& change : plan.changes) {
      if (!Shown(change)) continue;
      RenderChange(change, p);
      p.out() << "\n";
    }
  }
  p.out() << p.Styled(Style::kBold, PlanSummary(plan)) << "\n";
  if (!warnings.empty()) p.out() << "\nWarnings:\n";
  for (const std::string& w : warnings) p.out() << "  " << p.Styled(Style::kYellow, "!") << " " << w << "\n";
}

Value PlanToJson(const Plan& plan, const std::vector<std::string>& warnings) {
  Value changes = Value::array();
  for (const auto& change : plan.changes) {
    if (!Shown(change)) continue;
    Value attrs = Value::array();
    for (const auto& c : change.diff) {
      Value a = {{"name", c.name},
                 {"before", c.secret ? Value("(secret)") : c.before},
                 {"after", c.secret ? Value("(secret)") : c.after},
                 {"after_unknown", c.after_unknown},
                 {"forces_replacement", c.forces_replacement},
                 {"secret", c.secret}};
      attrs.push_back(std::move(a));
    }
    Value j = {{"address", change.address.ToString()},
               {"type", change.address.type},
               {"name", change.address.name},
               {"action", ActionName(change.action)},
               {"destroys_data", change.destroys_data},
               {"attributes", std::move(attrs)}};
    if (!change.reason.empty()) j["reason"] = change.reason;
    if (change.moved_from) j["moved_from"] = change.moved_from->ToString();
    changes.push_back(std::move(j));
  }
  return {{"format_version", 1},
          {"platform", plan.platform},
          {"lineage", plan.lineage},
          {"serial", plan.serial},
          {"destroy", plan.destroy},
          {"changes", std::move(changes)},
          {"warnings", warnings},
          {"summary",
           {{"create", plan.Count(Action::kCreate)},
            {"update", plan.Count(Action::kUpdate)},
            {"replace", plan.Count(Action::kReplace)},
            {"delete", plan.Count(Action::kDelete)},
            {"no_op", plan.Count(Action::kNoOp)},
            {"moved", MovedCount(plan)},
            {"destroys_data", DestroysDataCount(plan)}}}};
}

}  // namespace pave::cli
