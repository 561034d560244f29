// DatabasesBlueprint: the `databases:` section — RDS PostgreSQL in the network's database
// subnets, reachable only from the cluster, encrypted under the platform's KMS key.
//
//   databases:
//     postgres:
//       - {name: orders, version: "16", class: db.t4g.medium, storageGB: 20, multiAZ: true}
//       - {name: audit, version: "17", class: db.t4g.small, storageGB: 50, backupDays: 14,
//          deletionProtection: false}
//
// Needs a `network:` section. Expands to one aws_db_subnet_group.databases over the database
// subnets (the private ones when the network has no database tier), one
// aws_security_group.databases admitting TCP 5432 only from the cluster's security group
// (aws_security_group_rule.databases_from_cluster) or, without a cluster section, only from
// the private subnets' CIDRs (databases_from_private_<zone>), the platform data key (shared
// with secrets and buckets), and per entry aws_db_instance.<name> with identifier
// "<platform>-<name>", whose master password AWS generates and keeps in Secrets Manager under
// the same key. Outputs databases.<name>.endpoint / .port / .username / .password_secret (the
// secret's ARN, never the value), and exports the same plus databases.security_group_id.
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"

namespace pave {

class DatabasesBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "databases"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The PostgreSQL major versions `databases:` accepts.
const std::vector<std::string>& SupportedPostgresVersions();

}  // namespace pave
