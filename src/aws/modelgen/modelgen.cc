// pave_modelgen: a build-time tool that turns one service's botocore model into the model
// image embedded in pave (format in aws/model_blob.h), after building every operation and
// shape of it once, so that a model pave cannot read fails the build rather than a call.
//
//   pave_modelgen --service ec2 --model .../ec2/2016-11-15/service-2.json.gz
//                 [--model-extras service-2.sdk-extras.json] [--paginators paginators-1.json]
//                 [--paginator-extras paginators-1.sdk-extras.json]
//                 [--waiters waiters-2.json] --out ec2.pvm
//
// Inputs may be plain or gzip-compressed JSON. The "sdk-extras" files are botocore's own
// corrections ({"merge": {...}}), deep-merged as botocore does. Kept: only the fields the
// model reader (aws/model.cc) uses; documentation, examples and endpoint rules go. The
// validation limits (enum, pattern, min, max) are kept for string, integer, long, list and map
// shapes only (aws::Shape), with integral min/max.
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "aws/model.h"
#include "aws/model_blob.h"

namespace {

using Json = nlohmann::ordered_json;

bool ReadMaybeGzip(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  bool ok = n == 0;
  gzclose(f);
  return ok;
}

Json Load(const std::string& path) {
  std::string text;
  if (!ReadMaybeGzip(path, &text)) throw std::runtime_error("cannot read " + path);
  return Json::parse(text);
}

// botocore's merge: objects merge key by key, anything else replaces.
void DeepMerge(Json* target, const Json& patch) {
  if (!target->is_object() || !patch.is_object()) {
    *target = patch;
    return;
  }
  for (const auto& [key, value] : patch.items()) {
    auto it = target->find(key);
    if (it == target->end()) {
      (*target)[key] = value;
    } else {
      DeepMerge(&*it, value);
    }
  }
}

Json Keep(const Json& obj, const std::set<std::string>& keys) {
  Json out = Json::object();
  for (const auto& [key, value] : obj.items()) {
    if (keys.count(key)) out[key] = value;
  }
  return out;
}

const std::set<std::string> kMetadataKeys = {"apiVersion",   "endpointPrefix",     "globalEndpoint",
                                             "jsonVersion",  "protocol",           "serviceId",
                                             "signingName",  "signatureVersion",   "targetPrefix",
                                             "xmlNamespace", "awsQueryCompatible", "uid"};
const std::set<std::string> kRefKeys = {
    "shape",           "location",     "locationName",     "queryName", "flattened",
    "xmlNamespace",    "xmlAttribute", "idempotencyToken", "jsonvalue", "hostLabel",
    "timestampFormat", "streaming",    "eventpayload"};
const std::set<std::string> kShapeKeys = {
    "type",     "locationName", "xmlNamespace", "flattened", "timestampFormat",
    "payload",  "required",     "sensitive",    "exception", "union",
    "document", "streaming",    "eventstream",  "event"};

// The limits pave checks values against before any call (aws::Shape::enum_values etc.).
void KeepLimits(const Json& shape, Json* out) {
  static const std::set<std::string> kLimited = {"string", "integer", "long", "list", "map"};
  auto type = shape.find("type");
  if (type == shape.end() || !type->is_string() || !kLimited.count(type->get<std::string>())) {
    return;
  }
  for (const char* key : {"enum", "pattern"}) {
    if (auto it = shape.find(key); it != shape.end()) (*out)[key] = *it;
  }
  for (const char* key : {"min", "max"}) {
    auto it = shape.find(key);
    if (it == shape.end() || !it->is_number()) continue;
    double v = it->get<double>();
    if (v == static_cast<double>(static_cast<int64_t>(v))) (*out)[key] = static_cast<int64_t>(v);
  }
}

Json StripShape(const Json& shape) {
  Json out = Keep(shape, kShapeKeys);
  KeepLimits(shape, &out);
  if (auto it = shape.find("members"); it != shape.end()) {
    Json members = Json::object();
    for (const auto& [name, ref] : it->items()) members[name] = Keep(ref, kRefKeys);
    out["members"] = std::move(members);
  }
  for (const char* key : {"member", "key", "value"}) {
    if (auto it = shape.find(key); it != shape.end()) out[key] = Keep(*it, kRefKeys);
  }
  return out;
}

Json StripOperation(const Json& op) {
  Json out = Json::object();
  if (auto it = op.find("http"); it != op.end()) {
    out["http"] = Keep(*it, {"method", "requestUri", "responseCode"});
  }
  if (auto it = op.find("input"); it != op.end()) {
    out["input"] = Keep(*it, {"shape", "locationName", "xmlNamespace"});
  }
  if (auto it = op.find("output"); it != op.end()) {
    out["output"] = Keep(*it, {"shape", "resultWrapper"});
  }
  if (auto it = op.find("errors"); it != op.end()) {
    Json errors = Json::array();
    for (const Json& e : *it) errors.push_back(e.at("shape"));
    out["errors"] = std::move(errors);
  }
  if (auto it = op.find("endpoint"); it != op.end()) out["endpoint"] = Keep(*it, {"hostPrefix"});
  if (auto it = op.find("httpChecksum"); it != op.end()) {
    out["httpChecksum"] = Keep(*it, {"requestChecksumRequired"});
  }
  for (const char* key : {"httpChecksumRequired", "authtype", "unsignedPayload"}) {
    if (auto it = op.find(key); it != op.end()) out[key] = *it;
  }
  return out;
}

// A model whose first protocol pave does not speak (CloudWatch: "smithy-rpc-v2-cbor") but which
// lists others in "protocols" is embedded with one pave speaks: "query" when listed (the
// protocol such services spoke first, and what every emulator answers), else the first listed.
std::string SpokenProtocol(const Json& metadata) {
  static const std::set<std::string> kSpoken = {"ec2", "query", "json", "rest-json", "rest-xml"};
  std::string protocol = metadata.value("protocol", "");
  auto list = metadata.find("protocols");
  if (kSpoken.count(protocol) || list == metadata.end() || !list->is_array()) return protocol;
  for (const Json& p : *list) {
    if (p == "query") return "query";
  }
  for (const Json& p : *list) {
    if (p.is_string() && kSpoken.count(p.get<std::string>())) return p.get<std::string>();
  }
  return protocol;
}

// The big maps (thousands of shapes in ec2) become lists of [name, body] pairs: an
// ordered_json object finds keys by linear search, so building them as objects is quadratic.
Json Strip(const Json& model, const Json& pagination, const Json& waiters) {
  Json out = Json::object();
  out["metadata"] = Keep(model.at("metadata"), kMetadataKeys);
  out["metadata"]["protocol"] = SpokenProtocol(model.at("metadata"));
  Json ops = Json::array();
  for (const auto& [name, op] : model.at("operations").items()) {
    ops.push_back(Json::array({name, StripOperation(op)}));
  }
  out["operations"] = std::move(ops);
  Json shapes = Json::array();
  for (const auto& [name, shape] : model.at("shapes").items()) {
    shapes.push_back(Json::array({name, StripShape(shape)}));
  }
  out["shapes"] = std::move(shapes);
  Json pages = Json::array();
  for (const auto& [name, p] : pagination.items()) {
    pages.push_back(
        Json::array({name, Keep(p, {"input_token", "output_token", "result_key", "more_results",
                                    "limit_key", "non_aggregate_keys"})}));
  }
  out["pagination"] = std::move(pages);
  Json waits = Json::array();
  for (const auto& [name, w] : waiters.items()) {
    waits.push_back(Json::array({name, Keep(w, {"operation", "delay", "maxAttempts", "acceptors"})}));
  }
  out["waiters"] = std::move(waits);
  return out;
}

int Usage() {
  std::cerr << "usage: pave_modelgen --service NAME --model FILE [--model-extras FILE]"
               " [--paginators FILE] [--paginator-extras FILE] [--waiters FILE] --out FILE\n";
  return 2;
}

int Run(const std::map<std::string, std::string>& args) {
  if (!args.count("--service") || !args.count("--model") || !args.count("--out")) {
    return Usage();
  }
  Json model = Load(args.at("--model"));
  if (args.count("--model-extras")) DeepMerge(&model, Load(args.at("--model-extras"))["merge"]);
  Json pagination = Json::object();
  if (args.count("--paginators")) pagination = Load(args.at("--paginators"))["pagination"];
  if (args.count("--paginator-extras")) {
    DeepMerge(&pagination, Load(args.at("--paginator-extras"))["merge"]["pagination"]);
  }
  Json waiters = Json::object();
  if (args.count("--waiters")) waiters = Load(args.at("--waiters"))["waiters"];
  Json stripped = Strip(model, pagination, waiters);
  auto built = pave::aws::BuildServiceModel(args.at("--service"), stripped);
  if (!built.ok()) {
    std::cerr << "pave_modelgen: " << built.status().message() << "\n";
    return 1;
  }
  auto blob = pave::aws::WriteModelImage(stripped);
  if (!blob.ok()) {
    std::cerr << "pave_modelgen: " << blob.status().message() << "\n";
    return 1;
  }
  std::string tmp = args.at("--out") + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(blob->data(), static_cast<std::streamsize>(blob->size()));
    if (!out) {
      std::cerr << "pave_modelgen: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), args.at("--out").c_str()) != 0) {
    std::cerr << "pave_modelgen: cannot rename " << tmp << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  if (argc % 2 == 0) return Usage();
  try {
    return Run(args);
  } catch (const std::exception& e) {
    std::cerr << "pave_modelgen: " << args["--service"] << ": " << e.what() << "\n";
    return 1;
  }
}
