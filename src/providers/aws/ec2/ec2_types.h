// The EC2 (VPC) resource types. Each factory returns one ResourceType; register.cc adds them
// to the registry. See docs/network.md for their attributes.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewVpcType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewSubnetType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewInternetGatewayType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewInternetGatewayAttachmentType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewEipType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewNatGatewayType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewRouteTableType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewRouteType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewRouteTableAssociationType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewSecurityGroupType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewSecurityGroupRuleType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewFlowLogType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewVpcEndpointType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
