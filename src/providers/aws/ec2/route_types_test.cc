// aws_route and aws_route_table_association against scripted DescribeRouteTables answers.
#include <gtest/gtest.h>

#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

Value Tables() {
  return Value::array(
      {{{"RouteTableId", "rtb-pub"},
        {"Routes", {{{"DestinationCidrBlock", "10.0.0.0/16"}, {"GatewayId", "local"}},
                    {{"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", "igw-1"}}}},
        {"Associations", {{{"RouteTableAssociationId", "rtbassoc-1"}, {"SubnetId", "subnet-a"},
                           {"RouteTableId", "rtb-pub"}, {"Main", false}}}}},
       {{"RouteTableId", "rtb-priv"},
        {"Routes", {{{"DestinationCidrBlock", "0.0.0.0/0"}, {"NatGatewayId", "nat-1"}}}},
        {"Associations", Value::array()}}});
}

class RouteTypesTest : public ::testing::Test {
 protected:
  RouteTypesTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
          if (op == "DescribeRouteTables") return Value{{"RouteTables", Tables()}};
          if (op == "CreateRoute" && create_error_) {
            return Status::AlreadyExists("exists").WithReason("RouteAlreadyExists");
          }
          (void)in;
          return Value::object();
        }) {
    deps_ = AwsTypeDeps{.client = &client_, .env = &env_, .poll = PollOptions{},
                        .account = std::make_shared<AccountId>(&client_)};
  }

  bool create_error_ = false;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(RouteTypesTest, ReadFindsRoutesOfAllTablesInOneCall) {
  auto route = NewRouteType(deps_);
  auto got = route->Read({{{"aws_route", "pub"}, {{"id", "x"}, {"route_table_id", "rtb-pub"}, {"destination_cidr_block", "0.0.0.0/0"}}},
                          {{"aws_route", "priv"}, {{"id", "y"}, {"route_table_id", "rtb-priv"}, {"destination_cidr_block", "0.0.0.0/0"}}},
                          {{"aws_route", "gone"}, {{"id", "z"}, {"route_table_id", "rtb-priv"}, {"destination_cidr_block", "10.9.0.0/16"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("DescribeRouteTables"), 1u);
  EXPECT_EQ(client_.calls()[0].input["Filters"][0]["Values"].size(), 2u);  // distinct tables
  ASSERT_TRUE((*got)[0]);
  EXPECT_EQ((*(*got)[0])["gateway_id"], "igw-1");
  EXPECT_FALSE((*(*got)[0]).contains("nat_gateway_id"));
  EXPECT_EQ((*(*got)[0])["id"], "rtb-pub_0.0.0.0/0");
  ASSERT_TRUE((*got)[1]);
  EXPECT_EQ((*(*got)[1])["nat_gateway_id"], "nat-1");
  EXPECT_FALSE((*got)[2]);  // a deleted route is reported gone
}

TEST_F(RouteTypesTest, CreateTakesOverALeftoverRoute) {
  create_error_ = true;
  auto route = NewRouteType(deps_);
  OperationContext ctx;
  ctx.address = {"aws_route", "pub"};
  // The leftover route points at igw-1: taken over, and pointed at the wanted gateway.
  auto made = route->Create(ctx, {{"route_table_id", "rtb-pub"}, {"destination_cidr_block", "0.0.0.0/0"},
                                  {"gateway_id", "igw-2"}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  ASSERT_EQ(client_.Count("ReplaceRoute"), 1u);
  for (const auto& call : client_.calls()) {
    if (call.operation == "ReplaceRoute") {
      EXPECT_EQ(call.input["GatewayId"], "igw-2");
    }
  }
  // One that already points at it is taken over as it is: no call.
  auto same = route->Create(ctx, {{"route_table_id", "rtb-pub"}, {"destination_cidr_block", "0.0.0.0/0"},
                                  {"gateway_id", "igw-1"}});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(client_.Count("ReplaceRoute"), 1u);
}

TEST_F(RouteTypesTest, AssociationReadByAssociationIdFilter) {
  auto assoc = NewRouteTableAssociationType(deps_);
  auto got = assoc->Read({{{"aws_route_table_association", "a"}, {{"id", "rtbassoc-1"}}},
                          {{"aws_route_table_association", "b"}, {{"id", "rtbassoc-gone"}}}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(client_.calls()[0].input["Filters"][0]["Name"], "association.route-table-association-id");
  ASSERT_TRUE((*got)[0]);
  EXPECT_EQ((*(*got)[0])["subnet_id"], "subnet-a");
  EXPECT_EQ((*(*got)[0])["route_table_id"], "rtb-pub");
  EXPECT_FALSE((*got)[1]);
}

}  // namespace
}  // namespace pave::aws_provider
