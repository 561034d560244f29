// aws_guardduty_detector: the GuardDuty detector of the account in the region, as a spec.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec GuardDutyDetectorSpec();
ResourceSpec GuardDutyOrganizationConfigurationSpec();  // organization.cc
std::unique_ptr<ResourceType> NewGuardDutyDetectorType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
