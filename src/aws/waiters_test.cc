#include "aws/waiters.h"

#include <gtest/gtest.h>

#include "aws/model_registry.h"

namespace pave::aws {
namespace {

Waiter Real(const std::string& service, const std::string& name) {
  auto model = ModelRegistry::Embedded().Get(service);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  auto w = FindWaiter(**model, name);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : Waiter{};
}

Result<Value> Gateways(std::initializer_list<const char*> states) {
  Value out = {{"NatGateways", Value::array()}};
  for (const char* s : states)
    out["NatGateways"].push_back({{"NatGatewayId", "nat-1"}, {"State", s}});
  return out;
}

TEST(WaitersTest, NatGatewayAvailableOnTheEmbeddedDefinition) {
  Waiter w = Real("ec2", "NatGatewayAvailable");
  EXPECT_EQ(w.operation, "DescribeNatGateways");
  EXPECT_EQ(w.delay_seconds, 15);
  EXPECT_EQ(w.max_attempts, 40);
  EXPECT_EQ(EvaluateWaiter(w, Gateways({"available"})), WaiterState::kSuccess);
  std::string matched;
  EXPECT_EQ(EvaluateWaiter(w, Gateways({"failed"}), &matched), WaiterState::kFailure);
  EXPECT_EQ(matched, "NatGateways[].State == failed");
  EXPECT_EQ(EvaluateWaiter(w, Gateways({"deleted"})), WaiterState::kFailure);
  EXPECT_EQ(EvaluateWaiter(w, Gateways({"pending"})), std::nullopt);
  EXPECT_EQ(EvaluateWaiter(w, Gateways({})), std::nullopt);  // pathAll needs an item
  Result<Value> gone = Status::NotFound("no such gateway").WithReason("NatGatewayNotFound");
  EXPECT_EQ(EvaluateWaiter(w, gone), WaiterState::kRetry);
  Result<Value> other = Status::PermissionDenied("no").WithReason("UnauthorizedOperation");
  EXPECT_EQ(EvaluateWaiter(w, other), std::nullopt);
}

TEST(WaitersTest, VpcAvailableNeedsEveryVpcAvailable) {
  Waiter w = Real("ec2", "VpcAvailable");
  EXPECT_EQ(w.operation, "DescribeVpcs");
  Value both = Value::parse(R"({"Vpcs": [{"State": "available"}, {"State": "pending"}]})");
  EXPECT_EQ(EvaluateWaiter(w, both), std::nullopt);
  both["Vpcs"][1]["State"] = "available";
  EXPECT_EQ(EvaluateWaiter(w, both), WaiterState::kSuccess);
}

TEST(WaitersTest, LengthAndNestedProjections) {
  Waiter exists = Real("ec2", "InternetGatewayExists");
  EXPECT_EQ(EvaluateWaiter(exists, Value::parse(R"({"InternetGateways": []})")), std::nullopt);
  EXPECT_EQ(EvaluateWaiter(
                exists, Value::parse(R"({"InternetGateways": [{"InternetGatewayId": "igw-1"}]})")),
            WaiterState::kSuccess);
  Value r = Value::parse(R"({"Reservations": [{"Instances": [{"State": {"Name": "running"}}]},
                                              {"Instances": [{"State": {"Name": "stopped"}}]}]})");
  EXPECT_EQ(*SearchPath("Reservations[].Instances[].State.Name", r),
            Value::parse(R"(["running","stopped"])"));
  EXPECT_EQ(*SearchPath("length(Reservations[]) > `0`", r), Value(true));
  EXPECT_EQ(SearchPath("Reservations[?State]", r).status().code(), StatusCode::kUnimplemented);
}

TEST(WaitersTest, UnknownWaiterIsNotFound) {
  auto model = ModelRegistry::Embedded().Get("ec2");
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(FindWaiter(**model, "NatGatewayAvailabel").status().code(), StatusCode::kNotFound);
  auto iam = ModelRegistry::Embedded().Get("iam");
  ASSERT_TRUE(iam.ok());
  EXPECT_TRUE(FindWaiter(**iam, "RoleExists").ok());
}

// Every embedded EC2 waiter is within the supported subset.
TEST(WaitersTest, EveryEc2WaiterParses) {
  auto model = ModelRegistry::Embedded().Get("ec2");
  ASSERT_TRUE(model.ok());
  for (const char* name :
       {"SubnetAvailable", "VpcExists", "SecurityGroupExists", "NatGatewayDeleted",
        "InstanceRunning", "VolumeInUse", "PasswordDataAvailable"}) {
    EXPECT_TRUE(FindWaiter(**model, name).ok()) << name;
  }
}

}  // namespace
}  // namespace pave::aws
