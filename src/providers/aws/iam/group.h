// aws_iam_group and aws_iam_group_policy (specs): the groups people are put in, with inline
// policies (allowing sts:AssumeRole on the roles of the organization's accounts).
#pragma once

#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec IamGroupSpec();
ResourceSpec IamGroupPolicySpec();

}  // namespace pave::aws_provider
