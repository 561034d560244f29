// aws_route53_record (a spec). Every write is one ChangeResourceRecordSets batch, waited on
// until INSYNC (botocore's ResourceRecordSetsChanged, given the change's id). A create uses
// CREATE, not UPSERT, so pave never silently takes over a record someone else made: Route53
// refuses it (InvalidChangeBatch), and the record is adopted only when it holds exactly the
// desired values (a retry after a crash). Read is batched per zone: one ListResourceRecordSets
// listing (all pages) for every record of that zone. Only the zone forces a replacement: a new
// name or type is one atomic DELETE + CREATE batch.
#include <map>
#include <set>

#include "providers/aws/common/attrs.h"
#include "providers/aws/route53/route53_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr const char* kSet = "ChangeBatch.Changes.ResourceRecordSet.";

std::string RecordId(const Value& v) {
  return BareZoneId(GetString(v, "zone_id")) + "_" + NormalizeDnsName(GetString(v, "name")) + "_" +
         GetString(v, "type");
}

// Same strings, in any order.
bool SameValues(const Value& a, const Value& b) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::multiset<std::string> x, y;
  for (const Value& v : a) x.insert(v.is_string() ? v.get<std::string>() : v.dump());
  for (const Value& v : b) y.insert(v.is_string() ? v.get<std::string>() : v.dump());
  return x == y;
}

Value SetOf(const Value& v) {
  return RecordSet(GetString(v, "name"), GetString(v, "type"), GetInt(v, "ttl", 300), v.value("records", Value::array()));
}

// The whole input of a change batch to the zone of `v`.
Value Batch(const Value& v, Value changes) {
  return {{"HostedZoneId", BareZoneId(GetString(v, "zone_id"))}, {"ChangeBatch", {{"Changes", std::move(changes)}}}};
}

Value ChangeOf(const std::string& action, Value set) { return {{"Action", action}, {"ResourceRecordSet", std::move(set)}}; }

// Attributes from a record set, keeping the name and value order as written when they mean
// the same.
Value Attributes(const Value& prior, const Value& set) {
  std::string name = GetString(prior, "name");
  std::string fqdn = NormalizeDnsName(GetString(set, "Name"));
  if (NormalizeDnsName(name) != fqdn) name = fqdn;
  Value values = RecordValues(set);
  Value prior_values = prior.value("records", Value::array());
  Value attrs = {{"zone_id", GetString(prior, "zone_id")},
                 {"name", name},
                 {"type", GetString(set, "Type")},
                 {"ttl", GetInt(set, "TTL", 300)},
                 {"records", SameValues(values, prior_values) ? prior_values : values},
                 {"fqdn", fqdn}};
  attrs["id"] = RecordId(attrs);
  return attrs;
}

// One listing per zone for all of its records; a zone gone holds none.
Result<std::vector<std::optional<Value>>> ReadRecords(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  Route53Records records(env.client, env.poller);
  std::map<std::string, std::map<std::string, Value>> by_zone;  // zone -> record id -> set
  for (const ReadRequest& r : requests) {
    std::string zone = BareZoneId(GetString(r.prior, "zone_id"));
    if (by_zone.count(zone)) continue;
    auto& index = by_zone[zone];
    Result<std::vector<Value>> listed = records.List(zone);
    if (!listed.ok() && !IsNoSuchZone(listed.status())) return listed.status();
    for (const Value& set : listed.ok() ? *listed : std::vector<Value>()) {
      index[RecordId({{"zone_id", zone}, {"name", GetString(set, "Name")}, {"type", GetString(set, "Type")}})] = set;
    }
  }
  std::vector<std::optional<Value>> out;
  for (const ReadRequest& r : requests) {
    const auto& index = by_zone[BareZoneId(GetString(r.prior, "zone_id"))];
    auto it = index.find(RecordId(r.prior));
    out.push_back(it == index.end() ? std::nullopt : std::optional<Value>(Attributes(r.prior, it->second)));
  }
  return out;
}

// The record as Route53 holds it now, nullopt when it or its zone is gone.
Result<std::optional<Value>> Current(const SpecEnv& env, const Value& v) {
  Result<std::optional<Value>> found =
      Route53Records(env.client, env.poller).Find(GetString(v, "zone_id"), GetString(v, "name"), GetString(v, "type"));
  if (!found.ok() && IsNoSuchZone(found.status())) return std::optional<Value>();
  return found;
}

// Only a record holding exactly what pave would have written counts as pave's.
Result<std::optional<std::string>> FindRecord(const SpecEnv& env, const OperationContext&, const Value& desired) {
  ASSIGN_OR_RETURN(std::optional<Value> found, Current(env, desired));
  if (!found || !SameValues(RecordValues(*found), desired.value("records", Value::array()))) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(RecordId(desired));
}

// Same name and type: UPSERT. Another name or type: DELETE the old record (as it is now) and
// CREATE the new one in one batch, which Route53 applies atomically.
Status UpdateBatch(const SpecEnv& env, const Value& prior, const Value& desired, Value* input) {
  Value changes = Value::array();
  if (RecordId(prior) == RecordId(desired)) {
    changes.push_back(ChangeOf("UPSERT", SetOf(desired)));
  } else {
    ASSIGN_OR_RETURN(std::optional<Value> old, Current(env, prior));
    if (old) changes.push_back(ChangeOf("DELETE", *old));
    changes.push_back(ChangeOf("CREATE", SetOf(desired)));
  }
  *input = Batch(desired, std::move(changes));
  return Status::Ok();
}

// DELETE must name the record's current values: read them rather than trust state.
Status DeleteBatch(const SpecEnv& env, const Value& prior, Value* input) {
  ASSIGN_OR_RETURN(std::optional<Value> current, Current(env, prior));
  if (!current) return Status::NotFound("record " + RecordId(prior) + " is gone");
  *input = Batch(prior, Value::array({ChangeOf("DELETE", *current)}));
  return Status::Ok();
}

ResourceSpec RecordSpec() {
  const std::string set = kSet;
  return {
      .type = "aws_route53_record",
      .description = "a record set in a Route53 hosted zone",
      .service = "route53",
      .id_parts = {"zone_id", "name", "type"},
      .attributes =
          {
              {.name = "zone_id", .required = true, .force_new = true, .description = "the hosted zone"},
              {.name = "name", .required = true, .description = "the record name, e.g. api.prod.example.org",
               .create_member = set + "Name"},
              {.name = "type", .required = true, .description = "A, AAAA, CNAME, TXT, NS, MX ...",
               .create_member = set + "Type"},
              {.name = "ttl", .type = AttrType::kInt, .description = "seconds resolvers may cache the record",
               .default_value = Value(300), .create_member = set + "TTL"},
              {.name = "records", .type = AttrType::kList, .required = true,
               .description = "the values (TXT values in double quotes)", .create_member = set + "ResourceRecords"},
              {.name = "fqdn", .computed = true,
               .description = "the record name as Route53 stores it, without the final dot"},
          },
      .create = {.operation = "ChangeResourceRecordSets", .pending_codes = {"InvalidChangeBatch"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListResourceRecordSets",
               .result_key = "ResourceRecordSets"},
      .updates = {{.operation = "ChangeResourceRecordSets",
                   .members = {{"name", set + "Name"}, {"type", set + "Type"}, {"ttl", set + "TTL"},
                               {"records", set + "ResourceRecords"}},
                   .fill = UpdateBatch}},
      .del = {.operation = "ChangeResourceRecordSets", .gone_codes = {"NoSuchHostedZone"}},
      .find = FindStyle::kByContent,
      .change_wait = {.waiter = "ResourceRecordSetsChanged", .id_output = "ChangeInfo.Id", .id_member = "Id"},
      .hooks = {.create_input =
                    [](const SpecEnv&, const Value& desired, Value* input) {
                      *input = Batch(desired, Value::array({ChangeOf("CREATE", SetOf(desired))}));
                      return Status::Ok();
                    },
                .read_batch = ReadRecords,
                .find_key = FindRecord,
                .id_of = RecordId,
                .delete_input = DeleteBatch,
                .written = [](const Value& written) { return Attributes(written, SetOf(written)); }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewRoute53RecordType(AwsTypeDeps deps) { return NewSpecType(std::move(deps), RecordSpec()); }

}  // namespace pave::aws_provider
