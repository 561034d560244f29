#include "cli/state_diff.h"

#include <set>

namespace pave::cli {
namespace {

void DiffObjects(const Value& before, const Value& after, std::vector<AttributeDiff>* out) {
  std::set<std::string> names;
  for (auto it = before.begin(); it != before.end(); ++it) names.insert(it.key());
  for (auto it = after.begin(); it != after.end(); ++it) names.insert(it.key());
  for (const std::string& name : names) {
    Value b = before.value(name, Value(nullptr));
    Value a = after.value(name, Value(nullptr));
    if (a != b) out->push_back(AttributeDiff{name, std::move(b), std::move(a)});
  }
}

Value MetaOf(const ResourceState* r) {
  Value v = Value::object();
  if (!r) return v;
  if (!r->account.empty()) v["(account)"] = r->account;
  if (!r->tainted.empty()) v["(tainted)"] = r->tainted;
  return v;
}

}  // namespace

const char* ResourceDiffKindName(ResourceDiff::Kind kind) {
  switch (kind) {
    case ResourceDiff::Kind::kAdded: return "added";
    case ResourceDiff::Kind::kRemoved: return "removed";
    case ResourceDiff::Kind::kChanged: return "changed";
  }
  return "changed";
}

ResourceDiff DiffResource(const ResourceAddress& address, const ResourceState* before, const ResourceState* after) {
  ResourceDiff d;
  d.address = address;
  d.kind = !before && after ? ResourceDiff::Kind::kAdded
           : before && !after ? ResourceDiff::Kind::kRemoved
                              : ResourceDiff::Kind::kChanged;
  const Value empty = Value::object();
  DiffObjects(before ? before->attributes : empty, after ? after->attributes : empty, &d.attributes);
  DiffObjects(MetaOf(before), MetaOf(after), &d.attributes);
  return d;
}

std::vector<ResourceDiff> DiffStates(const State& before, const State& after) {
  std::set<ResourceAddress> addresses;
  for (const ResourceState& r : before.resources()) addresses.insert(r.address);
  for (const ResourceState& r : after.resources()) addresses.insert(r.address);
  std::vector<ResourceDiff> out;
  for (const ResourceAddress& a : addresses) {
    ResourceDiff d = DiffResource(a, before.Find(a), after.Find(a));
    if (d.kind != ResourceDiff::Kind::kChanged || !d.attributes.empty()) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace pave::cli
