// NetworkBlueprint: the `network:` section — a VPC over 1-8 zones with public, private and
// database subnets.
//
//   network:
//     cidr: 10.0.0.0/16   # /16 to /23; subnets are /prefix+5 (see network_layout.h)
//     zones: 3            # the region's first zones (<region>a, b, c), or a list of names
//     nat: single         # none | single (one NAT in the first zone) | per-zone
//     tiers: [public, private, database]
//     flowLogs: true      # default true: to CloudWatch Logs, kept 90 days
//     tags: {team: net}   # optional, with metadata.tags, on every resource
//
// Resources (z = a zone letter, f = the first zone's letter):
//   aws_vpc.main (DNS on, default security group stripped of its rules)
//   aws_subnet.<tier>_<z>
//   public:   aws_internet_gateway.main, aws_internet_gateway_attachment.main,
//             aws_route_table.public + aws_route.public_internet (0.0.0.0/0 -> gateway),
//             aws_route_table_association.public_<z>
//   private:  aws_route_table.private_<z> + aws_route_table_association.private_<z>; with NAT,
//             aws_route.private_<z>_internet (0.0.0.0/0 -> aws_nat_gateway.<z>, or .<f> for single)
//   NAT:      aws_eip.nat_<z> + aws_nat_gateway.<z> in public_<z> (single: only z = f)
//   database: aws_route_table.database + aws_route_table_association.database_<z> (no internet)
//   aws_vpc_endpoint.s3 (gateway) on the private and database route tables
//   flow logs: aws_cloudwatch_log_group.flow_logs, aws_iam_role.flow_logs,
//              aws_iam_role_policy.flow_logs, aws_flow_log.vpc
//   aws_security_group.baseline (no ingress; egress only inside the VPC) +
//   aws_security_group_rule.baseline_egress_vpc
// Private route tables are per zone even with a single NAT, so `nat: single` -> `per-zone`
// plans only the new EIPs and NAT gateways and in-place route changes.
//
// Exports: network.vpc_id, network.cidr, network.zones, network.<tier>_subnet_ids,
// network.<tier>_subnet_cidrs (in zone order), network.baseline_security_group_id.
#pragma once

#include "platform/blueprint.h"

namespace pave {

class NetworkBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "network"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

}  // namespace pave
