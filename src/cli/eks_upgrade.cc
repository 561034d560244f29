#include "cli/eks_upgrade.h"

#include <fmt/format.h>

#include <optional>

namespace pave::cli {
namespace {

struct Upgrade {
  const Change* cluster;
  std::string name;  // the EKS cluster's name
  std::string from, to;
};

std::optional<Upgrade> UpgradeOf(const Change& c) {
  if (c.address.type != "aws_eks_cluster" || c.action != Action::kUpdate) return std::nullopt;
  for (const AttributeChange& a : c.diff) {
    if (a.name != "version" || !a.before.is_string() || !a.after.is_string()) continue;
    return Upgrade{&c, c.prior.value("name", ""), a.before.get<std::string>(),
                   a.after.get<std::string>()};
  }
  return std::nullopt;
}

// The minor number of "1.31", or -1.
int Minor(const std::string& version) {
  size_t dot = version.find('.');
  if (dot == std::string::npos) return -1;
  try {
    return std::stoi(version.substr(dot + 1));
  } catch (const std::exception&) {
    return -1;
  }
}

const Change* ChangeOf(const Plan& plan, const ResourceAddress& address) {
  for (const Change& c : plan.changes) {
    if (c.address == address) return &c;
  }
  return nullptr;
}

// The version the plan gives `node_group`, when it changes it.
std::optional<std::string> PlannedVersion(const Plan& plan, const ResourceAddress& node_group) {
  const Change* c = ChangeOf(plan, node_group);
  if (!c) return std::nullopt;
  for (const AttributeChange& a : c->diff) {
    if (a.name == "version" && (a.after_unknown || a.after.is_string())) {
      return a.after_unknown ? "" : a.after.get<std::string>();  // "": follows the cluster
    }
  }
  return std::nullopt;
}

void CheckAddon(const ResourceState& addon, const Upgrade& u, aws::AwsClient& aws,
                UpgradeReport* out) {
  std::string name = addon.attributes.value("name", "");
  Result<Value> versions =
      aws.Call("eks", "DescribeAddonVersions", {{"addonName", name}, {"kubernetesVersion", u.to}});
  if (!versions.ok()) {
    out->warnings.push_back(
        fmt::format("could not check whether add-on {} has a version for Kubernetes {}: {}", name,
                    u.to, versions.status().message()));
    return;
  }
  for (const Value& a : versions->value("addons", Value::array())) {
    if (a.value("addonName", "") == name && !a.value("addonVersions", Value::array()).empty())
      return;
  }
  out->problems.push_back(
      fmt::format("{}: add-on {} has no version for Kubernetes {} (DescribeAddonVersions): "
                  "remove it from cluster.addons, or wait until EKS offers one",
                  addon.address.ToString(), name, u.to));
}

void CheckNodeGroup(const Plan& plan, const ResourceState& ng, const Upgrade& u,
                    UpgradeReport* out) {
  std::string version = ng.attributes.value("version", "");
  std::optional<std::string> planned = PlannedVersion(plan, ng.address);
  if (planned) return;  // the plan upgrades it after the control plane
  int behind = Minor(u.to) - Minor(version);
  if (Minor(version) < 0 || Minor(u.to) < 0 || behind <= kMaxNodeSkew) return;
  out->problems.push_back(fmt::format(
      "{}: its nodes run Kubernetes {}, {} minor versions behind {} (EKS supports at most {}): "
      "upgrade the node group first, one step at a time",
      ng.address.ToString(), version, behind, u.to, kMaxNodeSkew));
}

std::string Names(const std::vector<const ResourceState*>& resources) {
  std::string out;
  for (const ResourceState* r : resources) out += (out.empty() ? "" : ", ") + r->address.ToString();
  return out;
}

// "control plane, then node groups (...), then add-ons (...)", from the plan's dependencies.
std::string Order(const Plan& plan, const Upgrade& u,
                  const std::vector<const ResourceState*>& addons,
                  const std::vector<const ResourceState*>& node_groups) {
  bool addons_after_nodes = false;
  for (const ResourceState* a : addons) {
    const Change* c = ChangeOf(plan, a->address);
    for (const ResourceAddress& d : c ? c->depends_on : a->dependencies) {
      addons_after_nodes |= d.type == "aws_eks_node_group";
    }
  }
  std::string nodes = node_groups.empty() ? "" : "node groups (" + Names(node_groups) + ")";
  std::string adds = addons.empty() ? "" : "add-ons (" + Names(addons) + ")";
  std::string first = addons_after_nodes ? nodes : adds, second = addons_after_nodes ? adds : nodes;
  std::string text = fmt::format("upgrade of {} from {} to {}: control plane first",
                                 u.cluster->address.ToString(), u.from, u.to);
  if (!first.empty()) text += ", then " + first;
  if (!second.empty()) text += ", then " + second;
  return text;
}

}  // namespace

UpgradeReport CheckEksUpgrades(const Plan& plan, const State& state, aws::AwsClient& aws) {
  UpgradeReport out;
  for (const Change& c : plan.changes) {
    std::optional<Upgrade> u = UpgradeOf(c);
    if (!u) continue;
    std::vector<const ResourceState*> addons, node_groups;
    for (const ResourceState& r : state.resources()) {
      if (r.attributes.value("cluster_name", "") != u->name) continue;
      if (r.address.type == "aws_eks_addon") {
        addons.push_back(&r);
        CheckAddon(r, *u, aws, &out);
      } else if (r.address.type == "aws_eks_node_group") {
        node_groups.push_back(&r);
        CheckNodeGroup(plan, r, *u, &out);
      }
    }
    out.steps.push_back(Order(plan, *u, addons, node_groups));
  }
  return out;
}

}  // namespace pave::cli
