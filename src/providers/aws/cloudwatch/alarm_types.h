// CIS-style alarms: aws_cloudwatch_log_metric_filter (a metric from a log group's events) and
// aws_cloudwatch_metric_alarm, as specs.
#pragma once

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec MetricFilterSpec();
ResourceSpec MetricAlarmSpec();

void RegisterCloudWatchTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
