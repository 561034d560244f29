#include "providers/aws/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace pave::aws_provider {

void ParallelFor(size_t n, size_t width, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  size_t threads = std::min(n, std::max<size_t>(width, 1));
  std::vector<std::thread> pool;
  pool.reserve(threads > 0 ? threads - 1 : 0);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace pave::aws_provider
