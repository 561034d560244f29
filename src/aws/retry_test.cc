#include "aws/retry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace pave::aws {
namespace {

using std::chrono::milliseconds;

TEST(RetryClassificationTest, ThrottlingCodes) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException"}) {
    EXPECT_TRUE(IsThrottlingError(code)) << code;
    EXPECT_TRUE(IsRetryable({.http_status = 400, .error_code = code})) << code;
  }
  EXPECT_FALSE(IsThrottlingError("AccessDenied"));
  EXPECT_FALSE(IsThrottlingError("throttling"));  // codes are case-sensitive
}

TEST(RetryClassificationTest, TransientErrors) {
  struct Case {
    AttemptOutcome outcome;
    bool transient;
  } cases[] = {
      {{.transport_error = true}, true},
      {{.transport_error = true, .timeout = true}, true},
      {{.http_status = 500}, true},
      {{.http_status = 502}, true},
      {{.http_status = 503}, true},
      {{.http_status = 504}, true},
      {{.http_status = 501}, false},
      {{.http_status = 429}, false},
      {{.http_status = 400, .error_code = "RequestTimeout"}, true},
      {{.http_status = 400, .error_code = "RequestTimeoutException"}, true},
      {{.http_status = 400, .error_code = "PriorRequestNotComplete"}, true},
      {{.http_status = 400, .error_code = "InternalError"}, true},
      {{.http_status = 400, .error_code = "ValidationError"}, false},
      {{.http_status = 404, .error_code = "InvalidVpcID.NotFound"}, false},
      {{.http_status = 403, .error_code = "AccessDenied"}, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.outcome.http_status) + " " + c.outcome.error_code);
    EXPECT_EQ(IsTransientError(c.outcome), c.transient);
    EXPECT_EQ(IsRetryable(c.outcome), c.transient);
  }
}

RetryConfig Config(int max_attempts = 3) {
  return {.max_attempts = max_attempts, .base_delay = milliseconds(1000), .max_delay = milliseconds(20000)};
}

TEST(RetryStrategyTest, ExponentialBackoffWithFullJitterCapped) {
  RetryStrategy s(Config(10));
  AttemptOutcome throttled{.http_status = 400, .error_code = "Throttling"};
  // min(20 s, 1 s * 2^(attempt-1)) * random
  EXPECT_EQ(s.NextDelay(1, throttled, 0.5), milliseconds(500));
  EXPECT_EQ(s.NextDelay(2, throttled, 0.5), milliseconds(1000));
  EXPECT_EQ(s.NextDelay(3, throttled, 0.25), milliseconds(1000));
  EXPECT_EQ(s.NextDelay(5, throttled, 1.0), milliseconds(16000));
  EXPECT_EQ(s.NextDelay(6, throttled, 1.0), milliseconds(20000));
  EXPECT_EQ(s.NextDelay(9, throttled, 0.5), milliseconds(10000));
  EXPECT_EQ(s.NextDelay(2, throttled, 0.0), milliseconds(0));
}

TEST(RetryStrategyTest, StopsAtMaxAttemptsAndOnFinalErrors) {
  RetryStrategy s(Config(3));
  AttemptOutcome busy{.http_status = 503};
  EXPECT_TRUE(s.NextDelay(1, busy, 0.1).has_value());
  EXPECT_TRUE(s.NextDelay(2, busy, 0.1).has_value());
  EXPECT_FALSE(s.NextDelay(3, busy, 0.1).has_value());  // the third attempt was the last
  EXPECT_FALSE(s.NextDelay(1, {.http_status = 400, .error_code = "ValidationError"}, 0.1));
  RetryStrategy once(Config(1));
  EXPECT_FALSE(once.NextDelay(1, busy, 0.1).has_value());
}

TEST(RetryStrategyTest, AnAnswerThatIsNoAwsAnswerIsAskedThreeTimesAtMost) {
  RetryStrategy s(DefaultPaveRetry());  // 8 attempts for the service's own 5xx
  AttemptOutcome page{.http_status = 500, .error_code = "500", .foreign = true};
  EXPECT_TRUE(s.NextDelay(1, page, 0.1).has_value());
  EXPECT_TRUE(s.NextDelay(2, page, 0.1).has_value());
  EXPECT_FALSE(s.NextDelay(3, page, 0.1).has_value());
  AttemptOutcome failure{.http_status = 500, .error_code = "InternalFailure"};
  EXPECT_TRUE(s.NextDelay(3, failure, 0.1).has_value());
  RetryStrategy once(Config(1));
  EXPECT_FALSE(once.NextDelay(1, page, 0.1).has_value());  // a lower max_attempts still rules
}

TEST(RetryStrategyTest, PaveDefaultRetriesThrottlingForItsTimeBudgetWithoutQuota) {
  RetryConfig c = DefaultPaveRetry();
  EXPECT_EQ(c.max_attempts, 8);
  EXPECT_EQ(c.throttle_budget, std::chrono::minutes(5));
  RetryStrategy s(c);
  AttemptOutcome throttled{.http_status = 503, .error_code = "RequestLimitExceeded"};
  // Far past max_attempts, throttling is retried while the budget lasts, at no quota cost.
  EXPECT_TRUE(s.NextDelay(40, throttled, 0.5, milliseconds(299'000)).has_value());
  EXPECT_EQ(s.NextDelay(40, throttled, 1.0, milliseconds(1000)), milliseconds(20000));  // capped
  EXPECT_FALSE(s.NextDelay(2, throttled, 0.5, milliseconds(300'000)).has_value());
  EXPECT_EQ(s.quota(), 500);
  // Other transient errors keep the attempt limit and the quota.
  AttemptOutcome busy{.http_status = 500};
  EXPECT_TRUE(s.NextDelay(7, busy, 0.1).has_value());
  EXPECT_FALSE(s.NextDelay(8, busy, 0.1).has_value());
  EXPECT_EQ(s.quota(), 495);
  // Without a budget (the user set AWS_MAX_ATTEMPTS), throttling counts like any retry.
  RetryStrategy limited(Config(3));
  EXPECT_FALSE(limited.NextDelay(3, throttled, 0.5).has_value());
}

TEST(RetryClassificationTest, WhatMayHaveTakenEffectAndWhatMayBeResent) {
  EXPECT_TRUE(MayHaveTakenEffect({.transport_error = true}));  // reset after sending
  EXPECT_TRUE(MayHaveTakenEffect({.transport_error = true, .timeout = true}));
  EXPECT_FALSE(MayHaveTakenEffect({.transport_error = true, .not_sent = true}));  // refused
  EXPECT_TRUE(MayHaveTakenEffect({.http_status = 500, .error_code = "InternalError"}));
  EXPECT_FALSE(MayHaveTakenEffect({.http_status = 503, .error_code = "RequestLimitExceeded"}));
  EXPECT_FALSE(MayHaveTakenEffect({.http_status = 400, .error_code = "InvalidParameterValue"}));

  EXPECT_FALSE(ResendSafe("AllocateAddress"));
  EXPECT_FALSE(ResendSafe("CreateSubnet"));
  EXPECT_FALSE(ResendSafe("AssociateRouteTable"));
  EXPECT_FALSE(ResendSafe("CreateVpcEndpoint"));  // a ClientToken, which not every endpoint honours
  EXPECT_TRUE(ResendSafe("CreateTags"));
  EXPECT_TRUE(ResendSafe("DescribeVpcs"));
  EXPECT_TRUE(ResendSafe("DeleteSubnet"));
  EXPECT_TRUE(ResendSafe("ModifyVpcAttribute"));
}

TEST(RetryStrategyTest, QuotaCostsAndRefunds) {
  RetryStrategy s(Config(3));
  EXPECT_EQ(s.quota(), 500);
  ASSERT_TRUE(s.NextDelay(1, {.http_status = 500}, 0.1));
  EXPECT_EQ(s.quota(), 495);
  ASSERT_TRUE(s.NextDelay(1, {.transport_error = true, .timeout = true}, 0.1));
  EXPECT_EQ(s.quota(), 485);
  s.OnSuccess(/*was_retry=*/true, /*retry_followed_timeout=*/true);
  EXPECT_EQ(s.quota(), 495);
  s.OnSuccess(/*was_retry=*/true);
  EXPECT_EQ(s.quota(), 500);
  s.OnSuccess(/*was_retry=*/false);
  EXPECT_EQ(s.quota(), 500);  // never above the initial 500
}

TEST(RetryStrategyTest, EmptyQuotaStopsRetries) {
  RetryStrategy s(Config(3));
  int retries = 0;
  while (s.NextDelay(1, {.http_status = 503}, 0.0)) ++retries;
  EXPECT_EQ(retries, 100);  // 500 / 5
  EXPECT_EQ(s.quota(), 0);
  EXPECT_FALSE(s.NextDelay(1, {.http_status = 503}, 0.0));
  s.OnSuccess(false);
  s.OnSuccess(false);
  s.OnSuccess(false);
  s.OnSuccess(false);
  EXPECT_FALSE(s.NextDelay(1, {.http_status = 503}, 0.0));  // 4 < 5
  s.OnSuccess(false);
  EXPECT_TRUE(s.NextDelay(1, {.http_status = 503}, 0.0));
}

TEST(RetryStrategyTest, QuotaIsSharedSafelyAcrossThreads) {
  RetryStrategy s(Config(3));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        (void)s.NextDelay(1, {.http_status = 503}, 0.5);
        s.OnSuccess(true);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(s.quota(), 500);
}

}  // namespace
}  // namespace pave::aws
