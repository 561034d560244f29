#include "providers/aws/common/poller.h"

#include <gtest/gtest.h>

#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using std::chrono::milliseconds;
using testing::FakeClockEnv;

TEST(PollerTest, DelaysGrowByHalfUpToTheCap) {
  PollOptions o;
  std::vector<int64_t> seen;
  milliseconds d = o.initial;
  for (int i = 0; i < 10; ++i) {
    seen.push_back(d.count());
    d = NextPollDelay(d, o);
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1000, 1500, 2250, 3375, 5062, 7593, 11389, 15000, 15000, 15000}));
}

TEST(PollerTest, ChecksAtOnceAndSleepsOnlyWhileNotDone) {
  FakeClockEnv env;
  Poller poller(&env, PollOptions{});
  int looks = 0;
  std::vector<std::string> notes;
  OperationContext ctx;
  ctx.progress = [&](const std::string& n) { notes.push_back(n); };
  Status s = poller.Until(ctx, "waiting for nat", [&](std::string* state) -> Result<bool> {
    *state = "pending";
    return ++looks == 4;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(looks, 4);
  EXPECT_EQ(env.total_slept(), milliseconds(1000 + 1500 + 2250));
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0], "waiting for nat: pending, 0s");
  EXPECT_EQ(notes[2], "waiting for nat: pending, 2s");
}

TEST(PollerTest, DoneAtFirstLookNeverSleeps) {
  FakeClockEnv env;
  Poller poller(&env, PollOptions{});
  ASSERT_TRUE(poller.Until(OperationContext{}, "w", [](std::string*) -> Result<bool> { return true; }).ok());
  EXPECT_TRUE(env.slept().empty());
}

TEST(PollerTest, TransientErrorsKeepPollingOthersStop) {
  FakeClockEnv env;
  Poller poller(&env, PollOptions{});
  int looks = 0;
  Status s = poller.Until(OperationContext{}, "w", [&](std::string*) -> Result<bool> {
    if (++looks < 3) return Status::Unavailable("throttled");
    return true;
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(looks, 3);
  s = poller.Until(OperationContext{}, "w", [](std::string*) -> Result<bool> {
    return Status::FailedPrecondition("nat gateway failed");
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
}

TEST(PollerTest, TimesOutWithTheLastState) {
  FakeClockEnv env;
  PollOptions o;
  o.timeout = std::chrono::seconds(60);
  Poller poller(&env, o);
  Status s = poller.Until(OperationContext{}, "waiting for endpoint", [](std::string* state) -> Result<bool> {
    *state = "pending";
    return false;
  });
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded);
  EXPECT_NE(s.message().find("still pending"), std::string::npos) << s.message();
  EXPECT_LE(env.total_slept(), std::chrono::seconds(60));
}

TEST(PollerTest, CancellationStopsTheWait) {
  FakeClockEnv env;
  Poller poller(&env, PollOptions{});
  OperationContext ctx;
  int looks = 0;
  ctx.cancelled = [&] { return looks >= 2; };
  Status s = poller.Until(ctx, "w", [&](std::string*) -> Result<bool> {
    ++looks;
    return false;
  });
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(looks, 2);
}

TEST(PollerTest, RetryWhileRetriesOnlyListedReasons) {
  FakeClockEnv env;
  Poller poller(&env, PollOptions{});
  int calls = 0;
  Status s = poller.RetryWhile(OperationContext{}, "deleting subnet", {"DependencyViolation"}, [&]() {
    return ++calls < 3 ? Status::FailedPrecondition("in use").WithReason("DependencyViolation") : Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 3);
  calls = 0;
  s = poller.RetryWhile(OperationContext{}, "deleting subnet", {"DependencyViolation"}, [&]() {
    ++calls;
    return Status::InvalidArgument("bad").WithReason("InvalidParameterValue");
  });
  EXPECT_EQ(s.reason(), "InvalidParameterValue");
  EXPECT_EQ(calls, 1);
}

TEST(PollerTest, RetryWhileTimeoutReturnsTheAwsError) {
  FakeClockEnv env;
  PollOptions o;
  o.timeout = std::chrono::seconds(30);
  Poller poller(&env, o);
  Status s = poller.RetryWhile(OperationContext{}, "deleting vpc", {"DependencyViolation"}, [&]() {
    return Status::FailedPrecondition("has dependencies").WithReason("DependencyViolation");
  });
  EXPECT_EQ(s.reason(), "DependencyViolation");
  EXPECT_NE(s.message().find("deleting vpc"), std::string::npos);
}

}  // namespace
}  // namespace pave::aws_provider
