// aws_route53_delegation: the child zone's NS record in its parent zone. At create the parent
// is looked up by name among this account's public zones (ListHostedZonesByName); when found,
// pave UPSERTs the NS record there (delegated = true), else it records delegated = false and
// records_to_add, the line a person adds at whoever hosts the parent. While undelegated, a
// refresh looks for the parent again and reads the delegation as gone once the parent is in
// reach, so the next apply delegates.
#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/route53/route53_types.h"

namespace pave::aws_provider {
namespace {

constexpr int64_t kDefaultNsTtl = 3600;

ResourceSchema DelegationSchema() {
  ResourceSchema s;
  s.type = "aws_route53_delegation";
  s.description = "the NS records delegating a zone from its parent zone, when the parent is in reach";
  s.attributes = {
      Required("domain", AttrType::kString, "the delegated domain, e.g. prod.example.org", true),
      Required("parent_zone", AttrType::kString, "the parent domain, e.g. example.org", true),
      Required("name_servers", AttrType::kList, "the child zone's name servers"),
      Optional("ttl", AttrType::kInt, "TTL of the NS record", Value(kDefaultNsTtl)),
      Computed("delegated", AttrType::kBool, "true when pave wrote the NS record into the parent zone"),
      Computed("parent_zone_id", AttrType::kString, "the parent hosted zone, when found"),
      Computed("records_to_add", AttrType::kString, "the NS record to add by hand when not delegated"),
  };
  return s;
}

// "prod.example.org. 3600 IN NS ns-1.example. ; ..." in zone-file form, one line per server.
std::string ZoneFileLines(const Value& desired) {
  std::string out;
  for (const Value& ns : desired.value("name_servers", Value::array())) {
    std::string server = ns.is_string() ? ns.get<std::string>() : ns.dump();
    if (!server.empty() && server.back() != '.') server += '.';
    if (!out.empty()) out += "\n";
    out += NormalizeDnsName(GetString(desired, "domain")) + ". " + std::to_string(GetInt(desired, "ttl", kDefaultNsTtl)) +
           " IN NS " + server;
  }
  return out;
}

class DelegationType : public AwsResourceType {
 public:
  explicit DelegationType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), DelegationSchema()), records_(deps_.client, &poller_) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override { return Delegate(ctx, desired); }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(std::optional<Value> got, ReadOne(r.prior));
      out.push_back(std::move(got));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)prior;
    return Delegate(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    if (!GetBool(prior, "delegated", false)) return Status::Ok();
    std::string parent = GetString(prior, "parent_zone_id");
    Result<std::optional<Value>> current = records_.Find(parent, GetString(prior, "domain"), "NS");
    if (!current.ok()) return IsNoSuchZone(current.status()) ? Status::Ok() : current.status();
    if (!*current) return Status::Ok();
    Status s = records_.Change(ctx, parent, Value::array({{{"Action", "DELETE"}, {"ResourceRecordSet", **current}}}));
    return IsNoSuchZone(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    // Delegating again is harmless (UPSERT): report nothing, and the retry writes it.
    (void)desired;
    return std::optional<Value>();
  }

 private:
  // The public hosted zone named `domain` in this account, or nullopt.
  Result<std::optional<Value>> ParentZone(const std::string& domain) const {
    ASSIGN_OR_RETURN(Value got, client()->Call("route53", "ListHostedZonesByName", {{"DNSName", domain}}));
    for (const Value& z : got.value("HostedZones", Value::array())) {
      if (NormalizeDnsName(GetString(z, "Name")) != NormalizeDnsName(domain)) continue;
      if (GetBool(z.value("Config", Value::object()), "PrivateZone", false)) continue;
      return std::optional<Value>(z);
    }
    return std::optional<Value>();
  }

  Result<Value> Delegate(const OperationContext& ctx, const Value& desired) {
    std::string domain = GetString(desired, "domain");
    std::string parent_name = GetString(desired, "parent_zone");
    Value a = desired;
    a["id"] = NormalizeDnsName(domain) + "@" + NormalizeDnsName(parent_name);
    a["records_to_add"] = ZoneFileLines(desired);
    ASSIGN_OR_RETURN(std::optional<Value> parent, ParentZone(parent_name));
    if (!parent) {
      ctx.Progress("parent zone " + parent_name + " is not in this account: add the NS records of " + domain + " there");
      a["delegated"] = false;
      a["parent_zone_id"] = "";
      return a;
    }
    std::string parent_id = BareZoneId(GetString(*parent, "Id"));
    Value set = RecordSet(domain, "NS", GetInt(desired, "ttl", kDefaultNsTtl), desired.value("name_servers", Value::array()));
    RETURN_IF_ERROR(records_.Change(ctx, parent_id, Value::array({{{"Action", "UPSERT"}, {"ResourceRecordSet", set}}})));
    a["delegated"] = true;
    a["parent_zone_id"] = parent_id;
    return a;
  }

  Result<std::optional<Value>> ReadOne(const Value& prior) const {
    if (!GetBool(prior, "delegated", false)) {
      // Not delegated: still so while the parent is out of reach; gone once it is in reach.
      ASSIGN_OR_RETURN(std::optional<Value> parent, ParentZone(GetString(prior, "parent_zone")));
      if (parent) return std::optional<Value>();
      return std::optional<Value>(prior);
    }
    Result<std::optional<Value>> found = records_.Find(GetString(prior, "parent_zone_id"), GetString(prior, "domain"), "NS");
    if (!found.ok()) return IsNoSuchZone(found.status()) ? Result<std::optional<Value>>(std::nullopt) : found.status();
    if (!*found) return std::optional<Value>();
    Value a = prior;
    Value servers = RecordValues(**found);
    // Name servers as Route53 stores them may end with a dot; compare without it.
    Value normalized = Value::array();
    for (const Value& s : servers) normalized.push_back(NormalizeDnsName(s.get<std::string>()));
    Value wanted = Value::array();
    for (const Value& s : prior.value("name_servers", Value::array())) {
      wanted.push_back(s.is_string() ? NormalizeDnsName(s.get<std::string>()) : s.dump());
    }
    std::sort(normalized.begin(), normalized.end());
    std::sort(wanted.begin(), wanted.end());
    if (normalized != wanted) a["name_servers"] = servers;
    a["ttl"] = GetInt(**found, "TTL", kDefaultNsTtl);
    return std::optional<Value>(std::move(a));
  }

  Route53Records records_;
};

}  // namespace

std::unique_ptr<ResourceType> NewRoute53DelegationType(AwsTypeDeps deps) {
  return std::make_unique<DelegationType>(std::move(deps));
}

}  // namespace pave::aws_provider
