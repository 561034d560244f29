#include "platform/state_section.h"

#include "platform/yaml_loader.h"

namespace pave {
namespace {

std::string Scalar(const YAML::Node& map, const std::string& key, FileErrors& errors) {
  YAML::Node value = MapValue(map, key);
  if (!value.IsDefined() || value.IsNull()) return "";
  if (!errors.ExpectString(value, "state." + key)) return "";
  return value.Scalar();
}

void CheckS3(const YAML::Node& node, StateBackendConfig* out, FileErrors& errors) {
  if (out->bucket.empty()) {
    errors.At(node, "state.bucket is missing: the S3 bucket that holds the state",
              "add `bucket: <name>`; `pave state init` creates it");
  } else if (!IsValidBucketName(out->bucket)) {
    errors.At(MapValue(node, "bucket"), "state.bucket \"" + out->bucket +
                                            "\" is not a valid S3 bucket name (3-63 characters "
                                            "of a-z, 0-9, '.' and '-')");
  }
  if (out->key.empty()) {
    errors.At(node, "state.key is missing: the object that holds the state",
              "e.g. `key: prod/platform.json`");
  } else if (out->key.front() == '/' || out->key.back() == '/') {
    errors.At(MapValue(node, "key"), "state.key must not start or end with '/'");
  }
}

}  // namespace

bool IsValidBucketName(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (char c : name) {
    if (!alnum(c) && c != '.' && c != '-') return false;
  }
  return alnum(name.front()) && alnum(name.back());
}

StateBackendConfig ParseStateSection(const YAML::Node& node, const std::string& default_region,
                                     FileErrors& errors) {
  StateBackendConfig out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!errors.ExpectMap(node, "state")) return out;
  errors.CheckKeys(node, {"backend", "bucket", "key", "region", "account"}, "state");
  std::string backend = Scalar(node, "backend", errors);
  out.bucket = Scalar(node, "bucket", errors);
  out.key = Scalar(node, "key", errors);
  out.region = Scalar(node, "region", errors);
  out.account = Scalar(node, "account", errors);
  if (backend == "s3") {
    out.backend = StateBackendConfig::Backend::kS3;
    if (out.region.empty()) out.region = default_region;
    CheckS3(node, &out, errors);
  } else if (backend == "local" || backend.empty()) {
    if (!out.bucket.empty() || !out.key.empty() || !out.account.empty()) {
      errors.At(node, "state.bucket, state.key and state.account are for `backend: s3`",
                "add `backend: s3` or remove them");
    }
  } else {
    errors.At(MapValue(node, "backend"), "unknown state backend \"" + backend + "\"",
              SuggestionHint(backend, {"local", "s3"}));
  }
  return out;
}

void AddOrganizationHints(const YAML::Node& organization, StateBackendConfig* out) {
  if (!organization.IsMap()) return;
  YAML::Node role = MapValue(organization, "accessRole");
  if (role.IsScalar()) out->access_role = role.Scalar();
  YAML::Node accounts = MapValue(organization, "accounts");
  if (!accounts.IsSequence()) return;
  for (const YAML::Node& entry : accounts) {
    if (!entry.IsMap()) continue;
    YAML::Node name = MapValue(entry, "name"), id = MapValue(entry, "id");
    if (name.IsScalar()) out->account_ids[name.Scalar()] = id.IsScalar() ? id.Scalar() : "";
  }
}

void CheckStateAccount(const YAML::Node& state, const StateBackendConfig& config,
                       FileErrors& errors) {
  const std::string& account = config.account;
  if (account.empty() || account == "management" || config.account_ids.empty()) return;
  if (config.account_ids.count(account)) return;
  bool digits = account.size() == 12 &&
                account.find_first_not_of("0123456789") == std::string::npos;
  if (digits) return;
  std::vector<std::string> names = {"management"};
  for (const auto& kv : config.account_ids) names.push_back(kv.first);
  errors.At(MapValue(state, "account"),
            "state.account \"" + account + "\" is not `management`, an account of the organization "
            "section or a 12-digit account id",
            SuggestionHint(account, names));
}

Result<StateBackendConfig> ReadStateSection(Env* env, const std::string& path) {
  Result<std::string> text = env->ReadFile(path);
  if (text.status().code() == StatusCode::kNotFound) return StateBackendConfig{};
  RETURN_IF_ERROR(text.status());
  std::vector<Diagnostic> diagnostics;
  ASSIGN_OR_RETURN(YAML::Node root, ParseYaml(*text, path, &diagnostics));
  FileErrors errors(path, &diagnostics);
  std::string region;
  YAML::Node metadata = MapValue(root, "metadata");
  YAML::Node region_node = metadata.IsMap() ? MapValue(metadata, "region") : YAML::Node();
  if (region_node.IsScalar()) region = region_node.Scalar();
  StateBackendConfig out =
      ParseStateSection(root.IsMap() ? MapValue(root, "state") : YAML::Node(), region, errors);
  if (root.IsMap()) {
    AddOrganizationHints(MapValue(root, "organization"), &out);
    CheckStateAccount(MapValue(root, "state"), out, errors);
  }
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return Status::InvalidArgument(d.ToString());
  }
  return out;
}

}  // namespace pave
