// Checks across resources of the `resources:` list that no single type can make: a subnet
// whose cidr_block lies outside the VPC it names (`vpc_id: ${aws_vpc.X.id}`), or overlaps
// another subnet of the same VPC. AWS refuses both at apply, after other resources exist.
// Only literal CIDRs are compared (a reference is known at apply).
#pragma once

#include "engine/config.h"
#include "platform/yaml_checks.h"

namespace pave {

void CheckSubnetRanges(const Config& config, FileErrors& errors);

// A resource that names a VPC, subnet or security group of another account (a cluster in
// `apps-prd` on the network in `shared`): pave makes one network per account and does not
// share subnets through AWS RAM yet, so AWS would refuse the ids at apply.
void CheckNetworkAccounts(const Config& config, FileErrors& errors);

}  // namespace pave
