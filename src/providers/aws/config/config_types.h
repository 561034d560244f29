// AWS Config: aws_config_configuration_recorder, aws_config_configuration_recorder_status
// (recording on), aws_config_delivery_channel, aws_config_config_rule (AWS managed rules) and
// aws_config_configuration_aggregator, as specs.
#pragma once

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec ConfigRecorderSpec();
ResourceSpec ConfigRecorderStatusSpec();
ResourceSpec ConfigDeliveryChannelSpec();
ResourceSpec ConfigRuleSpec();
ResourceSpec ConfigAggregatorSpec();

void RegisterConfigTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
