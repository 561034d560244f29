// What AWS (or a working cluster) refuses in the `cluster:` section, checked before any call:
// known add-on names and Kubernetes versions, node capacity types, instance type names and
// CIDRs. Pure functions over strings; the cluster blueprint reports what they find.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pave::cluster_checks {

// EKS add-ons pave knows by name (`aws eks describe-addon-versions`); others are refused
// with "did you mean".
const std::vector<std::string>& KnownAddons();
// Kubernetes versions EKS offers (standard and extended support), oldest first.
const std::vector<std::string>& KnownVersions();
// Capacity types of a managed node group, as AWS spells them.
const std::vector<std::string>& CapacityTypes();
// A capacity type in any case, with '-' for '_' ("spot", "on-demand"), as AWS spells it;
// nullopt when it is none of CapacityTypes().
std::optional<std::string> NormalizeCapacity(std::string_view text);
// "m6i.large", "t3.2xlarge", "c7gn.metal", "u-6tb1.metal", "m7i-flex.large": a family with
// a generation digit, a dot, and a size. "bogus.type" is not.
bool IsInstanceTypeName(std::string_view text);
// Why `text` is not an IPv4 CIDR such as 203.0.113.0/24, or "" when it is (host bits may be
// set, as EKS accepts them).
std::string PublicCidrError(std::string_view text);

}  // namespace pave::cluster_checks
