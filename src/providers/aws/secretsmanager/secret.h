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

// ListSecrets accepts at most 10 values in one filter.
inline constexpr size_t kMaxSecretsFilterValues = 10;

}  // namespace pave::aws_provider
