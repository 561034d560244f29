// time_sleep: waits on create (and optionally on destroy), reporting progress once a second
// and stopping early when the run is cancelled. Useful to wait for eventual consistency
// outside pave's own retries, and to watch parallelism and live progress in a demo.
//   create_duration (string)   e.g. "30s", "1m30s", "500ms", "1.5h" (at most 24h)
//   destroy_duration (string)  waited before the resource is forgotten
//   triggers (map)             any values; changing one replaces the resource (waits again)
// The id is the time the wait ended (RFC 3339, UTC). Changing a duration updates in place
// without waiting.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

std::unique_ptr<ResourceType> NewTimeSleepType(Env* env);

// "1h2m3s", "1.5s", "250ms", "0s" -> milliseconds; InvalidArgument otherwise.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace pave
