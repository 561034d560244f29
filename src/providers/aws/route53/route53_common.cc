// What the Route53 types share: DNS name normalization, zone ids, and writing record sets with
// the wait for INSYNC.
#include <algorithm>
#include <cctype>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/route53/route53_types.h"

namespace pave::aws_provider {

std::string NormalizeDnsName(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name.compare(i, 4, "\\052") == 0) {
      out += '*';
      i += 3;
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string BareZoneId(const std::string& id) { return id.substr(id.rfind('/') + 1); }

bool IsNoSuchZone(const Status& status) {
  return !status.ok() && (status.reason() == "NoSuchHostedZone" || IsNotFound(status));
}

Value RecordSet(const std::string& name, const std::string& type, int64_t ttl, const Value& records) {
  Value values = Value::array();
  for (const Value& r : records) values.push_back({{"Value", r}});
  return {{"Name", name}, {"Type", type}, {"TTL", ttl}, {"ResourceRecords", values}};
}

Value RecordValues(const Value& record_set) {
  Value out = Value::array();
  for (const Value& r : record_set.value("ResourceRecords", Value::array())) out.push_back(GetString(r, "Value"));
  return out;
}

Status Route53Records::Change(const OperationContext& ctx, const std::string& zone_id, const Value& changes) const {
  Value input = {{"HostedZoneId", BareZoneId(zone_id)}, {"ChangeBatch", {{"Changes", changes}}}};
  ASSIGN_OR_RETURN(Value out, client_->Call("route53", "ChangeResourceRecordSets", input));
  std::string change_id = GetString(out.value("ChangeInfo", Value::object()), "Id");
  if (change_id.empty() || GetString(out["ChangeInfo"], "Status") == "INSYNC") return Status::Ok();
  return poller_->Until(ctx, "waiting for route53 change " + BareZoneId(change_id) + " to be in sync",
                        [&](std::string* state) -> Result<bool> {
                          ASSIGN_OR_RETURN(Value got, client_->Call("route53", "GetChange", {{"Id", change_id}}));
                          *state = GetString(got.value("ChangeInfo", Value::object()), "Status");
                          return *state == "INSYNC";
                        });
}

Result<std::vector<Value>> Route53Records::List(const std::string& zone_id) const {
  ASSIGN_OR_RETURN(Value page, client_->CallAllPages("route53", "ListResourceRecordSets",
                                                     {{"HostedZoneId", BareZoneId(zone_id)}}));
  std::vector<Value> out;
  for (const Value& r : page.value("ResourceRecordSets", Value::array())) out.push_back(r);
  return out;
}

Result<std::optional<Value>> Route53Records::Find(const std::string& zone_id, const std::string& name,
                                                  const std::string& type) const {
  Value input = {{"HostedZoneId", BareZoneId(zone_id)},
                 {"StartRecordName", name},
                 {"StartRecordType", type},
                 {"MaxItems", "1"}};
  ASSIGN_OR_RETURN(Value page, client_->Call("route53", "ListResourceRecordSets", input));
  for (const Value& r : page.value("ResourceRecordSets", Value::array())) {
    if (NormalizeDnsName(GetString(r, "Name")) == NormalizeDnsName(name) && GetString(r, "Type") == type) {
      return std::optional<Value>(r);
    }
  }
  return std::optional<Value>();
}

void RegisterRoute53Types(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewRoute53ZoneType(deps));
  registry->Register(NewRoute53RecordType(deps));
  registry->Register(NewRoute53DelegationType(deps));
}

}  // namespace pave::aws_provider
