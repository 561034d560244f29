// The EKS resource types: aws_eks_cluster, aws_eks_node_group, aws_eks_addon. EKS has no
// batch describe, so Read asks DescribeCluster / DescribeNodegroup / DescribeAddon once per
// resource (ListClusters and friends return names only).
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewEksClusterType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewEksNodeGroupType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewEksAddonType(AwsTypeDeps deps);

// Registers the EKS types and the IAM types they need (aws_iam_role_policy_attachment,
// aws_iam_openid_connect_provider).
void RegisterEksTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
