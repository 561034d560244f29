#include "providers/aws/common/tags.h"

#include <string>

namespace pave::aws_provider {

bool IsManagedTagKey(std::string_view key) { return key.substr(0, 5) == "pave:"; }

namespace {
std::string Member(const Value& tag, const char* upper, const char* lower) {
  if (tag.contains(upper) && tag[upper].is_string()) return tag[upper].get<std::string>();
  if (tag.contains(lower) && tag[lower].is_string()) return tag[lower].get<std::string>();
  return "";
}
}  // namespace

Value TagListToMap(const Value& list) {
  Value out = Value::object();
  if (!list.is_array()) return out;
  for (const Value& tag : list) out[Member(tag, "Key", "key")] = Member(tag, "Value", "value");
  return out;
}

Value TagMapToList(const Value& map) {
  Value out = Value::array();
  if (!map.is_object()) return out;
  for (auto it = map.begin(); it != map.end(); ++it) {  // nlohmann objects iterate sorted
    out.push_back({{"Key", it.key()}, {"Value", it.value().is_string() ? it.value().get<std::string>()
                                                                        : it.value().dump()}});
  }
  return out;
}

Value UserTags(const Value& tag_list) {
  Value all = TagListToMap(tag_list);
  Value out = Value::object();
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (!IsManagedTagKey(it.key())) out[it.key()] = it.value();
  }
  return out;
}

Value TagsForCreate(const OperationContext& ctx, const Value& desired, bool with_token) {
  Value tags = Value::object();
  if (desired.is_object() && desired.contains("tags") && desired["tags"].is_object()) {
    for (auto it = desired["tags"].begin(); it != desired["tags"].end(); ++it) {
      if (!IsManagedTagKey(it.key())) tags[it.key()] = it.value();
    }
  }
  tags[std::string(kTagPlatform)] = ctx.platform;
  tags[std::string(kTagAddress)] = ctx.address.ToString();
  if (!ctx.lineage.empty()) tags[std::string(kTagLineage)] = ctx.lineage;
  if (with_token && !ctx.idempotency_token.empty()) {
    tags[std::string(kTagToken)] = ctx.idempotency_token;
  }
  return tags;
}

Value TagSpecifications(const std::string& resource_type, const Value& tag_map) {
  return Value::array({{{"ResourceType", resource_type}, {"Tags", TagMapToList(tag_map)}}});
}

bool TaggedAs(const Value& tag_list, const std::string& platform, const std::string& address) {
  Value tags = TagListToMap(tag_list);
  return tags.value(std::string(kTagPlatform), "") == platform &&
         tags.value(std::string(kTagAddress), "") == address;
}

std::string TokenTag(const Value& tag_list) {
  return TagListToMap(tag_list).value(std::string(kTagToken), "");
}

Ownership OwnershipOf(const OperationContext& ctx, const Value& tag_list) {
  Value tags = TagListToMap(tag_list);
  bool pave_tagged = false;
  for (auto it = tags.begin(); it != tags.end(); ++it) pave_tagged = pave_tagged || IsManagedTagKey(it.key());
  if (!pave_tagged) return Ownership::kUntagged;
  std::string lineage = tags.value(std::string(kTagLineage), "");
  if (!lineage.empty()) return lineage == ctx.lineage ? Ownership::kOurs : Ownership::kForeign;
  std::string token = tags.value(std::string(kTagToken), "");
  if (!token.empty() && token == ctx.idempotency_token) return Ownership::kOurs;
  return ctx.lineage.empty() ? Ownership::kOurs : Ownership::kForeign;  // no lineage known: as before
}

Status ForeignResourceError(const OperationContext& ctx, const Value& tag_list, const std::string& what) {
  Value tags = TagListToMap(tag_list);
  std::string theirs = tags.value(std::string(kTagLineage), "");
  std::string owner = theirs.empty() ? "pave state of unknown lineage (no pave:lineage tag, platform \"" +
                                           tags.value(std::string(kTagPlatform), "") + "\")"
                                     : "another pave state (lineage " + theirs + ")";
  return Status::FailedPrecondition(
      what + " exists and belongs to " + owner + ", not to this state (lineage " + ctx.lineage + ") of " +
      ctx.address.ToString() + ": pave does not take it over; rename it here or destroy it from its own directory");
}

Result<bool> Adoptable(const OperationContext& ctx, const Value& tag_list, const std::string& what) {
  if (!TaggedAs(tag_list, ctx.platform, ctx.address.ToString())) return false;
  if (OwnershipOf(ctx, tag_list) == Ownership::kForeign) return ForeignResourceError(ctx, tag_list, what);
  return true;
}

Value RemovedTagKeys(const Value& before, const Value& after) {
  Value out = Value::array();
  if (!before.is_object()) return out;
  for (auto it = before.begin(); it != before.end(); ++it) {
    if (IsManagedTagKey(it.key())) continue;
    if (!after.is_object() || !after.contains(it.key())) out.push_back(it.key());
  }
  return out;
}

}  // namespace pave::aws_provider
