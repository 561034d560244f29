// aws_secretsmanager_secret: a Secrets Manager secret under a KMS key, with its value (a
// secret attribute, kept in state only as a fingerprint) written by CreateSecret /
// PutSecretValue. Delete schedules the deletion with a recovery window (7..30 days, default
// 30), never ForceDeleteWithoutRecovery; a create that finds the same secret of this platform
// scheduled for deletion restores it.
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewSecretsManagerSecretType(AwsTypeDeps deps);

// Adds aws_secretsmanager_secret to the registry.
void RegisterSecretsManagerTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// A ClientRequestToken (32..64 characters, as Secrets Manager requires) for one operation
// with the engine's idempotency token: the token itself when it fits, else its SHA-256 hex.
std::string SecretsManagerRequestToken(const std::string& idempotency_token);

// ListSecrets accepts at most 10 values in one filter.
inline constexpr size_t kMaxSecretsFilterValues = 10;

}  // namespace pave::aws_provider
