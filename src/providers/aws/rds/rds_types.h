// The RDS resource types:
//  - aws_db_subnet_group: the subnets a database may be placed in (one per zone, two zones
//    at least), named; subnets and description change in place.
//  - aws_db_instance: a database instance (PostgreSQL by default), encrypted at rest under a
//    KMS key, whose master password AWS generates and keeps in Secrets Manager
//    (ManageMasterUserPassword): pave never sees it, and state holds only the secret's ARN.
//    Class, storage, multi-AZ, backups, deletion protection, security groups and the engine
//    version change in place (ModifyDBInstance, ApplyImmediately); engine, encryption key,
//    subnet group and user name replace it. It holds data: a delete or replace needs
//    --allow-data-loss, turns deletion protection off only then, and always leaves a final
//    snapshot "<identifier>-final-<UTC time>" unless skip_final_snapshot is set.
// The DB identifier and the subnet group name are the resources' names, so a create retried
// after a crash finds what the first attempt made (tagged pave:platform / pave:address).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewDbSubnetGroupType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewDbInstanceType(AwsTypeDeps deps);

// Adds aws_db_subnet_group and aws_db_instance to the registry.
void RegisterRdsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// The final snapshot's identifier for `identifier` deleted at `when`:
// "<identifier>-final-YYYYMMDDhhmmss" (UTC), cut so it stays within RDS's 255 characters.
std::string FinalSnapshotIdentifier(const std::string& identifier,
                                    std::chrono::system_clock::time_point when);

// True when the engine version AWS reports (e.g. "16.4") is what was asked for ("16" or
// "16.4"): a major version stands for any of its minors.
bool EngineVersionMatches(const std::string& asked, const std::string& actual);

}  // namespace pave::aws_provider
