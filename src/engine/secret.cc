#include "engine/secret.h"

#include "core/hash.h"

namespace pave {

namespace {
constexpr std::string_view kPrefix = "sha256:";
}  // namespace

std::string SecretFingerprint(const std::string& lineage, const Value& value) {
  return std::string(kPrefix) + HexEncode(HmacSha256(lineage, value.dump()));
}

bool IsSecretFingerprint(const Value& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() != kPrefix.size() + 64 || s.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  for (size_t i = kPrefix.size(); i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Value FingerprintSecrets(const ResourceSchema& schema, const std::string& lineage, Value attributes) {
  if (!attributes.is_object()) return attributes;
  for (const AttributeSchema& a : schema.attributes) {
    if (!a.secret) continue;
    auto it = attributes.find(a.name);
    if (it == attributes.end() || it->is_null() || IsSecretFingerprint(*it)) continue;
    *it = SecretFingerprint(lineage, *it);
  }
  return attributes;
}

Value KeepSecretFingerprints(const ResourceSchema& schema, const std::string& lineage, const Value& prior,
                             Value read) {
  if (!read.is_object()) return read;
  for (const AttributeSchema& a : schema.attributes) {
    if (!a.secret) continue;
    auto stored = prior.is_object() ? prior.find(a.name) : prior.end();
    if (prior.is_object() && stored != prior.end() && !stored->is_null()) {
      read[a.name] = *stored;
    } else if (auto it = read.find(a.name); it != read.end() && !it->is_null() && !IsSecretFingerprint(*it)) {
      *it = SecretFingerprint(lineage, *it);
    }
  }
  return read;
}

}  // namespace pave
