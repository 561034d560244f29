#include "platform/blueprints/databases.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "platform/blueprints/secrets.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kSectionKeys = {"postgres"};
const std::vector<std::string> kEntryKeys = {
    "name", "version", "class", "storageGB", "multiAZ", "backupDays", "deletionProtection"};
constexpr int64_t kPostgresPort = 5432;
constexpr int64_t kMinStorageGB = 20;
constexpr int64_t kMaxStorageGB = 65536;
// The resource name of the section's subnet group and security group.
constexpr const char* kGroup = "databases";

bool IsEntryName(const std::string& s) {
  if (s.empty() || s.size() > 40 || !std::islower(static_cast<unsigned char>(s[0])) ||
      s.back() == '-' || s.find("--") != std::string::npos) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

// "db.<family>.<size>", e.g. db.t4g.medium, db.r6g.2xlarge.
bool IsInstanceClass(const std::string& s) {
  if (s.rfind("db.", 0) != 0) return false;
  size_t dot = s.find('.', 3);
  if (dot == std::string::npos || dot == 3 || dot + 1 == s.size()) return false;
  return std::all_of(s.begin() + 3, s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  });
}

// A supported major ("16") or major.minor ("16.4"); "" when fine, else the problem.
std::string VersionProblem(const std::string& v) {
  std::string major = v.substr(0, v.find('.'));
  const auto& ok = SupportedPostgresVersions();
  if (std::find(ok.begin(), ok.end(), major) == ok.end())
    return "unsupported PostgreSQL version \"" + v + "\"";
  if (major.size() == v.size()) return "";
  std::string minor = v.substr(major.size() + 1);
  if (minor.empty() || !std::all_of(minor.begin(), minor.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return "invalid PostgreSQL version \"" + v + "\"";
  }
  return "";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Ref(const std::string& address, const std::string& attribute) {
  return "${" + address + "." + attribute + "}";
}

// Reads one entry's values, reporting what is malformed at its node.
class EntryReader {
 public:
  EntryReader(const YAML::Node& entry, BlueprintContext& ctx) : entry_(entry), ctx_(ctx) {}

  std::optional<std::string> String(const std::string& key) {
    YAML::Node n = MapValue(entry_, key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (!n.IsScalar()) {
      ctx_.Error(n, "databases: " + key + " must be a string");
      return std::nullopt;
    }
    return n.Scalar();
  }

  std::optional<int64_t> Int(const std::string& key, int64_t lo, int64_t hi) {
    YAML::Node n = MapValue(entry_, key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    int64_t v = 0;
    if (!n.IsScalar() || !YAML::convert<int64_t>::decode(n, v)) {
      ctx_.Error(n, "databases: " + key + " must be a whole number");
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      ctx_.Error(n, "databases: " + key + " must be between " + std::to_string(lo) + " and " +
                        std::to_string(hi) + ", found " + std::to_string(v));
      return std::nullopt;
    }
    return v;
  }

  bool Bool(const std::string& key, bool fallback) {
    YAML::Node n = MapValue(entry_, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    bool v = fallback;
    if (!StrictBool(n, &v)) ctx_.Error(n, StrictBoolError(n, "databases: " + key));
    return v;
  }

  // The node of `key`, or the entry when the key is missing (for errors).
  YAML::Node At(const std::string& key) const {
    YAML::Node n = MapValue(entry_, key);
    return n.IsDefined() ? n : entry_;
  }

  void CheckKeys() {
    for (const auto& kv : entry_) {
      std::string key = kv.first.Scalar();
      if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
        ctx_.Error(kv.first, "databases: unknown key \"" + key + "\"",
                   SuggestionHint(key, kEntryKeys));
      }
    }
  }

 private:
  const YAML::Node& entry_;
  BlueprintContext& ctx_;
};

class DatabasesExpansion {
 public:
  DatabasesExpansion(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx) {}

  void Run() {
    if (!node_.IsMap()) {
      return ctx_.Error(node_, "databases must be a map of engines",
                        "e.g. databases: {postgres: [{name: orders, ...}]}");
    }
    for (const auto& kv : node_) {
      if (std::find(kSectionKeys.begin(), kSectionKeys.end(), kv.first.Scalar()) ==
          kSectionKeys.end()) {
        ctx_.Error(kv.first, "databases: unknown engine \"" + kv.first.Scalar() + "\"",
                   SuggestionHint(kv.first.Scalar(), kSectionKeys));
      }
    }
    YAML::Node postgres = MapValue(node_, "postgres");
    if (!postgres.IsDefined() || postgres.IsNull()) return;
    if (!postgres.IsSequence()) {
      return ctx_.Error(
          postgres, "databases: postgres must be a list of databases",
          "e.g. - {name: orders, version: \"16\", class: db.t4g.medium, storageGB: 20}");
    }
    if (postgres.size() == 0) return;
    if (!Network()) return;
    for (const YAML::Node& entry : postgres) Entry(entry);
  }

 private:
  // The subnets and VPC from the network section; false after reporting that there is none.
  bool Network() {
    const Value* vpc = ctx_.Import("network.vpc_id");
    if (!vpc) {
      ctx_.Error(node_, "databases: needs a network section",
                 "add network: with database or private subnets");
      return false;
    }
    vpc_id_ = *vpc;
    for (const char* key : {"network.database_subnet_ids", "network.private_subnet_ids"}) {
      const Value* ids = ctx_.Import(key);
      if (ids && ids->is_array() && !ids->empty()) {
        subnets_ = *ids;
        break;
      }
    }
    if (subnets_.size() < 2) {
      ctx_.Error(node_, "databases: need database or private subnets in two zones at least",
                 "give the network two zones and a database (or private) tier");
      return false;
    }
    return true;
  }

  void Shared() {
    if (shared_done_) return;
    shared_done_ = true;
    const PlatformMetadata& m = ctx_.metadata();
    std::string name = Lower(m.name) + "-databases";
    ctx_.Add("aws_db_subnet_group", kGroup,
             {{"name", name},
              {"description", "pave platform " + m.name + ": databases"},
              {"subnet_ids", subnets_},
              {"tags", m.tags}},
             node_);
    std::string group = std::string("aws_security_group.") + kGroup;
    Value sg_tags = m.tags;
    sg_tags["Name"] = name;
    ctx_.Add("aws_security_group", kGroup,
             {{"name", name},
              {"description", "pave platform " + m.name + ": PostgreSQL databases (port 5432)"},
              {"vpc_id", vpc_id_},
              {"revoke_default_egress", true},
              {"tags", sg_tags}},
             node_);
    Value rule = {{"security_group_id", Ref(group, "id")},
                  {"type", "ingress"},
                  {"protocol", "tcp"},
                  {"from_port", kPostgresPort},
                  {"to_port", kPostgresPort}};
    if (const Value* cluster_sg = ctx_.Import("cluster.security_group_id")) {
      // No rule description here: DescribeSecurityGroupRules in moto (the emulator the tests
      // and the demo use) drops the description of a group-referencing rule, which would
      // plan a replacement on every run; the group's own description names the port.
      rule["source_security_group_id"] = *cluster_sg;
      ctx_.Add("aws_security_group_rule", std::string(kGroup) + "_from_cluster", rule, node_);
    } else if (const Value* cidrs = ctx_.Import("network.private_subnet_cidrs");
               cidrs && cidrs->is_array()) {
      rule["description"] = "PostgreSQL from the private subnets";
      const Value* zones = ctx_.Import("network.zones");
      for (size_t i = 0; i < cidrs->size(); ++i) {
        rule["cidr_ipv4"] = (*cidrs)[i];
        std::string zone = zones && zones->size() == cidrs->size() && (*zones)[i].is_string()
                               ? std::string(1, (*zones)[i].get<std::string>().back())
                               : std::to_string(i);
        ctx_.Add("aws_security_group_rule", std::string(kGroup) + "_from_private_" + zone, rule,
                 node_);
      }
    }
    key_arn_ = PlatformDataKeyArn(ctx_, node_);
    ctx_.Export("databases.security_group_id", Ref(group, "id"));
  }

  void Entry(const YAML::Node& entry) {
    if (!entry.IsMap()) {
      return ctx_.Error(
          entry,
          "databases: each database must be a map like {name: orders, version: \"16\", ...}");
    }
    EntryReader read(entry, ctx_);
    read.CheckKeys();
    std::string name = read.String("name").value_or("");
    if (!IsEntryName(name)) {
      return ctx_.Error(
          read.At("name"),
          name.empty() ? "databases: entry has no \"name\""
                       : "databases: invalid name \"" + name + "\"",
          "use lower-case letters, digits and '-', starting with a letter (at most 40)");
    }
    bool ok = true;
    std::optional<std::string> version = read.String("version");
    if (!version) {
      ctx_.Error(read.At("version"), "databases: " + name + " has no \"version\"",
                 "e.g. version: \"16\"");
      ok = false;
    } else if (std::string problem = VersionProblem(*version); !problem.empty()) {
      std::string supported;
      for (const std::string& v : SupportedPostgresVersions())
        supported += (supported.empty() ? "" : ", ") + v;
      ctx_.Error(read.At("version"), "databases: " + problem,
                 "supported major versions: " + supported);
      ok = false;
    }
    std::optional<std::string> klass = read.String("class");
    if (!klass || !IsInstanceClass(*klass)) {
      ctx_.Error(read.At("class"),
                 klass ? "databases: \"" + *klass + "\" is not an RDS instance class"
                       : "databases: " + name + " has no \"class\"",
                 "e.g. class: db.t4g.medium");
      ok = false;
    }
    std::optional<int64_t> storage = read.Int("storageGB", kMinStorageGB, kMaxStorageGB);
    if (!storage && !MapValue(entry, "storageGB").IsDefined()) {
      ctx_.Error(entry, "databases: " + name + " has no \"storageGB\"", "e.g. storageGB: 20");
    }
    ok = ok && storage.has_value();
    std::optional<int64_t> backup_days = read.Int("backupDays", 1, 35);
    ok = ok && (backup_days || !MapValue(entry, "backupDays").IsDefined());
    bool multi_az = read.Bool("multiAZ", false);
    bool protection = read.Bool("deletionProtection", true);
    const PlatformMetadata& m = ctx_.metadata();
    std::string identifier = Lower(m.name) + "-" + name;
    if (identifier.size() > 63 || identifier.find("--") != std::string::npos) {
      ctx_.Error(read.At("name"),
                 "databases: DB identifier \"" + identifier + "\" is not valid for RDS",
                 "RDS allows at most 63 characters and no \"--\": shorten the name");
      ok = false;
    }
    if (!ok) return;
    Shared();
    std::string address = "aws_db_instance." + name;
    ctx_.Add("aws_db_instance", name,
             {{"identifier", identifier},
              {"engine", "postgres"},
              {"engine_version", *version},
              {"instance_class", *klass},
              {"allocated_storage", *storage},
              {"multi_az", multi_az},
              {"backup_retention_period", backup_days.value_or(7)},
              {"deletion_protection", protection},
              {"storage_encrypted", true},
              {"kms_key_id", key_arn_},
              {"db_subnet_group_name", Ref(std::string("aws_db_subnet_group.") + kGroup, "name")},
              {"vpc_security_group_ids",
               Value::array({Ref(std::string("aws_security_group.") + kGroup, "id")})},
              {"port", kPostgresPort},
              {"tags", m.tags}},
             entry);
    std::string prefix = "databases." + name + ".";
    ctx_.Output(prefix + "endpoint", Ref(address, "endpoint"), "host name of PostgreSQL " + name);
    ctx_.Output(prefix + "port", Ref(address, "port"), "port of PostgreSQL " + name);
    ctx_.Output(prefix + "username", Ref(address, "username"), "master user of PostgreSQL " + name);
    ctx_.Output(prefix + "password_secret", Ref(address, "master_user_secret_arn"),
                "Secrets Manager secret (ARN) holding the master password of " + name);
    ctx_.Export(prefix + "endpoint", Ref(address, "endpoint"));
    ctx_.Export(prefix + "port", Ref(address, "port"));
    ctx_.Export(prefix + "password_secret_arn", Ref(address, "master_user_secret_arn"));
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
  Value vpc_id_;
  Value subnets_ = Value::array();
  std::string key_arn_;
  bool shared_done_ = false;
};

}  // namespace

const std::vector<std::string>& SupportedPostgresVersions() {
  static const std::vector<std::string> versions = {"13", "14", "15", "16", "17"};
  return versions;
}

void DatabasesBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  DatabasesExpansion(node, ctx).Run();
}

}  // namespace pave
