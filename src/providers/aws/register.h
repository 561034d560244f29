// Registers every AWS resource type (aws_vpc, aws_subnet, ... aws_iam_role_policy) with the
// registry. `client` and `env` must outlive the registry.
#pragma once

#include "aws/client.h"
#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

void RegisterAwsTypes(ProviderRegistry* registry, aws::AwsClient* client, Env* env);

}  // namespace pave
