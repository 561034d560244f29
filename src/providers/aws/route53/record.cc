// aws_route53_record. Read is batched per zone: one ListResourceRecordSets listing (all pages)
// per zone for every record of that zone. A create uses CREATE, not UPSERT, so pave never
// silently takes over a record someone else made: when the record already holds exactly the
// desired values (a retry after a crash) it is adopted, otherwise the create fails. Only the
// zone forces a replacement: a new name or type is one atomic DELETE + CREATE batch.
#include <map>
#include <set>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/route53/route53_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema RecordSchema() {
  ResourceSchema s;
  s.type = "aws_route53_record";
  s.description = "a record set in a Route53 hosted zone";
  s.attributes = {
      Required("zone_id", AttrType::kString, "the hosted zone", true),
      Required("name", AttrType::kString, "the record name, e.g. api.prod.example.org"),
      Required("type", AttrType::kString, "A, AAAA, CNAME, TXT, NS, MX ..."),
      Optional("ttl", AttrType::kInt, "seconds resolvers may cache the record", Value(300)),
      Required("records", AttrType::kList, "the values (TXT values in double quotes)"),
      Computed("fqdn", AttrType::kString, "the record name as Route53 stores it, without the final dot"),
  };
  return s;
}

std::string RecordId(const std::string& zone_id, const std::string& name, const std::string& type) {
  return BareZoneId(zone_id) + "_" + NormalizeDnsName(name) + "_" + type;
}

// Same strings, in any order.
bool SameValues(const Value& a, const Value& b) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::multiset<std::string> x, y;
  for (const Value& v : a) x.insert(v.is_string() ? v.get<std::string>() : v.dump());
  for (const Value& v : b) y.insert(v.is_string() ? v.get<std::string>() : v.dump());
  return x == y;
}

class RecordType : public AwsResourceType {
 public:
  explicit RecordType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), RecordSchema()), records_(deps_.client, &poller_) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string zone = GetString(desired, "zone_id");
    Status s = records_.Change(ctx, zone, Value::array({Change("CREATE", desired)}));
    if (!s.ok() && s.reason() == "InvalidChangeBatch") {
      ASSIGN_OR_RETURN(std::optional<Value> found, Find(ctx, desired));
      if (!found) return s.WithContext("record " + GetString(desired, "name") + " " + GetString(desired, "type"));
      return *found;
    }
    RETURN_IF_ERROR(s);
    return ToAttributes(desired, RecordSet(GetString(desired, "name"), GetString(desired, "type"), Ttl(desired),
                                           desired.value("records", Value::array())));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::map<std::string, std::map<std::string, Value>> by_zone;  // zone -> record id -> set
    std::set<std::string> gone_zones;
    for (const ReadRequest& r : requests) {
      std::string zone = BareZoneId(GetString(r.prior, "zone_id"));
      if (by_zone.count(zone) || gone_zones.count(zone)) continue;
      Result<std::vector<Value>> listed = records_.List(zone);
      if (!listed.ok()) {
        if (!IsNoSuchZone(listed.status())) return listed.status();
        gone_zones.insert(zone);
        continue;
      }
      auto& index = by_zone[zone];
      for (const Value& set : *listed) index[RecordId(zone, GetString(set, "Name"), GetString(set, "Type"))] = set;
    }
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      std::string zone = BareZoneId(GetString(r.prior, "zone_id"));
      auto z = by_zone.find(zone);
      const std::string id = RecordId(zone, GetString(r.prior, "name"), GetString(r.prior, "type"));
      if (z == by_zone.end() || !z->second.count(id)) {
        out.push_back(std::nullopt);
        continue;
      }
      out.push_back(ToAttributes(r.prior, z->second[id]));
    }
    return out;
  }

  // Same name and type: UPSERT. Another name or type: DELETE the old record and CREATE the new
  // one in one batch, which Route53 applies atomically.
  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string zone = GetString(desired, "zone_id");
    Value changes = Value::array();
    if (NormalizeDnsName(GetString(prior, "name")) == NormalizeDnsName(GetString(desired, "name")) &&
        GetString(prior, "type") == GetString(desired, "type")) {
      changes.push_back(Change("UPSERT", desired));
    } else {
      ASSIGN_OR_RETURN(std::optional<Value> old, records_.Find(zone, GetString(prior, "name"), GetString(prior, "type")));
      if (old) changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", *old}});
      changes.push_back(Change("CREATE", desired));
    }
    RETURN_IF_ERROR(records_.Change(ctx, zone, changes));
    return ToAttributes(desired, RecordSet(GetString(desired, "name"), GetString(desired, "type"), Ttl(desired),
                                           desired.value("records", Value::array())));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string zone = GetString(prior, "zone_id");
    // DELETE must name the record's current values: read them rather than trust state.
    Result<std::optional<Value>> current = records_.Find(zone, GetString(prior, "name"), GetString(prior, "type"));
    if (!current.ok()) return IsNoSuchZone(current.status()) ? Status::Ok() : current.status();
    if (!*current) return Status::Ok();
    Status s = records_.Change(ctx, zone, Value::array({{{"Action", "DELETE"}, {"ResourceRecordSet", **current}}}));
    return IsNoSuchZone(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    std::string zone = GetString(desired, "zone_id");
    Result<std::optional<Value>> found = records_.Find(zone, GetString(desired, "name"), GetString(desired, "type"));
    if (!found.ok()) return IsNoSuchZone(found.status()) ? Result<std::optional<Value>>(std::nullopt) : found.status();
    // Only a record holding exactly what pave would have written counts as pave's.
    if (!*found || !SameValues(RecordValues(**found), desired.value("records", Value::array()))) {
      return std::optional<Value>();
    }
    return std::optional<Value>(ToAttributes(desired, **found));
  }

 private:
  static int64_t Ttl(const Value& v) { return GetInt(v, "ttl", 300); }

  static Value Change(const std::string& action, const Value& desired) {
    return {{"Action", action},
            {"ResourceRecordSet", RecordSet(GetString(desired, "name"), GetString(desired, "type"), Ttl(desired),
                                            desired.value("records", Value::array()))}};
  }

  // Attributes from a record set, keeping the name and value order as written when they
  // mean the same.
  static Value ToAttributes(const Value& prior, const Value& set) {
    std::string zone = BareZoneId(GetString(prior, "zone_id"));
    std::string name = GetString(prior, "name");
    std::string fqdn = NormalizeDnsName(GetString(set, "Name"));
    if (NormalizeDnsName(name) != fqdn) name = fqdn;
    Value values = RecordValues(set);
    Value prior_values = prior.value("records", Value::array());
    return {{"id", RecordId(zone, name, GetString(set, "Type"))},
            {"zone_id", GetString(prior, "zone_id")},
            {"name", name},
            {"type", GetString(set, "Type")},
            {"ttl", GetInt(set, "TTL", 300)},
            {"records", SameValues(values, prior_values) ? prior_values : values},
            {"fqdn", fqdn}};
  }

  Route53Records records_;
};

}  // namespace

std::unique_ptr<ResourceType> NewRoute53RecordType(AwsTypeDeps deps) {
  return std::make_unique<RecordType>(std::move(deps));
}

}  // namespace pave::aws_provider
