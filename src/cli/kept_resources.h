// What a run kept although it deleted the resource: a database's final snapshot, KMS keys and
// secrets scheduled for deletion (recoverable until a date). Providers say so in their
// progress notes ("key k-1 scheduled for deletion in 7 days", "database d: final snapshot
// d-final-1"); the progress view collects them and apply/destroy close with a short block:
//
//   Kept (recoverable):
//     aws_kms_key.main: key k-1 scheduled for deletion in 7 days (on 2026-12-11)
//     aws_db_instance.app: final snapshot app-final-20261204
//
// on stderr for people, and {"event": "kept", "kept": [...]} as a JSON line with --json.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cli/printer.h"
#include "core/value.h"
#include "engine/address.h"

namespace pave::cli {

struct KeptResource {
  ResourceAddress address;
  std::string note;   // the provider's note
  std::string until;  // "2026-12-11": the day a scheduled deletion happens; "" when none
};

// The kept resource a progress note tells of, or nullopt for any other note. `now` dates a
// deletion "in N days".
std::optional<KeptResource> KeptFromNote(const ResourceAddress& address, const std::string& note,
                                         std::chrono::system_clock::time_point now);

// The closing block (nothing when `kept` is empty).
void PrintKept(const std::vector<KeptResource>& kept, Printer& printer);
// [{"address", "note", "until"?}, ...]
Value KeptToJson(const std::vector<KeptResource>& kept);

}  // namespace pave::cli
