#include "providers/aws/common/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace pave::aws_provider {
namespace {

TEST(ParallelForTest, RunsEachIndexOnce) {
  std::vector<std::atomic<int>> runs(100);
  ParallelFor(runs.size(), 8, [&](size_t i) { runs[i]++; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
  ParallelFor(0, 8, [&](size_t) { FAIL(); });
}

TEST(ParallelForTest, OverlapsUpToItsWidth) {
  std::atomic<int> now{0}, most{0};
  ParallelFor(8, 4, [&](size_t) {
    int n = ++now;
    int seen = most.load();
    while (n > seen && !most.compare_exchange_weak(seen, n)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --now;
  });
  EXPECT_GT(most.load(), 1);
  EXPECT_LE(most.load(), 4);
}

}  // namespace
}  // namespace pave::aws_provider
