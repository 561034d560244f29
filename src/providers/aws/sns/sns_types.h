// SNS: aws_sns_topic and aws_sns_topic_subscription, as specs.
#pragma once

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec SnsTopicSpec();
ResourceSpec SnsSubscriptionSpec();

void RegisterSnsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
