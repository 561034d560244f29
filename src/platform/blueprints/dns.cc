#include "platform/blueprints/dns.h"

#include <algorithm>
#include <cctype>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kKeys = {"domain", "parentZone"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The scalar at `key` lower-cased, or "" when absent; an error when it is not a scalar.
std::string DomainAt(const YAML::Node& map, const std::string& key, BlueprintContext& ctx) {
  YAML::Node n = MapValue(map, key);
  if (!n.IsDefined() || n.IsNull()) return "";
  if (!n.IsScalar()) {
    ctx.Error(n, "dns: " + key + " must be a domain name like prod.example.org");
    return "";
  }
  std::string name = Lower(n.Scalar());
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

}  // namespace

std::string DomainProblem(const std::string& name, bool allow_wildcard) {
  if (name.empty()) return "is empty";
  if (name.size() > 253) return "is longer than 253 characters";
  size_t labels = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('.', start);
    if (end == std::string::npos) end = name.size();
    std::string label = name.substr(start, end - start);
    ++labels;
    if (label == "*" && allow_wildcard && start == 0) {
      start = end + 1;
      continue;
    }
    if (label == "*") return allow_wildcard ? "has \"*\" other than as its first label" : "may not hold \"*\"";
    if (label.empty() || label.size() > 63) return "has a label of " + std::to_string(label.size()) + " characters (1..63)";
    if (label.front() == '-' || label.back() == '-') return "has a label starting or ending with '-'";
    if (!std::all_of(label.begin(), label.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) {
      return "holds characters other than letters, digits, '-' and '.'";
    }
    start = end + 1;
  }
  if (labels < 2) return "needs at least two labels, like example.org";
  return "";
}

bool InZone(const std::string& name, const std::string& zone) {
  std::string n = Lower(name), z = Lower(zone);
  if (n == z) return true;
  return n.size() > z.size() && n.compare(n.size() - z.size(), z.size(), z) == 0 && n[n.size() - z.size() - 1] == '.';
}

void DnsBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    return ctx.Error(node, "dns must be a map like {domain: prod.example.org}", "e.g. dns: {domain: prod.example.org}");
  }
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      ctx.Error(kv.first, "dns: unknown key \"" + key + "\"", SuggestionHint(key, kKeys));
    }
  }
  std::string domain = DomainAt(node, "domain", ctx);
  YAML::Node domain_node = MapValue(node, "domain");
  if (domain.empty()) {
    return ctx.Error(domain_node.IsDefined() ? domain_node : node, "dns: no \"domain\"", "e.g. domain: prod.example.org");
  }
  if (std::string problem = DomainProblem(domain, false); !problem.empty()) {
    return ctx.Error(domain_node, "dns: domain \"" + domain + "\" " + problem);
  }
  std::string parent = DomainAt(node, "parentZone", ctx);
  YAML::Node parent_node = MapValue(node, "parentZone");
  if (!parent.empty()) {
    if (std::string problem = DomainProblem(parent, false); !problem.empty()) {
      return ctx.Error(parent_node, "dns: parentZone \"" + parent + "\" " + problem);
    }
    if (parent == domain || !InZone(domain, parent)) {
      return ctx.Error(parent_node, "dns: parentZone \"" + parent + "\" is not a parent of \"" + domain + "\"",
                       "the domain must end with ." + parent);
    }
  }
  ctx.Add("aws_route53_zone", "main",
          {{"name", domain}, {"comment", "pave platform " + ctx.metadata().name}, {"tags", ctx.metadata().tags}}, node);
  // The id (the zone id too) rather than zone_id: the planner keeps a resource's id known
  // through an in-place update (a tag change), other computed attributes not.
  const std::string zone_id = "${aws_route53_zone.main.id}";
  ctx.Export("dns.zone_id", zone_id);
  ctx.Export("dns.domain", domain);
  ctx.Output("dns.domain", domain, "the platform's DNS domain");
  ctx.Output("dns.zone_id", zone_id, "the Route53 hosted zone of " + domain);
  ctx.Output("dns.name_servers", "${aws_route53_zone.main.name_servers}", "the zone's name servers");
  if (parent.empty()) {
    ctx.Output("dns.delegated", false, "no parentZone: delegate " + domain + " to the name servers yourself");
    return;
  }
  ctx.Add("aws_route53_delegation", "main",
          {{"domain", domain}, {"parent_zone", parent}, {"name_servers", "${aws_route53_zone.main.name_servers}"}},
          parent_node);
  ctx.Output("dns.delegated", "${aws_route53_delegation.main.delegated}",
             "true when pave wrote the NS records into " + parent);
  ctx.Output("dns.delegation_records", "${aws_route53_delegation.main.records_to_add}",
             "the NS records to add to " + parent + " when it is not delegated");
}

}  // namespace pave
