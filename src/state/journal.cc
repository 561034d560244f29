#include "state/journal.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/hash.h"
#include "state/state_codec.h"

namespace pave {
namespace {

constexpr size_t kHexLen = 8;
constexpr size_t kFrameHeaderLen = kHexLen + 1 + kHexLen + 1;  // "<len> <checksum> "

const std::set<std::string> kRecordKeys = {"account", "address", "error", "op",   "operation",
                                           "request", "resource", "run",  "time", "token"};
const std::set<std::string> kMoveKeys = {"address", "op", "run", "time", "to"};

// Local names rather than OperationName(): these spellings are part of the file format.
const char* OperationText(Operation op) {
  switch (op) {
    case Operation::kCreate:
      return "create";
    case Operation::kUpdate:
      return "update";
    case Operation::kDelete:
      return "delete";
  }
  return "?";
}

std::optional<Operation> ParseOperation(const std::string& s) {
  if (s == "create") return Operation::kCreate;
  if (s == "update") return Operation::kUpdate;
  if (s == "delete") return Operation::kDelete;
  return std::nullopt;
}

std::optional<JournalOp> ParseJournalOp(const std::string& s) {
  if (s == "begin") return JournalOp::kBegin;
  if (s == "finish") return JournalOp::kFinish;
  if (s == "fail") return JournalOp::kFail;
  if (s == "move") return JournalOp::kMove;
  return std::nullopt;
}

std::string BodyChecksum(std::string_view body) { return Sha256Hex(body).substr(0, kHexLen); }

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The body of one line (without its '\n'), or why the frame is bad.
Result<std::string_view> UnframeLine(std::string_view line) {
  if (line.size() < kFrameHeaderLen || line[kHexLen] != ' ' || line[kFrameHeaderLen - 1] != ' ') {
    return Status::DataLoss("malformed record header");
  }
  std::string_view len_hex = line.substr(0, kHexLen);
  std::string_view sum_hex = line.substr(kHexLen + 1, kHexLen);
  if (!IsLowerHex(len_hex) || !IsLowerHex(sum_hex))
    return Status::DataLoss("malformed record header");
  std::string_view body = line.substr(kFrameHeaderLen);
  if (std::stoull(std::string(len_hex), nullptr, 16) != body.size()) {
    return Status::DataLoss("record length does not match");
  }
  if (BodyChecksum(body) != sum_hex) return Status::DataLoss("checksum mismatch");
  return body;
}

// True when `piece` begins with a complete, checksum-valid record and has more bytes after
// it. A crash leaves a prefix of one record, which never contains a whole one.
bool StartsWithWholeRecord(std::string_view piece) {
  if (piece.size() < kFrameHeaderLen || !IsLowerHex(piece.substr(0, kHexLen))) return false;
  size_t len = std::stoull(std::string(piece.substr(0, kHexLen)), nullptr, 16);
  if (piece.size() <= kFrameHeaderLen + len) return false;
  return UnframeLine(piece.substr(0, kFrameHeaderLen + len)).ok();
}

Result<Value> ParseBody(std::string_view body) {
  try {
    Value v = Value::parse(body);
    if (!v.is_object()) return Status::DataLoss("record is not a JSON object");
    return v;
  } catch (const nlohmann::json::parse_error&) {
    return Status::DataLoss("record is not valid JSON");
  }
}

Result<std::string> StringOf(const Value& v, const char* key) {
  auto it = v.find(key);
  if (it == v.end() || !it->is_string()) {
    return Status::DataLoss(fmt::format("\"{}\" is missing or not a string", key));
  }
  return it->get<std::string>();
}

Result<JournalHeader> HeaderFromJson(const Value& v) {
  auto version = v.find("format_version");
  if (v.value("journal", "") != "pave" || version == v.end() || !version->is_number_integer()) {
    return Status::DataLoss("the first record is not a journal header");
  }
  if (version->get<int64_t>() != kJournalFormatVersion) {
    return Status::FailedPrecondition(
        fmt::format("format version {} is not one this pave understands ({})",
                    version->get<int64_t>(), kJournalFormatVersion));
  }
  JournalHeader h;
  ASSIGN_OR_RETURN(h.lineage, StringOf(v, "lineage"));
  auto serial = v.find("serial");
  if (h.lineage.empty() || serial == v.end() || !serial->is_number_integer() ||
      serial->get<int64_t>() < 0) {
    return Status::DataLoss("the header has no valid lineage and serial");
  }
  h.serial = serial->get<int64_t>();
  return h;
}

Status OperationFromJson(const Value& v, JournalRecord* r) {
  for (const auto& [key, value] : v.items()) {
    if (!kRecordKeys.count(key)) return Status::DataLoss(fmt::format("unknown field \"{}\"", key));
  }
  ASSIGN_OR_RETURN(std::string op, StringOf(v, "op"));
  ASSIGN_OR_RETURN(std::string address, StringOf(v, "address"));
  ASSIGN_OR_RETURN(std::string operation, StringOf(v, "operation"));
  auto parsed_op = ParseJournalOp(op);
  auto parsed_address = ResourceAddress::Parse(address);
  auto parsed_operation = ParseOperation(operation);
  if (!parsed_op || !parsed_address || !parsed_operation) {
    return Status::DataLoss("unknown op, operation or malformed address");
  }
  r->op = *parsed_op;
  r->operation.address = *parsed_address;
  r->operation.op = *parsed_operation;
  ASSIGN_OR_RETURN(r->operation.idempotency_token, StringOf(v, "token"));
  ASSIGN_OR_RETURN(r->error, StringOf(v, "error"));
  ASSIGN_OR_RETURN(r->time, StringOf(v, "time"));
  ASSIGN_OR_RETURN(r->run, StringOf(v, "run"));
  if (auto request = v.find("request"); request != v.end()) {
    if (!request->is_object()) return Status::DataLoss("\"request\" is not an object");
    r->operation.request = *request;
  }
  if (auto account = v.find("account"); account != v.end()) {
    if (!account->is_string() || !IsResolvedPlacement(account->get<std::string>())) {
      return Status::DataLoss("\"account\" is not a 12-digit account id (with @REGION, if any)");
    }
    r->operation.account = account->get<std::string>();
  }
  return Status::Ok();
}

Result<JournalRecord> MoveFromJson(const Value& v) {
  for (const auto& [key, value] : v.items()) {
    if (!kMoveKeys.count(key)) return Status::DataLoss(fmt::format("unknown field \"{}\" in a move", key));
  }
  JournalRecord r;
  r.op = JournalOp::kMove;
  ASSIGN_OR_RETURN(std::string from, StringOf(v, "address"));
  ASSIGN_OR_RETURN(std::string to, StringOf(v, "to"));
  auto parsed_from = ResourceAddress::Parse(from);
  auto parsed_to = ResourceAddress::Parse(to);
  if (!parsed_from || !parsed_to || parsed_from->type != parsed_to->type) {
    return Status::DataLoss("a move between malformed addresses or of two types");
  }
  r.operation.address = *parsed_from;
  r.to = *parsed_to;
  ASSIGN_OR_RETURN(r.time, StringOf(v, "time"));
  ASSIGN_OR_RETURN(r.run, StringOf(v, "run"));
  return r;
}

Result<JournalRecord> RecordFromJson(const Value& v) {
  if (auto op = v.find("op"); op != v.end() && op->is_string() && op->get<std::string>() == "move") {
    return MoveFromJson(v);
  }
  JournalRecord r;
  RETURN_IF_ERROR(OperationFromJson(v, &r));
  auto resource = v.find("resource");
  if (resource == v.end()) return Status::DataLoss("\"resource\" is missing");
  if (!resource->is_null()) {
    ASSIGN_OR_RETURN(ResourceState state, ResourceFromJson(*resource, "resource"));
    if (state.address != r.operation.address) {
      return Status::DataLoss("the resource's address differs from the record's");
    }
    r.resource = std::move(state);
  }
  return r;
}

// Decodes an intact line into `out` (the header when it is the first).
Status DecodeLine(std::string_view body, JournalContents* out) {
  ASSIGN_OR_RETURN(Value v, ParseBody(body));
  if (!out->header) {
    ASSIGN_OR_RETURN(out->header, HeaderFromJson(v));
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(JournalRecord r, RecordFromJson(v));
  out->records.push_back(std::move(r));
  return Status::Ok();
}

Status DamageBeforeEnd(const std::string& path, size_t offset, const Status& why) {
  return Status::DataLoss(fmt::format(
      "journal {}: record at byte {} is damaged ({}) and more records follow it: this is not "
      "a crash in the middle of a write but a changed or damaged file; pave stops rather than "
      "lose the changes it records",
      path, offset, why.message()));
}

}  // namespace

const char* JournalOpName(JournalOp op) {
  switch (op) {
    case JournalOp::kBegin:
      return "begin";
    case JournalOp::kFinish:
      return "finish";
    case JournalOp::kFail:
      return "fail";
    case JournalOp::kMove:
      return "move";
  }
  return "?";
}

std::string FrameJournalBody(std::string_view body) {
  return fmt::format("{:08x} {} {}\n", body.size(), BodyChecksum(body), body);
}

std::string EncodeJournalHeader(const JournalHeader& header) {
  Value v{{"journal", "pave"},
          {"format_version", kJournalFormatVersion},
          {"lineage", header.lineage},
          {"serial", header.serial}};
  return FrameJournalBody(v.dump());
}

Result<std::string> EncodeJournalRecord(const JournalRecord& record) {
  if (record.op == JournalOp::kMove) {
    Value m{{"op", "move"},
            {"address", record.operation.address.ToString()},
            {"to", record.to.ToString()},
            {"time", record.time},
            {"run", record.run}};
    return FrameJournalBody(m.dump());
  }
  Value v{{"op", JournalOpName(record.op)},
          {"address", record.operation.address.ToString()},
          {"operation", OperationText(record.operation.op)},
          {"token", record.operation.idempotency_token},
          {"resource", record.resource ? ResourceToJson(*record.resource) : Value()},
          {"error", record.error},
          {"time", record.time},
          {"run", record.run}};
  if (record.op == JournalOp::kBegin && record.operation.request.is_object()) {
    v["request"] = record.operation.request;
  }
  if (!record.operation.account.empty()) v["account"] = record.operation.account;
  try {
    return FrameJournalBody(v.dump());
  } catch (const nlohmann::json::exception&) {
    return Status::InvalidArgument(
        fmt::format("cannot journal {}: an attribute holds text that is not UTF-8",
                    record.operation.address.ToString()));
  }
}

Result<JournalContents> ParseJournal(std::string_view data, const std::string& path) {
  JournalContents out;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos || nl + 1 == data.size()) {
      // The last record. Cut short or damaged, it is a write the crash interrupted, unless
      // it holds a whole record: then a line break was lost and two records merged.
      std::string_view last = data.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
      if (nl == std::string_view::npos || !UnframeLine(last).ok()) {
        if (StartsWithWholeRecord(last)) {
          return Status::DataLoss(fmt::format(
              "journal {}: record at byte {} is followed by stray bytes instead of a line "
              "break: this is not a crash in the middle of a write but a changed or damaged "
              "file; pave stops rather than guess which records are real",
              path, pos));
        }
        out.dropped_at = pos;
        break;
      }
    }
    Result<std::string_view> body = UnframeLine(data.substr(pos, nl - pos));
    Status decoded = body.ok() ? DecodeLine(*body, &out) : body.status();
    if (decoded.code() == StatusCode::kFailedPrecondition) {
      return Status::FailedPrecondition(
          fmt::format("journal {}: {}: upgrade pave", path, decoded.message()));
    }
    if (!body.ok()) return DamageBeforeEnd(path, pos, decoded);
    if (!decoded.ok()) {
      return Status::DataLoss(
          fmt::format("journal {}: record at byte {}: {}", path, pos, decoded.message()));
    }
    pos = nl + 1;
    out.valid_size = pos;
  }
  return out;
}

std::string OperationKey(const PendingOperation& op) {
  return op.address.ToString() + " " + OperationText(op.op) + " " + op.idempotency_token;
}

std::vector<JournalRecord> ReplayJournal(const std::vector<JournalRecord>& records,
                                         bool apply_finishes, State* state) {
  std::map<std::string, size_t> open;  // key -> index in records
  for (size_t i = 0; i < records.size(); ++i) {
    const JournalRecord& r = records[i];
    switch (r.op) {
      case JournalOp::kBegin:
        open[OperationKey(r.operation)] = i;
        break;
      case JournalOp::kFinish:
        open.erase(OperationKey(r.operation));
        if (!apply_finishes) break;
        if (r.resource) {
          state->Put(*r.resource);
        } else {
          state->Remove(r.operation.address);
        }
        break;
      case JournalOp::kFail:
        open.erase(OperationKey(r.operation));
        break;
      case JournalOp::kMove:
        if (apply_finishes) state->Move(r.operation.address, r.to);
        break;
    }
  }
  std::vector<size_t> order;
  for (const auto& [key, index] : open) order.push_back(index);
  std::sort(order.begin(), order.end());
  std::vector<JournalRecord> pending;
  for (size_t index : order) pending.push_back(records[index]);
  return pending;
}

Status WriteJournal(Env* env, const std::string& path, const JournalHeader& header,
                    const std::vector<JournalRecord>& records) {
  std::string data = EncodeJournalHeader(header);
  for (const JournalRecord& r : records) {
    ASSIGN_OR_RETURN(std::string line, EncodeJournalRecord(r));
    data += line;
  }
  return env->WriteFileAtomic(path, data, 0600);
}

Result<std::unique_ptr<JournalWriter>> JournalWriter::Open(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<AppendFile> file, env->OpenAppend(path, 0600));
  return std::unique_ptr<JournalWriter>(new JournalWriter(path, std::move(file)));
}

Status JournalWriter::Append(const JournalRecord& record) {
  ASSIGN_OR_RETURN(std::string line, EncodeJournalRecord(record));
  return AppendEncoded(line);
}

Status JournalWriter::AppendEncoded(std::string_view lines, bool sync) {
  RETURN_IF_ERROR(file_->Append(lines));
  return sync ? file_->Sync() : Status::Ok();
}

Status JournalWriter::Close() { return file_->Close(); }

}  // namespace pave
