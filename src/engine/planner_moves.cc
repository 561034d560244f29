#include "engine/planner_moves.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace pave {
namespace {

Diagnostic MoveError(const MovedResource& m, const std::string& problem, std::string hint = "") {
  return Diagnostic{Severity::kError, m.location,
                    "moved " + m.from.ToString() + " -> " + m.to.ToString() + ": " + problem,
                    std::move(hint)};
}

// Errors of one entry on its own, against the declared resources.
void CheckEntry(const MovedResource& m, const std::set<ResourceAddress>& declared,
                std::vector<Diagnostic>* out) {
  if (m.from == m.to) {
    out->push_back(MoveError(m, "from and to are the same address"));
  } else if (m.from.type != m.to.type) {
    out->push_back(
        MoveError(m, "a move keeps the type (" + m.from.type + " is not " + m.to.type + ")",
                  "a resource cannot change its type; delete it and create the new one"));
  } else if (declared.count(m.from)) {
    out->push_back(MoveError(m, m.from.ToString() + " is still declared",
                             "remove or rename its declaration, or drop this entry"));
  } else if (!declared.count(m.to)) {
    out->push_back(MoveError(m, m.to.ToString() + " is not declared",
                             "declare the resource under its new name"));
  }
}

// Whether a create of `create` looks like the resource `deleted` under a new name: same type,
// and every known desired attribute equal to the deleted one's (at least one compared).
bool LooksLikeRename(const Change& create, const Change& deleted) {
  if (create.address.type != deleted.address.type || !deleted.prior.is_object()) return false;
  size_t compared = 0;
  for (const AttributeChange& c : create.diff) {
    if (c.after_unknown) continue;
    auto before = deleted.prior.find(c.name);
    if (before == deleted.prior.end() || *before != c.after) return false;
    ++compared;
  }
  return compared > 0;
}

}  // namespace

std::vector<Diagnostic> CheckMoves(const std::vector<MovedResource>& moves, const Config& config) {
  std::set<ResourceAddress> declared;
  for (const ResourceConfig& rc : config.resources) declared.insert(rc.address);
  std::map<ResourceAddress, const MovedResource*> by_from;
  std::set<ResourceAddress> tos;
  std::vector<Diagnostic> out;
  for (const MovedResource& m : moves) {
    if (!by_from.emplace(m.from, &m).second) {
      out.push_back(MoveError(m, m.from.ToString() + " is moved twice"));
    } else if (!tos.insert(m.to).second) {
      out.push_back(MoveError(m, "two entries move to " + m.to.ToString()));
    }
  }
  for (const MovedResource& m : moves) {
    auto next = by_from.find(m.to);
    if (next == by_from.end()) {
      if (by_from.find(m.from)->second == &m) CheckEntry(m, declared, &out);
      continue;
    }
    const MovedResource& n = *next->second;
    if (n.to == m.from) {  // a cycle of two: reported once, at the first entry
      if (&m < &n) {
        out.push_back(
            MoveError(m, "a cycle: " + m.to.ToString() + " is moved back to " + m.from.ToString(),
                      "drop both entries"));
      }
      continue;
    }
    out.push_back(MoveError(
        m, "a chain: " + m.to.ToString() + " is moved on to " + n.to.ToString(),
        "move straight to the last name: from: " + m.from.ToString() + ", to: " + n.to.ToString()));
  }
  return out;
}

Status MoveResource(State* state, const ResourceAddress& from, const ResourceAddress& to) {
  const ResourceState* found = state->Find(from);
  if (!found) return Status::NotFound(from.ToString() + " is not in the state");
  if (state->Find(to)) {
    return Status::AlreadyExists("cannot move " + from.ToString() + " to " + to.ToString() + ": " +
                                 to.ToString() + " is in the state already");
  }
  ResourceState moved = *found;
  moved.address = to;
  state->Remove(from);
  state->Put(std::move(moved));
  std::vector<ResourceAddress> dependents;
  for (const ResourceState& r : state->resources()) {
    for (const ResourceAddress& d : r.dependencies) {
      if (d == from) dependents.push_back(r.address);
    }
  }
  for (const ResourceAddress& a : dependents) {
    for (ResourceAddress& d : state->FindMutable(a)->dependencies) {
      if (d == from) d = to;
    }
  }
  return Status::Ok();
}

Result<std::vector<MovedResource>> ApplyMoves(const std::vector<MovedResource>& moves,
                                              State* state) {
  State moved = *state;
  std::vector<MovedResource> done;
  for (const MovedResource& m : moves) {
    if (!moved.Find(m.from)) continue;  // done already, by an earlier run
    Status s = MoveResource(&moved, m.from, m.to);
    if (!s.ok()) {
      std::string where = m.location.line > 0 ? m.location.ToString() + ": " : "";
      return Status::FailedPrecondition(where + s.message() +
                                        " (remove one of them from the state with `pave state "
                                        "rm`, or drop the moved: entry)");
    }
    done.push_back(m);
  }
  *state = std::move(moved);
  return done;
}

void NoteLikelyRenames(Plan* plan) {
  // Deletes by type, so a create is compared only with deletes of its own type (a plan of
  // 50k creates and no deletes is one pass, not 50k passes over the plan).
  std::map<std::string, std::vector<const Change*>, std::less<>> deletes;
  for (const Change& c : plan->changes) {
    if (c.action == Action::kDelete && !c.address.IsDeposed()) deletes[c.address.type].push_back(&c);
  }
  if (deletes.empty()) return;
  for (Change& create : plan->changes) {
    if (create.action != Action::kCreate || !create.reason.empty()) continue;
    auto same_type = deletes.find(create.address.type);
    if (same_type == deletes.end()) continue;
    for (const Change* deleted : same_type->second) {
      if (!LooksLikeRename(create, *deleted)) continue;
      create.reason = "looks like a rename of " + deleted->address.ToString() +
                      ": add a moved: entry {from: " + deleted->address.ToString() +
                      ", to: " + create.address.ToString() + "} to keep it";
      break;
    }
  }
}

}  // namespace pave
