// The `metadata` section of the platform file: name, region, account guard, tags.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "platform/blueprint.h"
#include "platform/yaml_checks.h"

namespace pave {

// AWS allows 50 tags per resource; pave adds pave:platform, pave:address, pave:token and
// pave:lineage to each, so a resource may carry at most 46 of the user's.
inline constexpr size_t kManagedTagCount = 4;
inline constexpr size_t kMaxUserTags = 50 - kManagedTagCount;

// Reads `metadata` (the value node; `key` is its key, for errors when it is empty). Errors go
// to `errors`; the fields that were valid are filled anyway.
PlatformMetadata ParseMetadata(const YAML::Node& key, const YAML::Node& node,
                               FileErrors& errors);

// a-z, 0-9 and '-', starting with a letter, not ending with '-', at most 63 characters.
bool IsValidPlatformName(std::string_view name);
// "eu-west-1", "us-gov-west-1", "ap-southeast-3": two letters, words, a number.
bool IsValidRegionName(std::string_view region);
// Exactly 12 digits.
bool IsValidAccountId(std::string_view account);

}  // namespace pave
