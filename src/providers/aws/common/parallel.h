// ParallelFor: independent AWS reads at once. Used where an API has no call that describes
// many resources (KMS keys, S3 bucket settings): the calls of one refresh then cost a round
// trip or two of wall time instead of one per call.
#pragma once

#include <cstddef>
#include <functional>

namespace pave::aws_provider {

// Runs fn(i) for every i in [0, n) on up to `width` threads, this one included, and returns
// when all have finished. fn must be safe to run concurrently for different i.
void ParallelFor(size_t n, size_t width, const std::function<void(size_t)>& fn);

// At most this many calls of one resource type in flight during a refresh.
inline constexpr size_t kReadParallelism = 16;

}  // namespace pave::aws_provider
