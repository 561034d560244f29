#include "providers/builtin/time_sleep.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/mem_env.h"

namespace pave {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, GoStyleDurations) {
  EXPECT_EQ(*ParseDuration("3s"), milliseconds(3000));
  EXPECT_EQ(*ParseDuration("1m30s"), milliseconds(90'000));
  EXPECT_EQ(*ParseDuration("250ms"), milliseconds(250));
  EXPECT_EQ(*ParseDuration("1.5s"), milliseconds(1500));
  EXPECT_EQ(*ParseDuration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(*ParseDuration("0s"), milliseconds(0));
  EXPECT_EQ(*ParseDuration("0"), milliseconds(0));
  for (const char* bad : {"", "3", "s", "3x", "1m30", "-1s", "1..5s", "25h"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
}

struct Recorder {
  std::vector<std::string> notes;
  OperationContext Ctx(std::function<bool()> cancelled = nullptr) {
    OperationContext ctx;
    ctx.address = ResourceAddress{"time_sleep", "wait"};
    ctx.progress = [this](const std::string& n) { notes.push_back(n); };
    ctx.cancelled = std::move(cancelled);
    return ctx;
  }
};

TEST(TimeSleep, CreateWaitsTheDurationOnTheEnvClockWithProgress) {
  MemEnv env;
  auto type = NewTimeSleepType(&env);
  Recorder rec;
  auto start = env.MonotonicNow();
  auto out = type->Create(rec.Ctx(), Value{{"create_duration", "3s"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(env.MonotonicNow() - start, milliseconds(3000));
  EXPECT_EQ(rec.notes, (std::vector<std::string>{"sleeping, 3s left of 3s",
                                                 "sleeping, 2s left of 3s",
                                                 "sleeping, 1s left of 3s"}));
  EXPECT_EQ((*out)["create_duration"], "3s");
  EXPECT_EQ((*out)["id"], "2026-11-23T15:00:03Z");
}

TEST(TimeSleep, CancellationStopsTheWait) {
  MemEnv env;
  auto type = NewTimeSleepType(&env);
  Recorder rec;
  auto start = env.MonotonicNow();
  auto out = type->Create(rec.Ctx([&] { return env.MonotonicNow() - start >= milliseconds(1000); }),
                          Value{{"create_duration", "1h"}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(out.status().message(), "create wait cancelled after 1s of 3600s");
  EXPECT_LT(env.MonotonicNow() - start, milliseconds(2000));
}

TEST(TimeSleep, DeleteWaitsDestroyDurationAndUpdateDoesNotWait) {
  MemEnv env;
  auto type = NewTimeSleepType(&env);
  Recorder rec;
  auto created = type->Create(rec.Ctx(), Value{{"destroy_duration", "2s"}});
  ASSERT_TRUE(created.ok());
  auto before = env.MonotonicNow();
  auto updated = type->Update(rec.Ctx(), *created,
                              Value{{"create_duration", "10s"}, {"destroy_duration", "1s"}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(env.MonotonicNow(), before);
  EXPECT_EQ((*updated)["create_duration"], "10s");
  EXPECT_EQ((*updated)["id"], (*created)["id"]);
  ASSERT_TRUE(type->Delete(rec.Ctx(), *updated).ok());
  EXPECT_EQ(env.MonotonicNow() - before, milliseconds(1000));
}

TEST(TimeSleep, BadDurationsAreInvalidArgumentsNamingTheAttribute) {
  MemEnv env;
  auto type = NewTimeSleepType(&env);
  Recorder rec;
  auto out = type->Create(rec.Ctx(), Value{{"create_duration", "soon"}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.status().message().rfind("create_duration: ", 0), 0u) << out.status().message();
  EXPECT_FALSE(type->Update(rec.Ctx(), Value{{"id", "x"}}, Value{{"destroy_duration", 5}}).ok());
}

TEST(TimeSleep, ConcurrentSleepsOnTheRealClockOverlap) {
  // Two 300ms sleeps in parallel threads on the real clock both finish, and each reports its
  // own progress: the type holds no shared mutable state (run under TSan).
  auto type = NewTimeSleepType(DefaultEnv());
  std::atomic<int> done{0};
  auto run = [&] {
    Recorder rec;
    auto out = type->Create(rec.Ctx(), Value{{"create_duration", "300ms"}});
    if (out.ok() && !rec.notes.empty()) done++;
  };
  std::thread a(run), b(run);
  a.join();
  b.join();
  EXPECT_EQ(done.load(), 2);
}

}  // namespace
}  // namespace pave
