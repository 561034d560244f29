// CertificatesBlueprint: the `certificates:` section — public ACM certificates for names in
// the `dns:` zone, validated through that zone.
//
//   certificates:
//     - {domain: "*.prod.example.org"}          # name: wildcard-prod-example-org
//     - {domain: api.prod.example.org, name: api}
//
// Per entry <name>: aws_acm_certificate.<name> (DNS validation), the validation CNAME as
// aws_route53_record.validation-<domain with '-' for '.'> in the dns zone (a wildcard and its
// bare domain share that one record), and aws_acm_certificate_validation.<name>,
// which waits until ACM has issued the certificate. Needs the dns: section (it imports
// dns.zone_id and dns.domain); a domain outside that zone is an error. Exports and outputs
// certificates.<name>.arn, which resolves once the certificate is issued.
#pragma once

#include <string>

#include "platform/blueprint.h"

namespace pave {

class CertificatesBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "certificates"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The default entry name for a domain: "*.prod.example.org" -> "wildcard-prod-example-org".
std::string CertificateName(const std::string& domain);

}  // namespace pave
