// ClusterBlueprint: the `cluster:` section — an EKS cluster in the network's private subnets
// with what it needs around it.
//
//   cluster:
//     name: prod                    # optional; default metadata.name
//     version: "1.31"               # optional; a change is an in-place upgrade
//     subnetIds: [subnet-1, subnet-2]  # optional; default the network's private subnets
//     endpoint: private+public      # private (default) | public | private+public
//     publicAccessCidrs: [203.0.113.0/24]
//     logging: [api, audit, authenticator]
//     nodeGroups:
//       - {name: general, instanceTypes: [m6i.large], min: 2, max: 6, desired: 2, diskGB: 80}
//     addons: [vpc-cni, coredns, kube-proxy, aws-ebs-csi-driver]
//     serviceAccounts:
//       - {namespace: kube-system, name: external-dns, policies: [route53-change]}
//
// Expands to: aws_iam_role.eks_cluster and .eks_nodes with the AWS managed policies they need
// (aws_iam_role_policy_attachment.*), aws_kms_key.eks for secrets encryption (plus an inline
// policy letting the cluster role use it), aws_eks_cluster.main, aws_iam_openid_connect_provider.eks,
// aws_eks_node_group.<name>, aws_eks_addon.<name>, and per service account
// aws_iam_role.sa_<namespace>_<name> with a trust scoped to that account and one inline
// aws_iam_role_policy per named policy.
//
// Upgrade order comes from references: node groups and add-ons take their version from
// ${aws_eks_cluster.main.version}, and add-ons depend on the node groups, so a version change
// updates the control plane, then the node groups, then the add-ons — in place.
// Exports cluster.name, cluster.oidc_provider_arn, cluster.node_role_name and
// cluster.security_group_id (the cluster security group EKS makes, which the nodes use).
#pragma once

#include "platform/blueprint.h"

namespace pave {

class ClusterBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "cluster"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

}  // namespace pave
