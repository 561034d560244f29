#include "platform/metadata.h"

#include <cctype>

#include "platform/yaml_loader.h"

namespace pave {
namespace {

const std::vector<std::string>& MetadataKeys() {
  static const std::vector<std::string> keys = {"name", "region", "account", "tags"};
  return keys;
}

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// The value of a required scalar, or "" after reporting why it is missing (at the
// `metadata` key) or wrong.
std::string RequiredScalar(const YAML::Node& section, const YAML::Node& map,
                           const std::string& key, FileErrors& errors) {
  YAML::Node value = MapValue(map, key);
  if (!value.IsDefined() || value.IsNull()) {
    YAML::Node key_node = MapKey(map, key);
    if (key_node.IsDefined()) {
      errors.At(key_node, "metadata." + key + " is empty");
    } else {
      errors.At(section.IsDefined() ? section : map, "metadata." + key + " is missing");
    }
    return "";
  }
  if (!errors.ExpectString(value, "metadata." + key)) return "";
  return value.Scalar();
}

void ParseName(const YAML::Node& section, const YAML::Node& node, PlatformMetadata* out,
               FileErrors& errors) {
  std::string name = RequiredScalar(section, node, "name", errors);
  if (name.empty()) return;
  if (!IsValidPlatformName(name)) {
    errors.At(MapValue(node, "name"), "metadata.name \"" + name + "\" is not a valid name",
              "use 1 to 63 lower-case letters, digits and '-', starting with a letter");
    return;
  }
  out->name = name;
}

void ParseRegion(const YAML::Node& section, const YAML::Node& node, PlatformMetadata* out,
                 FileErrors& errors) {
  std::string region = RequiredScalar(section, node, "region", errors);
  if (region.empty()) return;
  if (!IsValidRegionName(region)) {
    errors.At(MapValue(node, "region"),
              "metadata.region \"" + region + "\" is not a region name",
              "expected a region like \"eu-west-1\"");
    return;
  }
  out->region = region;
}

void ParseAccount(const YAML::Node& node, PlatformMetadata* out, FileErrors& errors) {
  YAML::Node value = MapValue(node, "account");
  if (!value.IsDefined() || value.IsNull()) return;
  if (!errors.ExpectString(value, "metadata.account")) return;
  if (!IsValidAccountId(value.Scalar())) {
    errors.At(value, "metadata.account must be a 12-digit AWS account id",
              "quote it if it starts with 0");
    return;
  }
  out->account_id = value.Scalar();
}

void ParseTag(const YAML::Node& key, const YAML::Node& value, PlatformMetadata* out,
              FileErrors& errors) {
  const std::string& k = key.Scalar();
  if (k.empty() || k.size() > 128) {
    return errors.At(key, "tag keys must have 1 to 128 characters");
  }
  if (k.rfind("aws:", 0) == 0 || k.rfind("pave:", 0) == 0) {
    return errors.At(key, "tag key \"" + k + "\" uses a reserved prefix",
                     "\"aws:\" and \"pave:\" are reserved");
  }
  if (!value.IsScalar() && !value.IsNull()) {
    return errors.At(value, "the value of tag \"" + k + "\" must be a string, found " +
                                DescribeYamlNode(value));
  }
  std::string text = ScalarText(value);
  if (text.size() > 256) {
    return errors.At(value, "the value of tag \"" + k + "\" is longer than 256 characters");
  }
  out->tags[k] = text;
}

void ParseTags(const YAML::Node& node, PlatformMetadata* out, FileErrors& errors) {
  YAML::Node tags = MapValue(node, "tags");
  if (!tags.IsDefined() || !errors.ExpectMap(tags, "metadata.tags", true)) return;
  if (tags.IsNull()) return;
  for (const auto& kv : tags) {
    if (kv.first.IsScalar()) ParseTag(kv.first, kv.second, out, errors);
  }
  if (tags.size() > kMaxUserTags) {
    errors.At(tags, "metadata.tags has " + std::to_string(tags.size()) + " tags; AWS allows 50 per resource and pave adds " +
                        std::to_string(kManagedTagCount) + " of its own",
              "keep at most " + std::to_string(kMaxUserTags) + " tags");
  }
}

}  // namespace

PlatformMetadata ParseMetadata(const YAML::Node& key, const YAML::Node& node,
                               FileErrors& errors) {
  PlatformMetadata out;
  if (!node.IsDefined() || node.IsNull()) {
    errors.At(key.IsDefined() ? errors.Locate(key) : SourceLocation{errors.file(), 1, 1},
              "metadata is missing", "metadata needs at least name and region");
    return out;
  }
  if (!errors.ExpectMap(node, "metadata")) return out;
  errors.CheckKeys(node, MetadataKeys(), "metadata");
  ParseName(key, node, &out, errors);
  ParseRegion(key, node, &out, errors);
  ParseAccount(node, &out, errors);
  ParseTags(node, &out, errors);
  return out;
}

bool IsValidPlatformName(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(name.front() >= 'a' && name.front() <= 'z') || name.back() == '-') return false;
  for (char c : name) {
    if (!IsLowerAlnum(c) && c != '-') return false;
  }
  return true;
}

bool IsValidRegionName(std::string_view region) {
  // Split on '-': a two-letter prefix, one or more words of letters, a number last.
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= region.size(); ++i) {
    if (i == region.size() || region[i] == '-') {
      parts.push_back(region.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 3 || parts.front().size() != 2) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    bool last = i + 1 == parts.size();
    if (parts[i].empty()) return false;
    for (char c : parts[i]) {
      bool ok = last ? (c >= '0' && c <= '9') : (c >= 'a' && c <= 'z');
      if (!ok) return false;
    }
  }
  return true;
}

bool IsValidAccountId(std::string_view account) {
  if (account.size() != 12) return false;
  for (char c : account) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace pave
