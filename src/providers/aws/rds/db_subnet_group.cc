// aws_db_subnet_group. Read is one paginated DescribeDBSubnetGroups for the whole batch
// (RDS has no filter for it), matched by name. DescribeDBSubnetGroups does not return tags,
// so Read keeps the tags from state (one ListTagsForResource per group would undo the batch);
// Update re-asserts them and Find reads them to decide adoption.
#include <set>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/rds/rds_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema SubnetGroupSchema() {
  ResourceSchema s;
  s.type = "aws_db_subnet_group";
  s.description = "an RDS DB subnet group";
  s.attributes = {
      Required("name", AttrType::kString, "the group name (lower case)", true),
      Optional("description", AttrType::kString, "what it is for", Value("managed by pave")),
      Unordered(Required("subnet_ids", AttrType::kList, "subnets in two zones at least")),
      TagsAttribute(),
      ArnAttribute(),
      Stable("vpc_id", AttrType::kString, "the VPC of the subnets"),
  };
  return s;
}

bool IsGone(const Status& s) { return IsNotFound(s) || s.reason() == "DBSubnetGroupNotFoundFault"; }

class SubnetGroupType : public AwsResourceType {
 public:
  explicit SubnetGroupType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), SubnetGroupSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Status s = client()
                   ->Call("rds", "CreateDBSubnetGroup",
                          {{"DBSubnetGroupName", name},
                           {"DBSubnetGroupDescription", GetString(desired, "description")},
                           {"SubnetIds", desired.value("subnet_ids", Value::array())},
                           {"Tags", TagMapToList(TagsForCreate(ctx, desired))}})
                   .status();
    if (s.reason() == "DBSubnetGroupAlreadyExists" ||
        s.reason() == "DBSubnetGroupAlreadyExistsFault") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine)
        return s.WithContext("db subnet group " + name +
                             " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(s);
    return ReadBackWith(ctx, desired);
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    std::vector<std::string> names = PriorValues(requests, "name");
    std::vector<std::optional<Value>> out;
    if (names.empty()) return std::vector<std::optional<Value>>(requests.size());
    ASSIGN_OR_RETURN(Value page,
                     client()->CallAllPages("rds", "DescribeDBSubnetGroups", Value::object()));
    std::map<std::string, Value> found =
        IndexBy(page.value("DBSubnetGroups", Value::array()), "DBSubnetGroupName");
    for (const ReadRequest& r : requests) {
      auto it = found.find(GetString(r.prior, "name"));
      if (it == found.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      Value a = ToAttributes(it->second, r.prior);
      a["tags"] = r.prior.value("tags", Value::object());
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    std::string name = GetString(prior, "name");
    if (GetString(prior, "description") != GetString(desired, "description") ||
        prior.value("subnet_ids", Value::array()) != desired.value("subnet_ids", Value::array())) {
      RETURN_IF_ERROR(client()
                          ->Call("rds", "ModifyDBSubnetGroup",
                                 {{"DBSubnetGroupName", name},
                                  {"DBSubnetGroupDescription", GetString(desired, "description")},
                                  {"SubnetIds", desired.value("subnet_ids", Value::array())}})
                          .status());
    }
    std::string arn = GetString(prior, "arn");
    if (!arn.empty()) RETURN_IF_ERROR(SyncRdsTags(client(), ctx, arn, prior, desired));
    return ReadBackWith(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string name = GetString(prior, "name");
    // A database being deleted still holds the group for a while.
    Status s = poller().RetryWhile(
        ctx, "waiting for db subnet group " + name + " to be free",
        {"InvalidDBSubnetGroupStateFault", "InvalidDBSubnetGroupState"}, [&] {
          return client()
              ->Call("rds", "DeleteDBSubnetGroup", {{"DBSubnetGroupName", name}})
              .status();
        });
    return IsGone(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Result<Value> got =
        client()->Call("rds", "DescribeDBSubnetGroups", {{"DBSubnetGroupName", name}});
    if (!got.ok())
      return IsGone(got.status()) ? Result<std::optional<Value>>(std::nullopt) : got.status();
    Value groups = got->value("DBSubnetGroups", Value::array());
    if (groups.empty()) return std::optional<Value>();
    std::string arn = GetString(groups[0], "DBSubnetGroupArn");
    ASSIGN_OR_RETURN(Value tags,
                     client()->Call("rds", "ListTagsForResource", {{"ResourceName", arn}}));
    Value list = tags.value("TagList", Value::array());
    ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, list, "DB subnet group " + name));
    if (!ours) return std::optional<Value>();
    Value a = ToAttributes(groups[0], desired);
    a["tags"] = UserTags(list);
    return std::optional<Value>(std::move(a));
  }

 private:
  Result<Value> ReadBackWith(const OperationContext& ctx, const Value& desired) {
    std::string name = GetString(desired, "name");
    Value key = {{"id", name}, {"name", name}, {"tags", desired.value("tags", Value::object())}};
    if (desired.contains("subnet_ids")) key["subnet_ids"] = desired["subnet_ids"];
    return ReadBack(ctx, key);
  }

  static Value ToAttributes(const Value& g, const Value& prior) {
    std::string name = GetString(g, "DBSubnetGroupName");
    Value subnets = Value::array();
    for (const Value& s : g.value("Subnets", Value::array()))
      subnets.push_back(GetString(s, "SubnetIdentifier"));
    return {{"id", name},
            {"name", name},
            {"description", GetString(g, "DBSubnetGroupDescription")},
            {"subnet_ids", StableList(subnets, prior.value("subnet_ids", Value::array()))},
            {"arn", GetString(g, "DBSubnetGroupArn")},
            {"vpc_id", GetString(g, "VpcId")}};
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewDbSubnetGroupType(AwsTypeDeps deps) {
  return std::make_unique<SubnetGroupType>(std::move(deps));
}

}  // namespace pave::aws_provider
