// Secret fingerprints: what state and plans hold instead of a secret's plaintext.
//
//   SecretFingerprint(lineage, value) = "sha256:" + hex(HMAC-SHA256(key = lineage,
//                                                                  data = value.dump()))
// Keyed by the state's lineage so equal secrets in two platforms do not fingerprint alike,
// and so a fingerprint cannot be checked against guesses without the state.
#pragma once

#include <string>

#include "core/value.h"
#include "engine/schema.h"

namespace pave {

std::string SecretFingerprint(const std::string& lineage, const Value& value);

// True for strings of the form SecretFingerprint returns.
bool IsSecretFingerprint(const Value& v);

// `attributes` (an object) with every secret attribute of `schema` replaced by its
// fingerprint. A secret that is already a fingerprint is kept as it is; null stays null.
Value FingerprintSecrets(const ResourceSchema& schema, const std::string& lineage, Value attributes);

// What to store for a resource as read back from the cloud: `read` with each secret
// attribute set to its fingerprint in `prior` (providers cannot read secrets back), or
// fingerprinted when only the provider knows it.
Value KeepSecretFingerprints(const ResourceSchema& schema, const std::string& lineage, const Value& prior,
                             Value read);

}  // namespace pave
