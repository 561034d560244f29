// Before an EKS version upgrade is applied (a plan that raises aws_eks_cluster.*.version):
//  - every add-on of the cluster (in the state) must have a version for the target Kubernetes
//    version: eks DescribeAddonVersions(addonName, kubernetesVersion) lists at least one;
//  - every node group of the cluster that the plan does not move to the target must stay
//    within the supported skew: at most kMaxNodeSkew minor versions behind the control plane;
//  - and the order the apply follows is said: control plane, then add-ons and node groups in
//    the order their dependencies give.
// plan shows the problems as warnings and the order as a note; apply refuses the problems
// before it asks. A failed DescribeAddonVersions is a warning ("could not check"), not a refusal.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "engine/plan.h"
#include "engine/state.h"

namespace pave::cli {

// EKS supports nodes up to three minor versions older than the control plane (1.28 and later).
inline constexpr int kMaxNodeSkew = 3;

struct UpgradeReport {
  std::vector<std::string> problems;  // what AWS would refuse, or leave unsupported
  std::vector<std::string> warnings;  // what could not be checked
  std::vector<std::string> steps;     // one line per upgraded cluster: the order
};

UpgradeReport CheckEksUpgrades(const Plan& plan, const State& state, aws::AwsClient& aws);

}  // namespace pave::cli
