// aws_route53_zone (a spec). Read is batched: ListHostedZones (all pages, 100 zones a page)
// for every zone at once, and ListTagsForResources for up to 10 zones a call (one
// ListTagsForResource a zone where the endpoint lacks it); the name servers are kept from
// state (a zone's delegation set never changes), asked with GetHostedZone only when state has
// none. The CallerReference is the create's token, so a retried create finds its zone by it.
#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/route53/route53_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// Record sets every zone has and that go away with it: the apex SOA and NS.
bool IsApexRecord(const Value& record, const std::string& zone_name) {
  std::string type = GetString(record, "Type");
  return (type == "SOA" || type == "NS") && NormalizeDnsName(GetString(record, "Name")) == NormalizeDnsName(zone_name);
}

// The name as written when Route53's spelling means the same; the zone's id.
bool CompleteZone(const SpecEnv&, const Value& item, const Value& prior, Value* attrs) {
  std::string listed = NormalizeDnsName(GetString(item, "Name"));
  (*attrs)["name"] = NormalizeDnsName(GetString(prior, "name")) == listed ? GetString(prior, "name") : listed;
  (*attrs)["zone_id"] = (*attrs)["id"];
  if (!attrs->contains("comment")) (*attrs)["comment"] = "";
  return true;
}

Status NameServers(const SpecEnv& env, const Value& prior, Value* attrs) {
  Value ns = prior.value("name_servers", Value());
  if (!ns.is_array() || ns.empty()) {
    ASSIGN_OR_RETURN(Value got, env.client->Call("route53", "GetHostedZone", {{"Id", GetString(*attrs, "id")}}));
    ns = got.value("DelegationSet", Value::object()).value("NameServers", Value::array());
  }
  (*attrs)["name_servers"] = ns;
  return Status::Ok();
}

// The zone made by the create call with this CallerReference (the idempotency token).
Result<std::optional<std::string>> ByCallerReference(const SpecEnv& env, const OperationContext& ctx, const Value&) {
  if (ctx.idempotency_token.empty()) return std::optional<std::string>();
  ASSIGN_OR_RETURN(Value listed, env.client->CallAllPages("route53", "ListHostedZones", Value::object()));
  for (const Value& z : listed.value("HostedZones", Value::array())) {
    if (GetString(z, "CallerReference") == RequestToken(ctx.idempotency_token, 1)) {
      return std::optional<std::string>(BareZoneId(GetString(z, "Id")));
    }
  }
  return std::optional<std::string>();
}

// Route53 deletes only an empty zone: the record sets pave did not make (those it made are
// deleted before the zone) go first, and only with --allow-data-loss.
Status EmptyZone(const SpecEnv& env, const std::string& id) {
  const OperationContext& ctx = *env.ctx;
  Route53Records records(env.client, env.poller);
  ASSIGN_OR_RETURN(Value got, env.client->Call("route53", "GetHostedZone", {{"Id", id}}));
  std::string zone = NormalizeDnsName(GetString(got.value("HostedZone", Value::object()), "Name"));
  ASSIGN_OR_RETURN(std::vector<Value> listed, records.List(id));
  Value changes = Value::array();
  std::string names;
  for (const Value& r : listed) {
    if (IsApexRecord(r, zone)) continue;
    changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", r}});
    if (changes.size() <= 3) names += (names.empty() ? "" : ", ") + GetString(r, "Name") + " " + GetString(r, "Type");
  }
  if (changes.empty()) return Status::Ok();
  std::string what = std::to_string(changes.size()) + " record set(s) pave did not make (" + names +
                     (changes.size() > 3 ? ", ..." : "") + ")";
  if (!ctx.allow_data_loss) {
    return Status::FailedPrecondition("hosted zone " + zone + " holds " + what +
                                      ": pave deletes them only with --allow-data-loss");
  }
  ctx.Progress("deleting the " + what + " of zone " + zone);
  // Route53 takes up to 1,000 changes in one batch; delete in slices of 100.
  for (size_t start = 0; start < changes.size(); start += 100) {
    Value slice = Value::array();
    for (size_t i = start; i < std::min(changes.size(), start + 100); ++i) slice.push_back(changes[i]);
    RETURN_IF_ERROR(records.Change(ctx, id, slice));
  }
  return Status::Ok();
}

ResourceSpec ZoneSpec() {
  return {
      .type = "aws_route53_zone",
      .description = "a public Route53 hosted zone",
      .service = "route53",
      .attributes = {
          {.name = "name", .required = true, .force_new = true, .description = "the domain, e.g. prod.example.org",
           .create_member = "Name"},
          {.name = "comment", .description = "shown in the Route53 console", .default_value = Value("managed by pave"),
           .create_member = "HostedZoneConfig.Comment", .read_member = "Config.Comment"},
          {.name = "tags"},
          {.name = "zone_id", .computed = true, .stable = true, .description = "the hosted zone id, e.g. Z0123456789ABC"},
          {.name = "name_servers", .type = AttrType::kList, .computed = true, .stable = true,
           .description = "the zone's four name servers"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"}},
      .arn_format = "arn:aws:route53:::hostedzone/{id}",
      .create = {.operation = "CreateHostedZone", .id_output = "HostedZone.Id",
                 .conflict_codes = {"HostedZoneAlreadyExists"}, .token_member = "CallerReference",
                 .constants = {{"HostedZoneConfig.PrivateZone", false}}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListHostedZones", .result_key = "HostedZones",
               .item_key = "Id", .key_last_step = true},
      .updates = {{.operation = "UpdateHostedZoneComment", .key_member = "Id", .members = {{"comment", "Comment"}}}},
      .tags = {.style = TagStyle::kRoute53, .tag_operation = "ChangeTagsForResource", .resource_member = "ResourceId",
               .resource_attribute = "id", .resource_constants = {{"ResourceType", "hostedzone"}},
               .tags_member = "AddTags", .keys_member = "RemoveTagKeys", .list_operation = "ListTagsForResource",
               .list_result = "ResourceTagSet.Tags", .batch_list_operation = "ListTagsForResources",
               .batch_ids_member = "ResourceIds", .batch_result = "ResourceTagSets"},
      .del = {.operation = "DeleteHostedZone", .key_member = "Id", .gone_codes = {"NoSuchHostedZone"},
              .retry_codes = {"HostedZoneNotEmpty", "PriorRequestNotComplete"}},
      .find = FindStyle::kByToken,
      .typical_create = std::chrono::seconds(5),
      .hooks = {.read = CompleteZone, .read_detail = NameServers, .before_delete = EmptyZone,
                .find_key = ByCallerReference},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewRoute53ZoneType(AwsTypeDeps deps) { return NewSpecType(std::move(deps), ZoneSpec()); }

}  // namespace pave::aws_provider
