// Batched reads: one Describe call per page for many resources, selected with Filters
// (e.g. subnet-id = [ids...]) rather than by an id list, because EC2 fails a whole call with
// *.NotFound when one listed id is gone, while a filter just leaves it out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/client.h"
#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"

namespace pave::aws_provider {

// EC2 accepts at most 200 values in one filter.
inline constexpr size_t kMaxFilterValues = 200;

struct DescribeQuery {
  std::string service = "ec2";
  std::string operation;                  // "DescribeSubnets"
  std::string filter_member = "Filters";  // "Filter" for DescribeNatGateways, DescribeFlowLogs
  std::string filter_name;                // "subnet-id"
  std::string result_key;                 // "Subnets"
  Value extra_filters = Value::array();   // added to every call: [{"Name":..,"Values":[..]}]
};

// Every item matching `values` (chunks of 200 values, all pages of each chunk). No values:
// no call, no items.
Result<std::vector<Value>> DescribeByFilter(aws::AwsClient* client, const DescribeQuery& query,
                                            const std::vector<std::string>& values);

// Distinct non-empty string values of prior[attribute] over the requests, first-seen order.
std::vector<std::string> PriorValues(const std::vector<ReadRequest>& requests,
                                     const std::string& attribute);

// Items by the string member `key` (e.g. "SubnetId").
std::map<std::string, Value> IndexBy(const std::vector<Value>& items, const std::string& key);

// True for errors that mean "it does not exist": InvalidVpcID.NotFound, NoSuchEntity,
// ResourceNotFoundException, InvalidAllocationID.NotFound...
bool IsNotFound(const Status& status);

}  // namespace pave::aws_provider
