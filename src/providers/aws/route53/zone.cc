// aws_route53_zone. Read is batched: ListHostedZones (all pages, 100 zones a page) for every
// zone at once, and ListTagsForResources for up to 10 zones a call; the name servers are kept
// from state (a zone's delegation set never changes), asked with GetHostedZone only when
// state has none.
#include <algorithm>
#include <map>
#include <set>

#include "aws/unsupported_operations.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/route53/route53_types.h"

namespace pave::aws_provider {
namespace {

// ListTagsForResources accepts at most 10 ids in one call.
constexpr size_t kMaxTagIds = 10;

ResourceSchema ZoneSchema() {
  ResourceSchema s;
  s.type = "aws_route53_zone";
  s.description = "a public Route53 hosted zone";
  s.attributes = {
      Required("name", AttrType::kString, "the domain, e.g. prod.example.org", true),
      Optional("comment", AttrType::kString, "shown in the Route53 console", Value("managed by pave")),
      TagsAttribute(),
      Stable("zone_id", AttrType::kString, "the hosted zone id, e.g. Z0123456789ABC"),
      Stable("name_servers", AttrType::kList, "the zone's four name servers"),
      ArnAttribute(),
  };
  s.typical_create = std::chrono::seconds(5);
  return s;
}

// Record sets every zone has and that go away with it: the apex SOA and NS.
bool IsApexRecord(const Value& record, const std::string& zone_name) {
  std::string type = GetString(record, "Type");
  return (type == "SOA" || type == "NS") && NormalizeDnsName(GetString(record, "Name")) == NormalizeDnsName(zone_name);
}

class ZoneType : public AwsResourceType {
 public:
  explicit ZoneType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), ZoneSchema()), records_(deps_.client, &poller_) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"Name", GetString(desired, "name")},
                   {"CallerReference", ctx.idempotency_token},
                   {"HostedZoneConfig", {{"Comment", GetString(desired, "comment")}, {"PrivateZone", false}}}};
    Result<Value> made = R53("CreateHostedZone", input);
    std::string zone_id;
    if (made.ok()) {
      zone_id = BareZoneId(GetString((*made)["HostedZone"], "Id"));
    } else if (made.status().reason() == "HostedZoneAlreadyExists") {
      // The same CallerReference: a retry of a create that went through. Adopt that zone.
      ASSIGN_OR_RETURN(std::optional<Value> mine, ByCallerReference(ctx.idempotency_token));
      if (!mine) return made.status();
      zone_id = BareZoneId(GetString(*mine, "Id"));
    } else {
      return made.status();
    }
    ctx.Created({{"id", zone_id}, {"zone_id", zone_id}, {"name", GetString(desired, "name")}});  // before tagging
    RETURN_IF_ERROR(SyncTags(ctx, zone_id, Value::object(), desired, /*with_token=*/true));
    return ReadBack(ctx, {{"id", zone_id}, {"zone_id", zone_id}, {"name", GetString(desired, "name")}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(Value listed, client()->CallAllPages("route53", "ListHostedZones", Value::object()));
    std::map<std::string, Value> zones;
    for (const Value& z : listed.value("HostedZones", Value::array())) zones[BareZoneId(GetString(z, "Id"))] = z;
    std::vector<std::string> ids;
    for (const ReadRequest& r : requests) {
      if (zones.count(GetString(r.prior, "id"))) ids.push_back(GetString(r.prior, "id"));
    }
    ASSIGN_OR_RETURN(auto tags, TagsOf(ids));
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      std::string id = GetString(r.prior, "id");
      auto it = zones.find(id);
      if (it == zones.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      const Value& z = it->second;
      Value a = {{"id", id},
                 {"zone_id", id},
                 {"name", NormalizeDnsName(GetString(r.prior, "name")) == NormalizeDnsName(GetString(z, "Name"))
                              ? GetString(r.prior, "name")
                              : NormalizeDnsName(GetString(z, "Name"))},
                 {"comment", GetString(z.value("Config", Value::object()), "Comment")},
                 {"tags", UserTags(tags[id])},
                 {"arn", "arn:aws:route53:::hostedzone/" + id}};
      Value ns = r.prior.value("name_servers", Value());
      if (!ns.is_array() || ns.empty()) {
        ASSIGN_OR_RETURN(Value got, R53("GetHostedZone", {{"Id", id}}));
        ns = got.value("DelegationSet", Value::object()).value("NameServers", Value::array());
      }
      a["name_servers"] = ns;
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    if (GetString(prior, "comment") != GetString(desired, "comment")) {
      RETURN_IF_ERROR(R53("UpdateHostedZoneComment", {{"Id", id}, {"Comment", GetString(desired, "comment")}}).status());
    }
    RETURN_IF_ERROR(SyncTags(ctx, id, prior, desired, /*with_token=*/false));
    Value key = prior;
    return ReadBack(ctx, key);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Result<std::vector<Value>> listed = records_.List(id);
    if (!listed.ok()) return IsNoSuchZone(listed.status()) ? Status::Ok() : listed.status();
    Value changes = Value::array();
    std::string names;
    for (const Value& r : *listed) {
      if (IsApexRecord(r, GetString(prior, "name"))) continue;
      changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", r}});
      if (changes.size() <= 3) names += (names.empty() ? "" : ", ") + GetString(r, "Name") + " " + GetString(r, "Type");
    }
    if (!changes.empty()) {
      std::string what = std::to_string(changes.size()) + " record set(s) pave did not make (" + names +
                         (changes.size() > 3 ? ", ..." : "") + ")";
      if (!ctx.allow_data_loss) {
        return Status::FailedPrecondition("hosted zone " + GetString(prior, "name") + " holds " + what +
                                          ": pave deletes them only with --allow-data-loss");
      }
      ctx.Progress("deleting the " + what + " of zone " + GetString(prior, "name"));
      // Route53 takes up to 1,000 changes in one batch; delete in slices of 100.
      for (size_t start = 0; start < changes.size(); start += 100) {
        Value slice = Value::array();
        for (size_t i = start; i < std::min(changes.size(), start + 100); ++i) slice.push_back(changes[i]);
        Status s = records_.Change(ctx, id, slice);
        if (!s.ok()) return IsNoSuchZone(s) ? Status::Ok() : s;
      }
    }
    Status s = poller().RetryWhile(ctx, "deleting hosted zone " + GetString(prior, "name"), {"HostedZoneNotEmpty", "PriorRequestNotComplete"},
                                   [&]() { return R53("DeleteHostedZone", {{"Id", id}}).status(); });
    return IsNoSuchZone(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(std::optional<Value> mine, ByCallerReference(ctx.idempotency_token));
    if (!mine) return std::optional<Value>();
    std::string id = BareZoneId(GetString(*mine, "Id"));
    RETURN_IF_ERROR(SyncTags(ctx, id, Value::object(), desired, /*with_token=*/true));
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, {{"id", id}, {"name", GetString(desired, "name")}}}}));
    return got.empty() ? std::optional<Value>() : got[0];
  }

 private:
  Result<Value> R53(const std::string& op, const Value& input) const { return client()->Call("route53", op, input); }

  // The zone made by the create call with this CallerReference (the idempotency token).
  Result<std::optional<Value>> ByCallerReference(const std::string& token) const {
    if (token.empty()) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value listed, client()->CallAllPages("route53", "ListHostedZones", Value::object()));
    for (const Value& z : listed.value("HostedZones", Value::array())) {
      if (GetString(z, "CallerReference") == token) return std::optional<Value>(z);
    }
    return std::optional<Value>();
  }

  Status SyncTags(const OperationContext& ctx, const std::string& id, const Value& prior, const Value& desired,
                  bool with_token) const {
    Value input = {{"ResourceType", "hostedzone"},
                   {"ResourceId", id},
                   {"AddTags", TagMapToList(TagsForCreate(ctx, desired, with_token))}};
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) input["RemoveTagKeys"] = removed;
    return R53("ChangeTagsForResource", input).status();
  }

  // Tag lists by zone id, 10 zones a call; one ListTagsForResource per zone where the
  // endpoint lacks the batch form (remembered for the rest of the run).
  Result<std::map<std::string, Value>> TagsOf(const std::vector<std::string>& ids) const {
    std::map<std::string, Value> out;
    for (size_t start = 0; start < ids.size(); start += kMaxTagIds) {
      Value chunk = Value::array();
      for (size_t i = start; i < std::min(ids.size(), start + kMaxTagIds); ++i) chunk.push_back(ids[i]);
      if (!unsupported_.IsKnownUnsupported("route53", "ListTagsForResources")) {
        Result<Value> got = R53("ListTagsForResources", {{"ResourceType", "hostedzone"}, {"ResourceIds", chunk}});
        if (got.ok()) {
          for (const Value& set : got->value("ResourceTagSets", Value::array())) {
            out[BareZoneId(GetString(set, "ResourceId"))] = set.value("Tags", Value::array());
          }
          continue;
        }
        if (!unsupported_.RememberIfUnsupported("route53", "ListTagsForResources", got.status())) return got.status();
      }
      for (const Value& id : chunk) {
        ASSIGN_OR_RETURN(Value got, R53("ListTagsForResource", {{"ResourceType", "hostedzone"}, {"ResourceId", id}}));
        out[id.get<std::string>()] = got.value("ResourceTagSet", Value::object()).value("Tags", Value::array());
      }
    }
    return out;
  }

  mutable aws::UnsupportedOperations unsupported_;  // batch reads this endpoint lacks

  Route53Records records_;
};

}  // namespace

std::unique_ptr<ResourceType> NewRoute53ZoneType(AwsTypeDeps deps) { return std::make_unique<ZoneType>(std::move(deps)); }

}  // namespace pave::aws_provider
