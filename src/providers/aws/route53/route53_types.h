// Route53 resource types:
//   aws_route53_zone        a public hosted zone (CallerReference = the idempotency token, so a
//                           crash retry adopts instead of making a second zone); its delete
//                           refuses while the zone holds records pave did not declare, unless
//                           --allow-data-loss (then it deletes them first).
//   aws_route53_record      one record set (zone_id, name, type, ttl, records), written with
//                           ChangeResourceRecordSets and waited on until INSYNC.
//   aws_route53_delegation  the NS record of a child zone in its parent zone, when the parent is
//                           a public zone of this account; otherwise it records delegated=false
//                           and the records a person has to add (records_to_add).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/client.h"
#include "core/status.h"
#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/common/poller.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewRoute53ZoneType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewRoute53RecordType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewRoute53DelegationType(AwsTypeDeps deps);

// Adds the three types above to the registry.
void RegisterRoute53Types(ProviderRegistry* registry, const AwsTypeDeps& deps);

// A DNS name as Route53 compares it: lower case, no trailing dot, "\052" read as "*".
std::string NormalizeDnsName(const std::string& name);
// "Z123" from "/hostedzone/Z123" (or "Z123" itself).
std::string BareZoneId(const std::string& id);
// True for the errors that say a hosted zone does not exist.
bool IsNoSuchZone(const Status& status);

// One record set as Route53 takes it: {"Name","Type","TTL","ResourceRecords":[{"Value"}]}.
Value RecordSet(const std::string& name, const std::string& type, int64_t ttl, const Value& records);
// The values of a record set's ResourceRecords, in AWS's order.
Value RecordValues(const Value& record_set);

// Route53 calls the record-writing types share. Thread-safe (stateless).
class Route53Records {
 public:
  Route53Records(aws::AwsClient* client, const Poller* poller) : client_(client), poller_(poller) {}

  // Applies the changes [{"Action", "ResourceRecordSet"}] in one batch and waits until
  // Route53 reports them INSYNC.
  Status Change(const OperationContext& ctx, const std::string& zone_id, const Value& changes) const;
  // Every record set of the zone (all pages).
  Result<std::vector<Value>> List(const std::string& zone_id) const;
  // The record set (name, type) of the zone, or nullopt.
  Result<std::optional<Value>> Find(const std::string& zone_id, const std::string& name,
                                    const std::string& type) const;

 private:
  aws::AwsClient* client_;
  const Poller* poller_;
};

}  // namespace pave::aws_provider
