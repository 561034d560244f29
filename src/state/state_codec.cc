#include "state/state_codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/hash.h"

namespace pave {
namespace {

const std::set<std::string> kDocumentKeys = {"checksum",  "format_version", "lineage", "platform",
                                             "resources", "serial",         "written"};
const std::set<std::string> kResourceKeys = {"account", "address", "attributes", "dependencies", "tainted"};
const std::set<std::string> kWrittenKeys = {"operation", "summary", "time", "user"};

Status Damaged(const std::string& path, const std::string& what) {
  return Status::DataLoss(fmt::format("state file {}: {}", path, what));
}

// The first key of `obj` not in `known`, or "".
std::string UnknownKey(const Value& obj, const std::set<std::string>& known) {
  for (const auto& [key, value] : obj.items()) {
    if (!known.count(key)) return key;
  }
  return "";
}

Result<ResourceAddress> AddressFromJson(const Value& v, const std::string& where) {
  if (!v.is_string()) return Status::DataLoss(where + ": address is not a string");
  auto address = ResourceAddress::Parse(v.get<std::string>());
  if (!address) {
    return Status::DataLoss(fmt::format("{}: \"{}\" is not a resource address (type.name)", where,
                                        v.get<std::string>()));
  }
  return *address;
}

Result<std::vector<ResourceAddress>> DependenciesFromJson(const Value& v,
                                                          const std::string& where) {
  if (!v.is_array()) return Status::DataLoss(where + ": dependencies is not an array");
  std::vector<ResourceAddress> deps;
  std::set<ResourceAddress> seen;
  for (const Value& d : v) {
    ASSIGN_OR_RETURN(ResourceAddress a, AddressFromJson(d, where + ": dependency"));
    if (!seen.insert(a).second) {
      return Status::DataLoss(
          fmt::format("{}: dependency {} is listed twice", where, a.ToString()));
    }
    deps.push_back(std::move(a));
  }
  return deps;
}

Result<std::string> StringField(const Value& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return Status::DataLoss(fmt::format("{}: \"{}\" is missing", where, key));
  if (!it->is_string())
    return Status::DataLoss(fmt::format("{}: \"{}\" is not a string", where, key));
  return it->get<std::string>();
}

Result<WrittenBy> WrittenFromJson(const Value& v, const std::string& where) {
  if (!v.is_object()) return Status::DataLoss(where + ": \"written\" is not an object");
  std::string unknown = UnknownKey(v, kWrittenKeys);
  if (!unknown.empty())
    return Status::DataLoss(fmt::format("{}: unknown field \"written.{}\"", where, unknown));
  WrittenBy w;
  ASSIGN_OR_RETURN(w.time, StringField(v, "time", where + ": written"));
  ASSIGN_OR_RETURN(w.user, StringField(v, "user", where + ": written"));
  ASSIGN_OR_RETURN(w.operation, StringField(v, "operation", where + ": written"));
  ASSIGN_OR_RETURN(w.summary, StringField(v, "summary", where + ": written"));
  return w;
}

Value WrittenToJson(const WrittenBy& w) {
  return Value{
      {"time", w.time}, {"user", w.user}, {"operation", w.operation}, {"summary", w.summary}};
}

// Checks the version, then the checksum, and strips it. `doc` is an object.
Status VerifyChecksum(Value& doc, const std::string& path) {
  auto version = doc.find("format_version");
  if (version == doc.end() || !version->is_number_integer()) {
    return Damaged(path, "\"format_version\" is missing or not an integer");
  }
  int64_t v = version->get<int64_t>();
  if (v > kStateFormatVersion) {
    return Status::FailedPrecondition(fmt::format(
        "state file {}: format version {} is newer than this pave understands ({}): upgrade pave",
        path, v, kStateFormatVersion));
  }
  if (v < 1) return Damaged(path, fmt::format("format version {} is not valid", v));
  auto checksum = doc.find("checksum");
  if (checksum == doc.end() || !checksum->is_string()) {
    return Damaged(path, "\"checksum\" is missing or not a string");
  }
  std::string want = checksum->get<std::string>();
  doc.erase("checksum");
  if (Sha256Hex(doc.dump()) != want) {
    return Damaged(path, "checksum mismatch: the file was changed or damaged");
  }
  return Status::Ok();
}

Result<State> StateFieldsFromJson(const Value& doc, const std::string& where) {
  State state;
  ASSIGN_OR_RETURN(state.lineage, StringField(doc, "lineage", where));
  if (state.lineage.empty()) return Status::DataLoss(where + ": \"lineage\" is empty");
  ASSIGN_OR_RETURN(state.platform, StringField(doc, "platform", where));
  auto serial = doc.find("serial");
  if (serial == doc.end() || !serial->is_number_integer() || serial->get<int64_t>() < 0) {
    return Status::DataLoss(where + ": \"serial\" is missing or not a non-negative integer");
  }
  state.serial = serial->get<int64_t>();
  return state;
}

Status ResourcesFromJson(const Value& doc, const std::string& where, State* state) {
  auto resources = doc.find("resources");
  if (resources == doc.end() || !resources->is_array()) {
    return Status::DataLoss(where + ": \"resources\" is missing or not an array");
  }
  for (size_t i = 0; i < resources->size(); ++i) {
    ASSIGN_OR_RETURN(ResourceState r,
                     ResourceFromJson((*resources)[i], fmt::format("{}: resource {}", where, i)));
    if (state->Find(r.address)) {
      return Status::DataLoss(
          fmt::format("{}: resource {} appears twice", where, r.address.ToString()));
    }
    state->Put(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

Value ResourceToJson(const ResourceState& r) {
  std::set<ResourceAddress> deps(r.dependencies.begin(), r.dependencies.end());
  Value dependencies = Value::array();
  for (const ResourceAddress& d : deps) dependencies.push_back(d.ToString());
  Value v{{"address", r.address.ToString()},
          {"attributes", r.attributes},
          {"dependencies", std::move(dependencies)}};
  if (!r.tainted.empty()) v["tainted"] = r.tainted;  // absent when clean: older files read alike
  if (!r.account.empty()) v["account"] = r.account;  // absent for pave's own account
  return v;
}

Result<ResourceState> ResourceFromJson(const Value& v, const std::string& where) {
  if (!v.is_object()) return Status::DataLoss(where + ": not an object");
  std::string unknown = UnknownKey(v, kResourceKeys);
  if (!unknown.empty())
    return Status::DataLoss(fmt::format("{}: unknown field \"{}\"", where, unknown));
  ResourceState r;
  auto address = v.find("address");
  if (address == v.end()) return Status::DataLoss(where + ": \"address\" is missing");
  ASSIGN_OR_RETURN(r.address, AddressFromJson(*address, where));
  std::string named = where + " (" + r.address.ToString() + ")";
  auto attributes = v.find("attributes");
  if (attributes == v.end() || !attributes->is_object()) {
    return Status::DataLoss(named + ": \"attributes\" is missing or not an object");
  }
  r.attributes = *attributes;
  auto deps = v.find("dependencies");
  if (deps == v.end()) return Status::DataLoss(named + ": \"dependencies\" is missing");
  ASSIGN_OR_RETURN(r.dependencies, DependenciesFromJson(*deps, named));
  if (auto tainted = v.find("tainted"); tainted != v.end()) {
    if (!tainted->is_string() || tainted->get<std::string>().empty()) {
      return Status::DataLoss(named + ": \"tainted\" is not a non-empty string");
    }
    r.tainted = tainted->get<std::string>();
  }
  if (auto account = v.find("account"); account != v.end()) {
    if (!account->is_string() || !IsResolvedPlacement(account->get<std::string>())) {
      return Status::DataLoss(named + ": \"account\" is not a 12-digit account id (with @REGION, if any)");
    }
    r.account = account->get<std::string>();
  }
  return r;
}

Result<std::string> EncodeStateDocument(const StateDocument& doc) {
  Value resources = Value::array();
  for (const ResourceState& r : doc.state.resources()) resources.push_back(ResourceToJson(r));
  Value body{{"format_version", kStateFormatVersion},
             {"lineage", doc.state.lineage},
             {"serial", doc.state.serial},
             {"platform", doc.state.platform},
             {"written", WrittenToJson(doc.written)},
             {"resources", std::move(resources)}};
  try {
    body["checksum"] = Sha256Hex(body.dump());
    return body.dump(2) + "\n";
  } catch (const nlohmann::json::exception&) {
    return Status::InvalidArgument("cannot write state: an attribute holds text that is not UTF-8");
  }
}

Result<StateDocument> DecodeStateDocument(std::string_view text, const std::string& path) {
  Value doc;
  try {
    doc = Value::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Damaged(
        path, fmt::format("not valid JSON at byte {}: the file was cut short or damaged", e.byte));
  }
  if (!doc.is_object()) return Damaged(path, "not a JSON object");
  RETURN_IF_ERROR(VerifyChecksum(doc, path));
  std::string where = "state file " + path;
  std::string unknown = UnknownKey(doc, kDocumentKeys);
  if (!unknown.empty()) return Damaged(path, fmt::format("unknown field \"{}\"", unknown));
  StateDocument out;
  ASSIGN_OR_RETURN(out.state, StateFieldsFromJson(doc, where));
  auto written = doc.find("written");
  if (written == doc.end()) return Damaged(path, "\"written\" is missing");
  ASSIGN_OR_RETURN(out.written, WrittenFromJson(*written, where));
  RETURN_IF_ERROR(ResourcesFromJson(doc, where, &out.state));
  return out;
}

std::string EncodeVersionSources(const std::map<std::string, std::string>& sources) {
  Value v = Value::object();
  for (const auto& [path, content] : sources) v[path] = content;
  return v.dump(2) + "\n";
}

Result<std::map<std::string, std::string>> DecodeVersionSources(std::string_view text, const std::string& where) {
  Value v = Value::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object()) return Status::DataLoss(where + " is not a JSON object");
  std::map<std::string, std::string> out;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!it.value().is_string()) return Status::DataLoss(where + ": \"" + it.key() + "\" is not a string");
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

}  // namespace pave
