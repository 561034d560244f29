// Timestamps that people read in state files, the journal and the lock: RFC 3339 in UTC
// with second precision, "2026-11-23T15:40:02Z".
#pragma once

#include <chrono>
#include <string>

namespace pave {

std::string FormatRfc3339(std::chrono::system_clock::time_point t);

}  // namespace pave
