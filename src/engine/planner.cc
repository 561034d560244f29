#include "engine/planner.h"

#include <algorithm>
#include <cassert>

#include "engine/graph.h"
#include "engine/planner_moves.h"
#include "engine/reference.h"
#include "engine/secret.h"
#include "engine/validate.h"

namespace pave {

namespace {

// Equal, with lists of an unordered attribute compared as sets (as sorted copies).
bool SameValue(const AttributeSchema& attr, const Value& a, const Value& b) {
  if (attr.json && a.is_string() && b.is_string() && a != b) {
    Value x = Value::parse(a.get<std::string>(), nullptr, /*allow_exceptions=*/false);
    Value y = Value::parse(b.get<std::string>(), nullptr, /*allow_exceptions=*/false);
    return !x.is_discarded() && !y.is_discarded() && x == y;
  }
  if (!attr.unordered || !a.is_array() || !b.is_array() || a.size() != b.size()) return a == b;
  std::vector<Value> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

// What the plan makes of one config resource, as far as later resources' references see it.
struct Planned {
  Action action = Action::kNoOp;
  const ResourceSchema* schema = nullptr;
  const ResourceState* prior = nullptr;  // in the refreshed state; null when being created
  Value desired = Value::object();       // known desired values (secrets in plaintext)
  std::vector<std::string> unknown;      // attributes whose desired value is known only after apply
};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Value AttributeOf(const Value& attributes, const std::string& name) {
  auto it = attributes.find(name);
  return it == attributes.end() ? Value(nullptr) : *it;
}

// Dotted versions compared part by part, numbers as numbers ("1.9" < "1.10"); <0, 0, >0.
int CompareVersions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    size_t ie = std::min(a.find('.', i), a.size());
    size_t je = std::min(b.find('.', j), b.size());
    std::string pa = i < a.size() ? a.substr(i, ie - i) : "0";
    std::string pb = j < b.size() ? b.substr(j, je - j) : "0";
    bool numeric = !pa.empty() && !pb.empty() && pa.size() < 10 && pb.size() < 10 &&
                   pa.find_first_not_of("0123456789") == std::string::npos &&
                   pb.find_first_not_of("0123456789") == std::string::npos;
    int cmp = numeric ? (std::stol(pa) < std::stol(pb) ? -1 : std::stol(pa) > std::stol(pb) ? 1 : 0) : pa.compare(pb);
    if (cmp != 0) return cmp < 0 ? -1 : 1;
    i = ie + 1;
    j = je + 1;
  }
  return 0;
}

// Config properties with schema defaults for what the config leaves out; nulls dropped.
Value WithDefaults(const ResourceSchema& schema, const Value& properties) {
  Value out = Value::object();
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    if (!it.value().is_null()) out[it.key()] = it.value();
  }
  for (const AttributeSchema& a : schema.attributes) {
    if (a.default_value && !a.default_value->is_null() && !out.contains(a.name)) out[a.name] = *a.default_value;
  }
  return out;
}

// What `n` depends on (references and depends_on), sorted.
std::vector<ResourceAddress> Dependencies(const ResourceGraph& g, Graph::Node n) {
  std::vector<ResourceAddress> deps;
  deps.reserve(g.graph.dependencies(n).size());
  for (Graph::Node d : g.graph.dependencies(n)) deps.push_back(g.addresses[d]);
  std::sort(deps.begin(), deps.end());
  return deps;
}

class Planner {
 public:
  Planner(const Config& config, const State& refreshed, const ProviderRegistry& registry, const PlanOptions& options)
      : config_(config), refreshed_(refreshed), registry_(registry), options_(options),
        lineage_(options.lineage.empty() ? refreshed.lineage : options.lineage) {}

  Result<Plan> Run() {
    plan_.platform = config_.platform;
    plan_.lineage = refreshed_.lineage;
    plan_.serial = refreshed_.serial;
    plan_.destroy = options_.destroy;
    if (options_.destroy) {
      for (const ResourceState& r : refreshed_.resources()) plan_.changes.push_back(DeleteChange(r));
      return std::move(plan_);
    }
    diags_ = ValidateConfig(config_, registry_);
    if (diags_.empty()) {
      graph_ = BuildConfigGraph(config_);
      if (std::vector<Graph::Node> cycle = graph_.graph.FindCycle(); !cycle.empty()) {
        diags_.push_back(Diagnostic{Severity::kError, config_.resources[cycle[0]].location,
                                    "dependency cycle: " + graph_.graph.CycleText(cycle), ""});
      }
    }
    if (!diags_.empty()) return Errors();
    PlanConfigResources();
    if (!diags_.empty()) return Errors();
    for (const ResourceState& r : refreshed_.resources()) {
      if (!graph_.Find(r.address)) plan_.changes.push_back(DeleteChange(r));
    }
    std::sort(plan_.changes.begin(), plan_.changes.end(),
              [](const Change& a, const Change& b) { return a.address < b.address; });
    NoteLikelyRenames(&plan_);
    return std::move(plan_);
  }

 private:
  Status Errors() const {
    std::string text;
    for (const Diagnostic& d : diags_) {
      if (!text.empty()) text += "\n";
      text += d.ToString();
    }
    return Status::InvalidArgument(text);
  }

  Change DeleteChange(const ResourceState& r) const {
    Change c;
    c.address = r.address;
    c.action = Action::kDelete;
    const ResourceType* type = registry_.Find(r.address.type);
    c.destroys_data = type && type->schema().holds_data;
    c.prior = r.attributes;
    c.properties = Value::object();
    c.depends_on = r.dependencies;
    c.prior_account = r.account;
    if (r.address.IsDeposed()) {
      c.reason = "deposed: the old instance of " + r.address.Base().ToString() +
                 ", replaced create-first; its delete was not confirmed";
    }
    return c;
  }

  void PlanConfigResources() {
    // Validation passed and there is no cycle, so the order exists; node i is resource i.
    Result<std::vector<Graph::Node>> order = graph_.graph.TopologicalOrder();
    assert(order.ok() && "cycle after validation");
    planned_.resize(config_.resources.size());
    plan_.changes.reserve(config_.resources.size() + refreshed_.size());
    for (Graph::Node n : *order) PlanResource(n);
  }

  void PlanResource(Graph::Node n);
  void ResolveDesired(const ResourceConfig& rc, const Value& properties, Planned* p);
  Action DiffCreate(const Planned& p, Change* change) const;
  Action DiffExisting(const Planned& p, Change* change) const;
  void RefuseDowngrades(const ResourceConfig& rc, const Change& change);
  // True (with the diff noted) when the config puts an existing resource in another account
  // than it lives in, or in one not known until apply: it is made anew there.
  bool MovesAccount(const ResourceConfig& rc, const ResourceState& prior, Change* change) const;
  const ResourceSchema* planned_schema(const ResourceConfig& rc) const {
    return &registry_.Find(rc.address.type)->schema();
  }
  std::optional<Value> Lookup(const ResourceAddress& target, const std::string& attribute) const;

  const Config& config_;
  const State& refreshed_;
  const ProviderRegistry& registry_;
  const PlanOptions& options_;
  const std::string lineage_;
  Plan plan_;
  ResourceGraph graph_;
  std::vector<Planned> planned_;  // by graph node
  std::vector<Diagnostic> diags_;
};

void Planner::PlanResource(Graph::Node n) {
  const ResourceConfig& rc = config_.resources[n];
  Planned& p = planned_[n];
  p.schema = &registry_.Find(rc.address.type)->schema();
  p.prior = refreshed_.Find(rc.address);
  Change change;
  change.address = rc.address;
  change.depends_on = Dependencies(graph_, n);
  if (auto moved = options_.moved.find(rc.address); moved != options_.moved.end()) {
    change.moved_from = moved->second;
  }
  Value properties = WithDefaults(*p.schema, rc.properties);
  ResolveDesired(rc, properties, &p);
  for (const AttributeSchema& a : p.schema->attributes) {
    if (!a.secret) continue;
    if (auto it = properties.find(a.name); it != properties.end()) {
      change.secrets[a.name] = std::move(*it);
      properties.erase(it);
    }
  }
  change.properties = std::move(properties);
  if (p.prior) {
    change.prior = p.prior->attributes;
    p.action = DiffExisting(p, &change);
  } else {
    p.action = DiffCreate(p, &change);
    if (options_.vanished.count(rc.address)) change.reason = "deleted outside pave";
  }
  change.account = rc.account;
  if (p.prior) {
    change.prior_account = p.prior->account;
    if (p.action != Action::kReplace && MovesAccount(rc, *p.prior, &change)) p.action = Action::kReplace;
  }
  change.action = p.action;
  change.destroys_data = p.action == Action::kReplace && p.schema->holds_data;
  RefuseDowngrades(rc, change);
  plan_.changes.push_back(std::move(change));
}

void Planner::RefuseDowngrades(const ResourceConfig& rc, const Change& change) {
  for (const AttributeChange& c : change.diff) {
    const AttributeSchema* attr = change.action == Action::kUpdate || change.action == Action::kReplace
                                      ? planned_schema(rc)->Find(c.name)
                                      : nullptr;
    if (!attr || !attr->monotonic || c.after_unknown || !c.before.is_string() || !c.after.is_string()) continue;
    std::string before = c.before.get<std::string>();
    std::string after = c.after.get<std::string>();
    if (CompareVersions(after, before) >= 0) continue;
    diags_.push_back(Diagnostic{Severity::kError, rc.location,
                                rc.address.ToString() + ": " + c.name + " " + after + " is lower than the current " +
                                    before + ", and a version can only go up (AWS does not downgrade in place)",
                                "keep " + c.name + ": \"" + before + "\", or destroy and recreate the resource"});
  }
}

bool Planner::MovesAccount(const ResourceConfig& rc, const ResourceState& prior, Change* change) const {
  AttributeChange c;
  c.name = "account";
  c.forces_replacement = true;
  if (!prior.account.empty()) c.before = prior.account;
  if (HasReferences(Value(rc.account))) {
    ReferenceLookup lookup = [this](const ResourceAddress& t, const std::string& a) { return Lookup(t, a); };
    Result<Resolution> r = ResolveReferences(Value(rc.account), lookup);
    if (!r.ok()) return false;  // reported by validation
    if (!r->known()) {
      c.after_unknown = true;
    } else if (r->value.is_string() && r->value.get<std::string>() == prior.account) {
      return false;
    } else {
      c.after = r->value;
    }
  } else if (rc.account == prior.account) {
    return false;
  } else if (!rc.account.empty()) {
    c.after = rc.account;
  }
  change->diff.push_back(std::move(c));
  return true;
}

void Planner::ResolveDesired(const ResourceConfig& rc, const Value& properties, Planned* p) {
  ReferenceLookup lookup = [this](const ResourceAddress& t, const std::string& a) { return Lookup(t, a); };
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    const AttributeSchema& attr = *p->schema->Find(it.key());
    if (!HasReferences(it.value())) {
      p->desired[it.key()] = it.value();
      continue;
    }
    Result<Resolution> r = ResolveReferences(it.value(), lookup);
    if (!r.ok()) {
      diags_.push_back(Diagnostic{Severity::kError, rc.location,
                                  rc.address.ToString() + ": attribute \"" + it.key() + "\": " + r.status().message(), ""});
      continue;
    }
    if (!r->known()) {
      p->unknown.push_back(it.key());
      continue;
    }
    if (r->value.is_null()) continue;
    if (!ValueHasType(r->value, attr.type)) {
      diags_.push_back(Diagnostic{Severity::kError, rc.location, WrongTypeMessage(rc.address, attr, r->value),
                                  "from " + it.value().dump()});
      continue;
    }
    p->desired[it.key()] = std::move(r->value);
  }
}

Action Planner::DiffCreate(const Planned& p, Change* change) const {
  for (const AttributeSchema& attr : p.schema->attributes) {
    AttributeChange c;
    c.name = attr.name;
    c.secret = attr.secret;
    if (Contains(p.unknown, attr.name)) {
      c.after_unknown = true;
    } else if (auto it = p.desired.find(attr.name); it != p.desired.end()) {
      c.after = attr.secret ? Value(SecretFingerprint(lineage_, *it)) : *it;
    } else {
      continue;
    }
    change->diff.push_back(std::move(c));
  }
  return Action::kCreate;
}

Action Planner::DiffExisting(const Planned& p, Change* change) const {
  bool replace = false;
  for (const AttributeSchema& attr : p.schema->attributes) {
    AttributeChange c;
    c.name = attr.name;
    c.secret = attr.secret;
    auto before = p.prior->attributes.find(attr.name);
    // A tainted resource's secret fingerprints say what its create was asked to store, not
    // what it stored: they are sent again.
    bool was_set = before != p.prior->attributes.end() && !before->is_null() &&
                   !(attr.secret && !p.prior->tainted.empty());
    if (Contains(p.unknown, attr.name)) {
      c.after_unknown = true;
    } else if (auto it = p.desired.find(attr.name); it != p.desired.end()) {
      c.after = attr.secret ? Value(SecretFingerprint(lineage_, *it)) : *it;
      if (was_set && SameValue(attr, c.after, *before)) continue;
      // A state written before the attribute existed: the resource has what older versions of
      // pave left, which is what an attribute added to an existing type must default to.
      if (before == p.prior->attributes.end() && attr.default_value && SameValue(attr, c.after, *attr.default_value)) {
        continue;
      }
    } else if (attr.computed || !was_set) {
      continue;  // not managed by the config, or already unset
    }
    if (was_set) c.before = *before;
    c.forces_replacement = attr.force_new;
    replace = replace || attr.force_new;
    change->diff.push_back(std::move(c));
  }
  if (!p.prior->tainted.empty()) {
    // Its create did not finish: what it holds is unknown, so it is made again (Terraform's
    // taint) — unless it holds data, which may be in use since: then it is brought to the
    // file by an update from what the refresh read (a forced replacement still needs
    // --allow-data-loss); docs/reliability.md.
    change->reason = "tainted: " + p.prior->tainted;
    if (!p.schema->holds_data || replace) return Action::kReplace;
    change->reason += "; repaired in place, as it holds data";
    return Action::kUpdate;
  }
  if (change->diff.empty()) return Action::kNoOp;
  return replace ? Action::kReplace : Action::kUpdate;
}

std::optional<Value> Planner::Lookup(const ResourceAddress& target, const std::string& attribute) const {
  const Graph::Node* n = graph_.Find(target);
  if (!n) return std::nullopt;
  const Planned& p = planned_[*n];
  assert(p.schema && "reference to a resource planned later: the graph order is wrong");
  bool made_new = p.action == Action::kCreate || p.action == Action::kReplace;
  if (attribute == "id") {
    if (made_new || !p.prior) return std::nullopt;
    return AttributeOf(p.prior->attributes, "id");
  }
  if (Contains(p.unknown, attribute)) return std::nullopt;
  if (auto it = p.desired.find(attribute); it != p.desired.end()) return *it;
  const AttributeSchema* attr = p.schema->Find(attribute);
  if (attr && attr->computed) {
    bool kept = p.action == Action::kNoOp || (p.action == Action::kUpdate && attr->stable);
    if (!kept || !p.prior) return std::nullopt;
    return AttributeOf(p.prior->attributes, attribute);
  }
  return Value(nullptr);  // optional, not set: null after apply
}

}  // namespace

Result<Plan> MakePlan(const Config& config, const State& refreshed, const ProviderRegistry& registry,
                      const PlanOptions& options) {
  return Planner(config, refreshed, registry, options).Run();
}

}  // namespace pave
