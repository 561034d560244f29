// Journal: the append-only write-ahead log of one run (`.pave/journal`). The executor notes
// every provider call before it is made (begin) and its outcome after (finish or fail); each
// record is synced before Append returns. Load replays it over the last saved state.
//
// File format (byte by byte in docs/state-format.md): one record per line,
//   <length: 8 lower-case hex digits> ' ' <checksum: 8 lower-case hex digits> ' ' <body> '\n'
// where length is the byte count of body, checksum the first 4 bytes of SHA-256(body) in
// hex, and body one line of JSON (no raw newline can occur in it). The first record is the
// header {"journal":"pave","format_version":1,"lineage":...,"serial":N}: the journal holds
// the changes made on top of saved version N of that lineage. Every later record is
//   {"op":"begin|finish|fail","address":"type.name","operation":"create|update|delete",
//    "token":"...","resource":{...}|null,"error":"...","time":"RFC 3339","run":"..."}
// or, when a replace done create-first deposes the old instance (and when a failed create
// puts it back),
//   {"op":"move","address":"type.name","to":"type.name~deposed-<hex>","time":"...","run":"..."}
//
// Damage: only the last record can be cut short by a crash (each is synced before the next
// is written), so a torn or checksum-bad last record is dropped: a torn begin means the call
// was never made, a torn finish leaves its begin pending. Damage anywhere before the last
// record cannot come from a crash and is DataLoss, naming the byte offset.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"
#include "core/status.h"
#include "engine/recorder.h"
#include "engine/state.h"

namespace pave {

inline constexpr int kJournalFormatVersion = 1;

enum class JournalOp { kBegin, kFinish, kFail, kMove };

const char* JournalOpName(JournalOp op);  // "begin", "finish", "fail", "move"

struct JournalRecord {
  JournalOp op = JournalOp::kBegin;
  PendingOperation operation;
  // finish: the resource's new state, or nullopt when it no longer exists. Unused otherwise.
  std::optional<ResourceState> resource;
  std::string error;  // fail: why
  ResourceAddress to;  // move: where the resource at operation.address now is
  std::string time;   // RFC 3339, UTC
  std::string run;    // id of the run that wrote it
};

struct JournalHeader {
  std::string lineage;
  int64_t serial = 0;  // the saved version this journal applies over
};

struct JournalContents {
  std::optional<JournalHeader> header;  // nullopt when the file holds no intact record
  std::vector<JournalRecord> records;   // after the header, in file order
  uint64_t valid_size = 0;              // bytes of intact records; a dropped tail follows
  std::optional<uint64_t> dropped_at;   // offset of a dropped torn last record
};

// One framed line: "<len> <checksum> <body>\n".
std::string FrameJournalBody(std::string_view body);
std::string EncodeJournalHeader(const JournalHeader& header);
// The framed line for `record`; InvalidArgument when attributes hold invalid UTF-8.
Result<std::string> EncodeJournalRecord(const JournalRecord& record);

// Parses a whole journal file; `path` names it in errors.
Result<JournalContents> ParseJournal(std::string_view data, const std::string& path);

// What identifies one operation across its begin and finish/fail records.
std::string OperationKey(const PendingOperation& op);

// Replays `records` over `state`: each finish puts its resource or removes the address, each
// move carries the resource to its new address (only when `apply_finishes`). Returns the begins that have no later finish or fail, in
// journal order: operations whose outcome is unknown.
std::vector<JournalRecord> ReplayJournal(const std::vector<JournalRecord>& records,
                                         bool apply_finishes, State* state);

// Atomically replaces `path` with a journal holding `header` and `records`.
Status WriteJournal(Env* env, const std::string& path, const JournalHeader& header,
                    const std::vector<JournalRecord>& records);

// Appends to an existing journal (written by WriteJournal, with any torn tail cut off).
// Not thread-safe: the store serializes calls (and batches records: group commit).
class JournalWriter {
 public:
  static Result<std::unique_ptr<JournalWriter>> Open(Env* env, const std::string& path);
  // Appends one record and syncs it: durable when this returns OK.
  Status Append(const JournalRecord& record);
  // Appends framed records (EncodeJournalRecord lines, one or many) with one sync (none when
  // `sync` is false: records of state-only types, ResourceSchema::state_only).
  Status AppendEncoded(std::string_view lines, bool sync = true);
  Status Close();

 private:
  JournalWriter(std::string path, std::unique_ptr<AppendFile> file)
      : path_(std::move(path)), file_(std::move(file)) {}
  std::string path_;
  std::unique_ptr<AppendFile> file_;
};

}  // namespace pave
