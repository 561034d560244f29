// The KMS resource types: aws_kms_key (a customer managed key, rotation on by default,
// scheduled for deletion with a waiting period, never deleted at once) and aws_kms_alias.
// Other sections reference a key as "${aws_kms_key.<name>.arn}" or ".key_id".
#pragma once

#include <memory>

#include "core/value.h"
#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewKmsKeyType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewKmsAliasType(AwsTypeDeps deps);

// Adds aws_kms_key and aws_kms_alias to the registry.
void RegisterKmsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// KMS spells tags [{"TagKey":k,"TagValue":v}]: to and from the {"k":"v"} map.
Value KmsTagList(const Value& tag_map);
Value KmsTagMap(const Value& tag_list);

}  // namespace pave::aws_provider
