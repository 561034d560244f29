// aws_db_subnet_group (a spec). Read is one paginated DescribeDBSubnetGroups for the whole batch
// (RDS has no filter for it), matched by name. DescribeDBSubnetGroups does not return tags,
// so Read keeps the tags from state (one ListTagsForResource per group would undo the batch);
// Update re-asserts them and Find reads them to decide adoption.
#include "providers/aws/common/attrs.h"
#include "providers/aws/rds/rds_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The subnet ids, in the order last written when AWS holds the same set.
bool ReadSubnets(const SpecEnv&, const Value& item, const Value& prior, Value* attrs) {
  Value subnets = Value::array();
  for (const Value& s : item.value("Subnets", Value::array())) subnets.push_back(GetString(s, "SubnetIdentifier"));
  (*attrs)["subnet_ids"] = StableList(subnets, prior.value("subnet_ids", Value::array()));
  return true;
}

ResourceSpec SubnetGroupSpec() {
  return {
      .type = "aws_db_subnet_group",
      .description = "an RDS DB subnet group",
      .service = "rds",
      .key_attribute = "name",
      .attributes = {{.name = "name", .required = true, .force_new = true, .description = "the group name (lower case)",
                      .create_member = "DBSubnetGroupName", .read_member = "DBSubnetGroupName"},
                     {.name = "description", .description = "what it is for", .default_value = Value("managed by pave"),
                      .create_member = "DBSubnetGroupDescription", .read_member = "DBSubnetGroupDescription"},
                     {.name = "subnet_ids", .type = AttrType::kList, .required = true, .unordered = true,
                      .description = "subnets in two zones at least", .create_member = "SubnetIds",
                      .read_member = "Subnets.SubnetIdentifier"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
                      .read_member = "DBSubnetGroupArn"},
                     {.name = "vpc_id", .computed = true, .stable = true, .description = "the VPC of the subnets",
                      .read_member = "VpcId"}},
      .create = {.operation = "CreateDBSubnetGroup",
                 .conflict_codes = {"DBSubnetGroupAlreadyExists", "DBSubnetGroupAlreadyExistsFault"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeDBSubnetGroups",
               .result_key = "DBSubnetGroups", .item_key = "DBSubnetGroupName"},
      .updates = {{.operation = "ModifyDBSubnetGroup", .key_member = "DBSubnetGroupName",
                   .members = {{"description", "DBSubnetGroupDescription"}, {"subnet_ids", "SubnetIds"}}}},
      .tags = {.style = TagStyle::kArnBased, .create_member = "Tags", .tag_operation = "AddTagsToResource",
               .untag_operation = "RemoveTagsFromResource", .resource_member = "ResourceName",
               .tags_member = "Tags", .keys_member = "TagKeys", .list_operation = "ListTagsForResource",
               .list_result = "TagList"},
      // A database being deleted still holds the group for a while.
      .del = {.operation = "DeleteDBSubnetGroup", .key_member = "DBSubnetGroupName",
              .gone_codes = {"DBSubnetGroupNotFoundFault"},
              .retry_codes = {"InvalidDBSubnetGroupStateFault", "InvalidDBSubnetGroupState"}},
      .find = FindStyle::kByKey,
      .hooks = {.read = ReadSubnets},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewDbSubnetGroupType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SubnetGroupSpec());
}

}  // namespace pave::aws_provider
