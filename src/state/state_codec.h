// The state document: how a State is written to state.json and history/<serial>.json.
//   {"format_version":1,"lineage":"...","serial":42,"platform":"acme",
//    "written":{"time":"...","user":"alice@build-7","operation":"apply","summary":"..."},
//    "resources":[{"address":"aws_vpc.main","attributes":{...},"dependencies":[...]}],
//    "checksum":"<hex SHA-256 of the canonical body>"}
// The canonical body is the document without "checksum", serialized as compact JSON with
// keys sorted. The file itself is indented JSON with sorted keys and resources sorted by
// address, so two versions diff line by line. Details in docs/state-format.md.
#pragma once

#include <optional>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "engine/state.h"

namespace pave {

inline constexpr int kStateFormatVersion = 1;

// Who wrote a version, when and why: shown by `pave history`.
struct WrittenBy {
  std::string time;  // RFC 3339, UTC
  std::string user;  // user@host
  std::string operation;
  std::string summary;
};

struct StateDocument {
  State state;
  WrittenBy written;
};

// InvalidArgument when an attribute holds a string that is not UTF-8.
Result<std::string> EncodeStateDocument(const StateDocument& doc);
// Validates everything: format version, field types, addresses, duplicates, checksum.
// Errors are DataLoss (checksum, damage) or FailedPrecondition (a newer format version),
// prefixed "state file <path>: ".
Result<StateDocument> DecodeStateDocument(std::string_view text, const std::string& path);

// One resource as it appears in the document and the journal.
Value ResourceToJson(const ResourceState& r);
// `where` prefixes errors, e.g. "resource 3".
Result<ResourceState> ResourceFromJson(const Value& v, const std::string& where);

// The sources kept with a version (SaveInfo::sources): a JSON object, relative path ->
// content. Decode is DataLoss (naming `where`) for anything else.
std::string EncodeVersionSources(const std::map<std::string, std::string>& sources);
Result<std::map<std::string, std::string>> DecodeVersionSources(std::string_view text, const std::string& where);

}  // namespace pave
