#include "aws/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/progress_note.h"
#include "testing/mem_env.h"

namespace pave::aws {
namespace {

using std::chrono::milliseconds;

// `calls` attempts, one every `gap`, the n-th answered throttled when throttled(n).
template <typename F>
milliseconds Drive(ClientRateLimiter& limiter, MemEnv& env, int calls, milliseconds gap, F throttled) {
  milliseconds waited{0};
  for (int n = 0; n < calls; ++n) {
    waited += limiter.Acquire();
    limiter.Update(throttled(n));
    env.AdvanceClock(gap);
  }
  return waited;
}

TEST(ClientRateLimiterTest, OffUntilTheFirstThrottle) {
  MemEnv env;
  ClientRateLimiter limiter(&env);
  EXPECT_EQ(Drive(limiter, env, 200, milliseconds(10), [](int) { return false; }), milliseconds(0));
  EXPECT_FALSE(limiter.enabled());
}

TEST(ClientRateLimiterTest, AThrottleCutsTheRateBelowWhatWasSentAndCallsWait) {
  MemEnv env;
  ClientRateLimiter limiter(&env);
  Drive(limiter, env, 100, milliseconds(10), [](int) { return false; });  // ~100 calls per second
  EXPECT_GT(limiter.measured_rate(), 50);
  limiter.Update(/*throttled=*/true);
  ASSERT_TRUE(limiter.enabled());
  EXPECT_LE(limiter.fill_rate(), limiter.measured_rate() * 0.7 + 1e-9);
  // Calling as fast as before now waits: 20 calls at the cut rate take about 20/rate seconds.
  milliseconds waited = Drive(limiter, env, 20, milliseconds(0), [](int) { return false; });
  EXPECT_GT(waited.count(), 20 * 1000 / (limiter.fill_rate() * 2));
}

TEST(ClientRateLimiterTest, TheRateGrowsBackWhileCallsSucceed) {
  MemEnv env;
  ClientRateLimiter limiter(&env);
  Drive(limiter, env, 100, milliseconds(10), [](int) { return false; });
  limiter.Update(/*throttled=*/true);
  double cut = limiter.fill_rate();
  Drive(limiter, env, 300, milliseconds(20), [](int) { return false; });
  EXPECT_GT(limiter.fill_rate(), cut);
}

TEST(ClientRateLimiterTest, RepeatedThrottlesKeepCuttingButNeverToZero) {
  MemEnv env;
  ClientRateLimiter limiter(&env);
  Drive(limiter, env, 50, milliseconds(10), [](int) { return true; });
  EXPECT_GE(limiter.fill_rate(), 0.5);
  EXPECT_LT(limiter.fill_rate(), 5);
}

TEST(ClientRateLimiterTest, SharedByThreads) {
  MemEnv env;
  ClientRateLimiter limiter(&env);
  limiter.Update(true);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&limiter, t] {
      for (int n = 0; n < 25; ++n) {
        limiter.Acquire();
        limiter.Update(n % 10 == t);
      }
    });
  }
  for (std::thread& w : workers) w.join();
  EXPECT_TRUE(limiter.enabled());
  EXPECT_GE(limiter.fill_rate(), 0.5);
}

TEST(ProgressNoteTest, GoesToTheThreadsInnermostSink) {
  std::vector<std::string> outer, inner;
  ProgressSink to_outer = [&](const std::string& n) { outer.push_back(n); };
  ProgressSink to_inner = [&](const std::string& n) { inner.push_back(n); };
  ProgressNote("nobody listens");
  {
    ScopedProgressNote a(&to_outer);
    ProgressNote("one");
    {
      ScopedProgressNote b(&to_inner);
      ProgressNote("two");
      std::thread([] { ProgressNote("another thread"); }).join();
    }
    ProgressNote("three");
  }
  EXPECT_EQ(outer, (std::vector<std::string>{"one", "three"}));
  EXPECT_EQ(inner, std::vector<std::string>{"two"});
}

}  // namespace
}  // namespace pave::aws
