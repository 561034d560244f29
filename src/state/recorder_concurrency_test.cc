// The executor calls the recorder from many worker threads at once. Run under TSan.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "state/local_store.h"
#include "state/store_test_util.h"

namespace pave {
namespace {

using state_test::Op;
using state_test::OpenStore;
using state_test::Resource;
using state_test::RestartProcess;

TEST(RecorderConcurrencyTest, ManyThreadsJournalEveryResult) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  MemEnv env;
  auto store = OpenStore(&env);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  ASSERT_TRUE(store->Load().ok());
  ChangeRecorder* recorder = store->recorder();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([recorder, t, &failures] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string address = "aws_subnet.t" + std::to_string(t) + "-" + std::to_string(i);
        ResourceState r = Resource(address, "subnet-" + std::to_string(i));
        if (!recorder->Begin(Op(address)).ok()) ++failures;
        if (i % 5 == 4) {  // every fifth stays in flight: the crash below leaves it pending
          continue;
        }
        if (!recorder->Finish(Op(address), &r).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);

  env.SimulateCrash();
  RestartProcess(&env);
  Result<LoadedState> loaded = OpenStore(&env)->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->state.size(), static_cast<size_t>(kThreads * kPerThread * 4 / 5));
  EXPECT_EQ(loaded->pending.size(), static_cast<size_t>(kThreads * kPerThread / 5));
}

TEST(RecorderConcurrencyTest, SaveWhileOthersRecordKeepsTheirBegins) {
  MemEnv env;
  auto store = OpenStore(&env);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  ChangeRecorder* recorder = store->recorder();
  std::atomic<bool> stop{false};
  std::atomic<int> begun{0};
  std::thread worker([&] {
    for (int i = 0; !stop.load() || i < 10; ++i) {  // only begins: all stay in flight
      if (recorder->Begin(Op("aws_eip.e" + std::to_string(i))).ok()) ++begun;
    }
  });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store->Save(loaded->state, {"apply", ""}).ok()) << i;
  stop = true;
  worker.join();
  env.SimulateCrash();
  RestartProcess(&env);
  Result<LoadedState> after = OpenStore(&env)->Load();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->pending.size(), static_cast<size_t>(begun.load()));
  EXPECT_EQ(after->state.serial, 5);
}

}  // namespace
}  // namespace pave
