#include "platform/blueprints/waf.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::map<std::string, std::string>& Groups() {
  static const std::map<std::string, std::string> groups = {
      {"common", "AWSManagedRulesCommonRuleSet"},
      {"known-bad-inputs", "AWSManagedRulesKnownBadInputsRuleSet"},
      {"ip-reputation", "AWSManagedRulesAmazonIpReputationList"},
      {"anonymous-ip", "AWSManagedRulesAnonymousIpList"},
      {"sqli", "AWSManagedRulesSQLiRuleSet"},
      {"linux", "AWSManagedRulesLinuxRuleSet"}};
  return groups;
}

bool IsEntryName(const std::string& s) {
  if (s.empty() || s.size() > 40 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

const std::vector<std::string> kKeys = {"name", "scope", "managedRules", "rateLimit", "associate"};

// The association's name: the ACL's entry, then the resource's own name from its ARN (a load
// balancer's "app/<name>/<id>": <name>), in the characters a resource name allows.
std::string AssociationName(const std::string& entry, const std::string& arn, size_t index) {
  std::string tail = arn.substr(arn.find_last_of(':') + 1);
  if (size_t app = tail.find("loadbalancer/app/"); app != std::string::npos) {
    tail = tail.substr(app + 17);
    tail = tail.substr(0, tail.find('/'));
  } else {
    tail = std::to_string(index + 1);
  }
  std::string out = entry + "-";
  for (char c : tail) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '-';
  return out;
}

// `associate: [ARN, ...]`: the regional resources (load balancers, API stages) the ACL stands
// in front of, each an aws_wafv2_web_acl_association; an ARN or a reference to one.
void Associations(const YAML::Node& entry, const std::string& name, const std::string& scope,
                  BlueprintContext& ctx) {
  YAML::Node list = MapValue(entry, "associate");
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) {
    return ctx.Error(list, "waf: associate must be a list of resource ARNs",
                     "e.g. associate: [arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID]");
  }
  if (scope != "regional") {
    return ctx.Error(list, "waf: associate is for regional ACLs",
                     "a cloudfront ACL is named by the distribution (its WebACLId), not associated");
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    std::string arn = item.IsScalar() ? item.Scalar() : "";
    if (!arn.starts_with("arn:") && !arn.starts_with("${")) {
      ctx.Error(item, "waf: associate: \"" + arn + "\" is not an ARN",
                "the ARN of a load balancer, API Gateway stage, AppSync API or Cognito user pool");
      continue;
    }
    ctx.Add("aws_wafv2_web_acl_association", AssociationName(name, arn, i),
            {{"resource_arn", arn}, {"web_acl_arn", "${aws_wafv2_web_acl." + name + ".arn}"}}, item);
  }
}

Value Visibility(const std::string& metric) {
  return {
      {"SampledRequestsEnabled", true}, {"CloudWatchMetricsEnabled", true}, {"MetricName", metric}};
}

Value ManagedRule(const std::string& group, int priority) {
  return {{"Name", group},
          {"Priority", priority},
          {"Statement", {{"ManagedRuleGroupStatement", {{"VendorName", "AWS"}, {"Name", group}}}}},
          {"OverrideAction", {{"None", Value::object()}}},
          {"VisibilityConfig", Visibility(group)}};
}

// The rules of `entry`'s managedRules (the default three when absent); errors at unknown names.
Value ManagedRules(const YAML::Node& entry, BlueprintContext& ctx) {
  std::vector<std::string> names = {"common", "known-bad-inputs", "ip-reputation"};
  YAML::Node n = MapValue(entry, "managedRules");
  if (n.IsDefined() && !n.IsNull()) {
    if (!n.IsSequence()) {
      ctx.Error(n, "waf: managedRules must be a list", "e.g. [common, known-bad-inputs]");
      return Value::array();
    }
    names.clear();
    for (const YAML::Node& item : n) {
      std::string name = item.IsScalar() ? item.Scalar() : "";
      if (ManagedRuleGroup(name).empty()) {
        ctx.Error(item, "waf: unknown managed rule group \"" + name + "\"",
                  SuggestionHint(name, ManagedRuleNames()));
        continue;
      }
      names.push_back(name);
    }
  }
  Value rules = Value::array();
  for (const std::string& name : names)
    rules.push_back(ManagedRule(ManagedRuleGroup(name), int(rules.size()) + 1));
  return rules;
}

// The blocking rate rule, or null without rateLimit.
Value RateRule(const YAML::Node& entry, BlueprintContext& ctx, int priority) {
  YAML::Node n = MapValue(entry, "rateLimit");
  if (!n.IsDefined() || n.IsNull()) return Value();
  long long limit = 0;
  try {
    limit = n.as<long long>();
  } catch (const YAML::Exception&) {
    limit = -1;
  }
  if (limit < 100 || limit > 2000000000LL) {
    ctx.Error(n,
              "waf: rateLimit must be a whole number from 100 to 2000000000 (requests per 5 "
              "minutes and IP)");
    return Value();
  }
  return {{"Name", "rate-limit"},
          {"Priority", priority},
          {"Statement", {{"RateBasedStatement", {{"Limit", limit}, {"AggregateKeyType", "IP"}}}}},
          {"Action", {{"Block", Value::object()}}},
          {"VisibilityConfig", Visibility("rate-limit")}};
}

void ExpandEntry(const YAML::Node& entry, BlueprintContext& ctx) {
  if (!entry.IsMap()) return ctx.Error(entry, "waf: each entry must be a map like {name: ingress}");
  for (const auto& kv : entry) {
    std::string key = kv.first.Scalar();
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      ctx.Error(kv.first, "waf: unknown key \"" + key + "\"", SuggestionHint(key, kKeys));
    }
  }
  YAML::Node name_node = MapValue(entry, "name");
  std::string name = name_node.IsScalar() ? name_node.Scalar() : "";
  if (!IsEntryName(name)) {
    return ctx.Error(
        name_node.IsDefined() ? name_node : entry,
        name.empty() ? "waf: entry has no \"name\"" : "waf: invalid name \"" + name + "\"",
        "use lower-case letters, digits and '-', starting with a letter");
  }
  YAML::Node scope_node = MapValue(entry, "scope");
  std::string scope = scope_node.IsScalar() ? scope_node.Scalar() : "regional";
  if (scope != "regional" && scope != "cloudfront") {
    return ctx.Error(scope_node,
                     "waf: scope must be regional or cloudfront, not \"" + scope + "\"");
  }
  Value rules = ManagedRules(entry, ctx);
  Value rate = RateRule(entry, ctx, int(rules.size()) + 1);
  if (!rate.is_null()) rules.push_back(std::move(rate));
  std::string acl = ctx.metadata().name + "-" + name;
  ctx.Add("aws_wafv2_web_acl", name,
          {{"name", acl},
           {"scope", scope == "regional" ? "REGIONAL" : "CLOUDFRONT"},
           {"default_action", {{"Allow", Value::object()}}},
           {"rules", rules},
           {"visibility_config", Visibility(acl)}},
          entry);
  Associations(entry, name, scope, ctx);
  ctx.Export("waf." + name + ".arn", "${aws_wafv2_web_acl." + name + ".arn}");
  ctx.Output("waf." + name + ".arn", "${aws_wafv2_web_acl." + name + ".arn}",
             "the WAF web ACL's ARN");
}

}  // namespace

std::string ManagedRuleGroup(const std::string& short_name) {
  auto it = Groups().find(short_name);
  return it == Groups().end() ? "" : it->second;
}

std::vector<std::string> ManagedRuleNames() {
  std::vector<std::string> out;
  for (const auto& [k, v] : Groups()) out.push_back(k);
  return out;
}

void WafBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsSequence())
    return ctx.Error(node, "waf must be a list of {name: ...} entries", "e.g. - {name: ingress}");
  for (const YAML::Node& entry : node) ExpandEntry(entry, ctx);
}

}  // namespace pave
