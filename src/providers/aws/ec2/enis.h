// Leftover network interfaces: what endpoints, Lambda or load balancers leave in a VPC and
// what makes DeleteSubnet / DeleteVpc fail with DependencyViolation.
#pragma once

#include <string>

#include "aws/client.h"
#include "core/status.h"

namespace pave::aws_provider {

// Deletes the network interfaces matching the EC2 filter `filter_name` = `value` ("vpc-id",
// "subnet-id"): detaches the attached ones (forced) first. Interfaces AWS manages for a
// resource pave still deletes (a NAT gateway being deleted) may refuse; that is not an error
// here: the caller retries its delete while DependencyViolation persists.
Status DeleteLeftoverEnis(aws::AwsClient* client, const std::string& filter_name,
                          const std::string& value);

}  // namespace pave::aws_provider
