// DnsBlueprint: the `dns:` section — the platform's public hosted zone, delegated from its
// parent zone when pave can reach it.
//
//   dns:
//     domain: prod.example.org
//     parentZone: example.org   # optional: delegate automatically when this account hosts
//                               # it; otherwise the NS records to add are an output
//
// Expands to aws_route53_zone.main (tagged with metadata.tags) and, with parentZone,
// aws_route53_delegation.main, which takes the zone's name servers. Exports dns.zone_id and
// dns.domain (for certificates:, the cluster's external-dns ...). Outputs dns.domain,
// dns.zone_id, dns.name_servers, dns.delegated and, with parentZone, dns.delegation_records.
#pragma once

#include <string>

#include "platform/blueprint.h"

namespace pave {

class DnsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "dns"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// Why `name` is not a DNS domain pave accepts ("" when it is): at least two labels of
// letters, digits and '-' (1..63 characters, not starting or ending with '-'), 253 at most;
// with `allow_wildcard` the first label may be "*".
std::string DomainProblem(const std::string& name, bool allow_wildcard);

// True when `name` is `zone` or lies inside it (case-insensitive).
bool InZone(const std::string& name, const std::string& zone);

}  // namespace pave
