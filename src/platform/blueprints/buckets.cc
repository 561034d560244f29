#include "platform/blueprints/buckets.h"

#include <algorithm>
#include <cctype>

#include "platform/blueprints/secrets.h"
#include "platform/metadata.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kEntryKeys = {"name", "versioning", "encryption", "bucket", "tags"};
const std::vector<std::string> kEncryptions = {"kms", "s3"};

// Lower-case like the bucket it names: "Assets" would be silently lower-cased otherwise.
bool IsEntryName(const std::string& s) {
  if (s.empty() || s.size() > 40 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

bool LooksLikeIpAddress(const std::string& s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return dots == 3;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class EntryReader {
 public:
  EntryReader(const YAML::Node& entry, BlueprintContext& ctx) : entry_(entry), ctx_(ctx) {}

  std::string String(const std::string& key, const std::string& fallback) {
    YAML::Node n = MapValue(entry_, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    if (!n.IsScalar()) {
      ctx_.Error(n, "buckets: " + key + " must be a string");
      return fallback;
    }
    return n.Scalar();
  }

  bool Bool(const std::string& key, bool fallback) {
    YAML::Node n = MapValue(entry_, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    bool v = fallback;
    if (!StrictBool(n, &v)) ctx_.Error(n, StrictBoolError(n, "buckets: " + key));
    return v;
  }

  Value Tags() {
    Value tags = ctx_.metadata().tags;
    YAML::Node n = MapValue(entry_, "tags");
    if (!n.IsDefined() || n.IsNull()) return tags;
    if (!n.IsMap()) {
      ctx_.Error(n, "buckets: tags must be a map of strings");
      return tags;
    }
    for (const auto& kv : n) {
      if (!kv.second.IsScalar()) {
        ctx_.Error(kv.second, "buckets: tag \"" + kv.first.Scalar() + "\" must be a string");
        continue;
      }
      if (kv.second.Scalar().size() > 256) {
        ctx_.Error(kv.second, "buckets: the value of tag \"" + kv.first.Scalar() + "\" is longer than 256 characters");
      }
      tags[kv.first.Scalar()] = kv.second.Scalar();
    }
    if (tags.size() > kMaxUserTags) {
      ctx_.Error(n, "buckets: " + std::to_string(tags.size()) + " tags with metadata.tags; AWS allows 50 per resource and "
                    "pave adds " + std::to_string(kManagedTagCount) + " of its own",
                 "keep at most " + std::to_string(kMaxUserTags) + " tags");
    }
    return tags;
  }

  void CheckKeys() {
    for (const auto& kv : entry_) {
      std::string key = kv.first.Scalar();
      if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
        ctx_.Error(kv.first, "buckets: unknown key \"" + key + "\"", SuggestionHint(key, kEntryKeys));
      }
    }
  }

 private:
  const YAML::Node& entry_;
  BlueprintContext& ctx_;
};

void ExpandEntry(const YAML::Node& entry, BlueprintContext& ctx) {
  if (!entry.IsMap()) return ctx.Error(entry, "buckets: each entry must be a map like {name: assets}");
  EntryReader read(entry, ctx);
  read.CheckKeys();
  std::string name = read.String("name", "");
  if (!IsEntryName(name)) {
    YAML::Node at = MapValue(entry, "name");
    return ctx.Error(at.IsDefined() ? at : entry,
                     name.empty() ? "buckets: entry has no \"name\"" : "buckets: invalid name \"" + name + "\"",
                     "use lower-case letters, digits and '-', starting with a letter (at most 40)");
  }
  std::string bucket = read.String("bucket", DerivedBucketName(ctx.metadata(), name));
  if (std::string problem = BucketNameProblem(bucket); !problem.empty()) {
    YAML::Node at = MapValue(entry, "bucket");
    return ctx.Error(at.IsDefined() ? at : entry, "buckets: bucket name \"" + bucket + "\" " + problem,
                     at.IsDefined() ? "" : "set bucket: to a shorter exact name");
  }
  std::string encryption = read.String("encryption", "kms");
  if (std::find(kEncryptions.begin(), kEncryptions.end(), encryption) == kEncryptions.end()) {
    return ctx.Error(MapValue(entry, "encryption"), "buckets: unknown encryption \"" + encryption + "\"",
                     SuggestionHint(encryption, kEncryptions));
  }
  Value props = {{"bucket", bucket},
                 {"versioning", read.Bool("versioning", true)},
                 {"block_public_access", true},
                 {"require_tls", true},
                 {"tags", read.Tags()}};
  if (encryption == "kms") {
    props["sse_algorithm"] = "aws:kms";
    props["kms_key_arn"] = PlatformDataKeyArn(ctx, entry);
  } else {
    props["sse_algorithm"] = "AES256";
  }
  ctx.Add("aws_s3_bucket", name, std::move(props), entry);
  ctx.Export("buckets." + name + ".name", bucket);
  ctx.Export("buckets." + name + ".arn", "${aws_s3_bucket." + name + ".arn}");
  ctx.Output("buckets." + name, bucket, "the S3 bucket");
}

}  // namespace

std::string DerivedBucketName(const PlatformMetadata& metadata, const std::string& name) {
  std::string out = metadata.name + "-" + name;
  if (!metadata.account_id.empty()) out += "-" + metadata.account_id;
  if (!metadata.region.empty()) out += "-" + metadata.region;
  return Lower(out);
}

std::string BucketNameProblem(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) {
    return "has " + std::to_string(bucket.size()) + " characters; S3 allows 3 to 63";
  }
  for (char c : bucket) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
          c == '.')) {
      return "may hold only lower-case letters, digits, '-' and '.'";
    }
  }
  if (!std::isalnum(static_cast<unsigned char>(bucket.front())) || !std::isalnum(static_cast<unsigned char>(bucket.back()))) {
    return "must begin and end with a letter or digit";
  }
  if (bucket.find("..") != std::string::npos) return "may not hold two adjacent periods";
  if (LooksLikeIpAddress(bucket)) return "may not look like an IP address";
  if (bucket.rfind("xn--", 0) == 0 || bucket.rfind("sthree-", 0) == 0) return "may not begin with xn-- or sthree-";
  if (EndsWith(bucket, "-s3alias") || EndsWith(bucket, "--ol-s3") || EndsWith(bucket, ".mrap") ||
      EndsWith(bucket, "--x-s3")) {
    return "may not end with -s3alias, --ol-s3, .mrap or --x-s3 (reserved by S3)";
  }
  return "";
}

void BucketsBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) return ctx.Error(node, "buckets must be a list of {name: ...} entries", "e.g. - {name: assets}");
  for (const YAML::Node& entry : node) ExpandEntry(entry, ctx);
}

}  // namespace pave
