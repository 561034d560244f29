// RunWaiter on the embedded NatGatewayAvailable / NatGatewayDeleted waiters, answered by a fake
// client with canned DescribeNatGateways outputs.
#include "providers/aws/spec/spec_wait.h"

#include <gtest/gtest.h>

#include <vector>

#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

// Answers DescribeNatGateways with `states` in turn (the last one again once used up); an
// empty state means "no such gateway".
struct CannedGateway {
  std::vector<std::string> states;
  size_t next = 0;
  Result<Value> Describe() {
    const std::string& s = states[std::min(next++, states.size() - 1)];
    if (s.empty()) return Status::NotFound("gone").WithReason("NatGatewayNotFound");
    return Value{{"NatGateways", {{{"NatGatewayId", "nat-1"}, {"State", s}}}}};
  }
};

class SpecWaitTest : public ::testing::Test {
 protected:
  SpecWaitTest()
      : client_(
            [this](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
              inputs_.push_back(in);
              if (op != "DescribeNatGateways") return Status::Internal("unexpected " + op);
              return gateway_.Describe();
            }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = nullptr} {}

  Status Wait(const std::string& waiter) {
    OperationContext ctx;
    ctx.address = {"aws_nat_gateway", "a"};
    return RunWaiter(deps_, ctx, "ec2", waiter, "NatGatewayIds", "nat-1");
  }

  CannedGateway gateway_;
  std::vector<Value> inputs_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(SpecWaitTest, PendingThenAvailableSucceedsWithTheIdAsAList) {
  gateway_.states = {"", "pending", "pending", "available"};  // not yet visible: retry
  EXPECT_TRUE(Wait("NatGatewayAvailable").ok());
  ASSERT_EQ(inputs_.size(), 4u);
  EXPECT_EQ(inputs_[0], Value::parse(R"({"NatGatewayIds": ["nat-1"]})"));
}

TEST_F(SpecWaitTest, FailedStateEndsTheWait) {
  gateway_.states = {"pending", "failed"};
  Status s = Wait("NatGatewayAvailable");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("NatGateways[].State == failed"), std::string::npos) << s.ToString();
  EXPECT_EQ(inputs_.size(), 2u);
}

TEST_F(SpecWaitTest, DeletedWaiterTakesNotFoundAsSuccess) {
  gateway_.states = {"deleting", ""};
  EXPECT_TRUE(Wait("NatGatewayDeleted").ok());
  EXPECT_EQ(inputs_.size(), 2u);
}

TEST_F(SpecWaitTest, BoundedByDelayTimesMaxAttempts) {
  gateway_.states = {"pending"};
  Status s = Wait("NatGatewayAvailable");
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded);
  // 15 s x 40 attempts = 600 s, under the poller's own 20 min; pave polls faster than 15 s.
  EXPECT_LE(env_.MonotonicNow().time_since_epoch(), std::chrono::seconds(600));
  EXPECT_GT(inputs_.size(), 40u);
}

TEST_F(SpecWaitTest, UnknownWaiterIsNotFound) {
  EXPECT_EQ(Wait("NatGatewayAvailabel").code(), StatusCode::kNotFound);
  EXPECT_TRUE(inputs_.empty());
}

}  // namespace
}  // namespace pave::aws_provider
