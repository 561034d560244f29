// Tags: how pave marks what it creates. Every taggable resource carries the user's tags plus
//   pave:platform  metadata.name of the platform
//   pave:address   the resource address, "aws_subnet.private_a"
//   pave:token     the idempotency token of the create call that made it
//   pave:lineage   the lineage of the state that made it (one per .pave/ directory)
// set in the create call itself (TagSpecifications), so a crash never leaves an untagged
// resource, and so Find can adopt what a crashed create made. The pave:* tags are managed:
// they never appear in the "tags" attribute and updates never remove them.
// Adoption (Find) takes only what carries this state's lineage, or, made before pave tagged
// lineage, no lineage tag but this run's token: two checkouts of one platform file (same
// name, same addresses) never take over each other's resources.
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"
#include "engine/resource_type.h"

namespace pave::aws_provider {

inline constexpr std::string_view kTagPlatform = "pave:platform";
inline constexpr std::string_view kTagAddress = "pave:address";
inline constexpr std::string_view kTagToken = "pave:token";
inline constexpr std::string_view kTagLineage = "pave:lineage";

bool IsManagedTagKey(std::string_view key);

// [{"Key":k,"Value":v}...] (any case of key/value member names) -> {"k":"v"}.
Value TagListToMap(const Value& list);
// {"k":"v"} -> [{"Key":k,"Value":v}...], sorted by key.
Value TagMapToList(const Value& map);
// The user's tags of an AWS item's tag list: the map without pave:* keys.
Value UserTags(const Value& tag_list);
// desired["tags"] (may be absent) plus the managed tags for ctx; the token only when asked.
Value TagsForCreate(const OperationContext& ctx, const Value& desired, bool with_token = true);
// [{"ResourceType": type, "Tags": [...]}] for EC2 create calls.
Value TagSpecifications(const std::string& resource_type, const Value& tag_map);
// True when the item's tag list says it is `address` of `platform`.
bool TaggedAs(const Value& tag_list, const std::string& platform, const std::string& address);
// The pave:token tag of an item's tag list, or "".
std::string TokenTag(const Value& tag_list);

// Whether this state may adopt an existing item with `tag_list` (any item: no platform or
// address check). kForeign: it carries pave tags of another state — a different lineage, or
// pave tags without lineage and without this run's token.
enum class Ownership { kOurs, kUntagged, kForeign };
Ownership OwnershipOf(const OperationContext& ctx, const Value& tag_list);
// For Find by name: true when the item is tagged as ctx's platform and address and this
// state may adopt it; false when it is not pave's resource at that address; FailedPrecondition
// (ForeignResourceError) when another state's resource of the same platform and address.
Result<bool> Adoptable(const OperationContext& ctx, const Value& tag_list, const std::string& what);
// FailedPrecondition for a kForeign item: names both lineages and the address.
Status ForeignResourceError(const OperationContext& ctx, const Value& tag_list, const std::string& what);

// Keys present in `before` but not in `after` (both maps), ignoring pave:* keys.
Value RemovedTagKeys(const Value& before, const Value& after);

}  // namespace pave::aws_provider
