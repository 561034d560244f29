#include "platform/blueprints/certificates.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "platform/blueprints/dns.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kEntryKeys = {"domain", "name"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsEntryName(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

// The scalar at `key`, or "" when absent; an error when it is not a scalar.
std::string Scalar(const YAML::Node& map, const std::string& key, BlueprintContext& ctx) {
  YAML::Node n = MapValue(map, key);
  if (!n.IsDefined() || n.IsNull()) return "";
  if (!n.IsScalar()) {
    ctx.Error(n, "certificates: " + key + " must be a string");
    return "";
  }
  return n.Scalar();
}

class Expander {
 public:
  Expander(BlueprintContext& ctx, std::string zone_id, std::string zone_domain)
      : ctx_(ctx), zone_id_(std::move(zone_id)), zone_domain_(std::move(zone_domain)) {}

  void Entry(const YAML::Node& entry) {
    if (!entry.IsMap()) return ctx_.Error(entry, "certificates: each entry must be a map like {domain: api.example.org}");
    for (const auto& kv : entry) {
      std::string key = kv.first.Scalar();
      if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
        ctx_.Error(kv.first, "certificates: unknown key \"" + key + "\"", SuggestionHint(key, kEntryKeys));
      }
    }
    YAML::Node domain_node = MapValue(entry, "domain");
    std::string domain = Lower(Scalar(entry, "domain", ctx_));
    if (!domain.empty() && domain.back() == '.') domain.pop_back();
    if (domain.empty()) {
      return ctx_.Error(domain_node.IsDefined() ? domain_node : entry, "certificates: entry has no \"domain\"",
                        "e.g. - {domain: \"*." + zone_domain_ + "\"}");
    }
    if (std::string problem = DomainProblem(domain, true); !problem.empty()) {
      return ctx_.Error(domain_node, "certificates: domain \"" + domain + "\" " + problem);
    }
    if (!InZone(domain, zone_domain_)) {
      return ctx_.Error(domain_node, "certificates: domain \"" + domain + "\" is outside the dns zone " + zone_domain_,
                        "pave validates certificates through the dns: zone; use a name ending in ." + zone_domain_);
    }
    if (!domains_.insert(domain).second) {
      return ctx_.Error(domain_node, "certificates: domain \"" + domain + "\" is listed twice");
    }
    YAML::Node name_node = MapValue(entry, "name");
    std::string name = Scalar(entry, "name", ctx_);
    if (name.empty()) name = CertificateName(domain);
    if (!IsEntryName(name)) {
      return ctx_.Error(name_node.IsDefined() ? name_node : entry, "certificates: invalid name \"" + name + "\"",
                        "use letters, digits, '-' and '_', starting with a letter (at most 64)");
    }
    Add(name, domain, entry);
  }

 private:
  void Add(const std::string& name, const std::string& domain, const YAML::Node& entry) {
    const std::string cert = "aws_acm_certificate." + name;
    ctx_.Add("aws_acm_certificate", name, {{"domain_name", domain}, {"tags", ctx_.metadata().tags}}, entry);
    // "*.x" and "x" are validated by the same record: one resource publishes it, named after
    // "x" so that it stays put when either entry goes away.
    std::string base = domain.rfind("*.", 0) == 0 ? domain.substr(2) : domain;
    auto [it, first] = records_.emplace(base, "validation-" + CertificateName(base));
    if (first) {
      ctx_.Add("aws_route53_record", it->second,
               {{"zone_id", zone_id_},
                {"name", "${" + cert + ".validation_record_name}"},
                {"type", "${" + cert + ".validation_record_type}"},
                {"ttl", 300},
                {"records", Value::array({"${" + cert + ".validation_record_value}"})}},
               entry);
    }
    ctx_.Add("aws_acm_certificate_validation", name,
             {{"certificate_arn", "${" + cert + ".id}"},  // the ARN; known through a tag update
              {"validation_record_fqdns", Value::array({"${aws_route53_record." + it->second + ".fqdn}"})}},
             entry);
    const std::string arn = "${aws_acm_certificate_validation." + name + ".certificate_arn}";
    ctx_.Export("certificates." + name + ".arn", arn);
    ctx_.Output("certificates." + name + ".arn", arn, "the issued certificate for " + domain);
  }

  BlueprintContext& ctx_;
  std::string zone_id_;
  std::string zone_domain_;
  std::set<std::string> domains_;
  std::map<std::string, std::string> records_;  // validated base domain -> record name
};

}  // namespace

std::string CertificateName(const std::string& domain) {
  std::string d = Lower(domain);
  std::string out = d.rfind("*.", 0) == 0 ? "wildcard-" + d.substr(2) : d;
  std::replace(out.begin(), out.end(), '.', '-');
  return out;
}

void CertificatesBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    return ctx.Error(node, "certificates must be a list of {domain} entries", "e.g. - {domain: \"*.prod.example.org\"}");
  }
  if (node.size() == 0) return;
  const Value* zone_id = ctx.Import("dns.zone_id");
  const Value* domain = ctx.Import("dns.domain");
  if (!zone_id || !domain || !domain->is_string()) {
    return ctx.Error(node, "certificates: needs a dns: section, the zone that validates them",
                     "add dns: {domain: prod.example.org}");
  }
  Expander expand(ctx, zone_id->get<std::string>(), domain->get<std::string>());
  for (const YAML::Node& entry : node) expand.Entry(entry);
}

}  // namespace pave
