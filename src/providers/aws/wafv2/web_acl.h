// aws_wafv2_web_acl: a WAFv2 web ACL (AWS managed rule groups, rate rules...), and
// aws_wafv2_web_acl_association: one in front of a load balancer; both specs.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec WebAclSpec();
ResourceSpec WebAclAssociationSpec();  // association.cc
std::unique_ptr<ResourceType> NewWebAclType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
