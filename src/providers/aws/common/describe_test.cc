#include "providers/aws/common/describe.h"

#include <gtest/gtest.h>

#include "providers/aws/common/attrs.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;

TEST(DescribeTest, ChunksFilterValuesAndNeverListsIds) {
  FakeAwsClient client([](const std::string&, const std::string&, const Value& input) -> Result<Value> {
    Value items = Value::array();
    for (const Value& v : input["Filters"][0]["Values"]) items.push_back({{"SubnetId", v}});
    return Value{{"Subnets", items}};
  });
  std::vector<std::string> ids;
  for (int i = 0; i < 450; ++i) ids.push_back("subnet-" + std::to_string(i));
  DescribeQuery q{.operation = "DescribeSubnets", .filter_name = "subnet-id", .result_key = "Subnets"};
  auto items = DescribeByFilter(&client, q, ids);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  EXPECT_EQ(items->size(), 450u);
  auto calls = client.calls();
  ASSERT_EQ(calls.size(), 3u);  // 200 + 200 + 50
  EXPECT_EQ(calls[0].input["Filters"][0]["Values"].size(), 200u);
  EXPECT_EQ(calls[2].input["Filters"][0]["Values"].size(), 50u);
  for (const auto& c : calls) {
    EXPECT_FALSE(c.input.contains("SubnetIds"));
    EXPECT_EQ(c.input["Filters"][0]["Name"], "subnet-id");
  }
}

TEST(DescribeTest, NoValuesNoCall) {
  FakeAwsClient client([](const std::string&, const std::string&, const Value&) -> Result<Value> {
    return Status::Internal("must not be called");
  });
  DescribeQuery q{.operation = "DescribeVpcs", .filter_name = "vpc-id", .result_key = "Vpcs"};
  auto items = DescribeByFilter(&client, q, {});
  ASSERT_TRUE(items.ok());
  EXPECT_TRUE(items->empty());
  EXPECT_TRUE(client.calls().empty());
}

TEST(DescribeTest, ExtraFiltersAndSingularFilterMember) {
  FakeAwsClient client([](const std::string&, const std::string&, const Value&) -> Result<Value> {
    return Value{{"NatGateways", Value::array()}};
  });
  DescribeQuery q{.operation = "DescribeNatGateways", .filter_member = "Filter",
                  .filter_name = "subnet-id", .result_key = "NatGateways",
                  .extra_filters = Value::array({{{"Name", "state"}, {"Values", {"available"}}}})};
  ASSERT_TRUE(DescribeByFilter(&client, q, {"subnet-1"}).ok());
  Value input = client.calls().at(0).input;
  ASSERT_TRUE(input.contains("Filter"));
  EXPECT_EQ(input["Filter"].size(), 2u);
  EXPECT_EQ(input["Filter"][1]["Name"], "state");
}

TEST(DescribeTest, ErrorsPassThrough) {
  FakeAwsClient client([](const std::string&, const std::string&, const Value&) -> Result<Value> {
    return Status::Unavailable("throttled").WithReason("RequestLimitExceeded");
  });
  DescribeQuery q{.operation = "DescribeVpcs", .filter_name = "vpc-id", .result_key = "Vpcs"};
  auto items = DescribeByFilter(&client, q, {"vpc-1"});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().reason(), "RequestLimitExceeded");
}

TEST(DescribeTest, PriorValuesAreDistinctAndSkipEmpty) {
  std::vector<ReadRequest> r = {{{"a", "1"}, {{"id", "x"}}}, {{"a", "2"}, {{"id", "y"}}},
                                {{"a", "3"}, {{"id", "x"}}}, {{"a", "4"}, {{"id", ""}}}};
  EXPECT_EQ(PriorValues(r, "id"), (std::vector<std::string>{"x", "y"}));
}

TEST(DescribeTest, NotFoundReasons) {
  EXPECT_TRUE(IsNotFound(Status::InvalidArgument("x").WithReason("InvalidVpcID.NotFound")));
  EXPECT_TRUE(IsNotFound(Status::InvalidArgument("x").WithReason("NoSuchEntity")));
  EXPECT_TRUE(IsNotFound(Status::InvalidArgument("x").WithReason("ResourceNotFoundException")));
  EXPECT_FALSE(IsNotFound(Status::InvalidArgument("x").WithReason("DependencyViolation")));
  EXPECT_FALSE(IsNotFound(Status::Ok()));
}

TEST(AttrsTest, StableListKeepsPriorOrderOnlyForSameSet) {
  Value prior = Value::array({"rtb-2", "rtb-1"});
  EXPECT_EQ(StableList(Value::array({"rtb-1", "rtb-2"}), prior), prior);
  EXPECT_EQ(StableList(Value::array({"rtb-3", "rtb-1"}), prior), Value::array({"rtb-1", "rtb-3"}));
}

}  // namespace
}  // namespace pave::aws_provider
