// aws_organizations_organization (a spec): the organization of which the account pave runs in
// is the management account. CreateOrganization on an account already managing one fails with
// AlreadyInOrganizationException: Find reads it and adopts it only when this account is its
// management account. Delete leaves an organization that still has member accounts (accounts
// are not closed by default) and says so in a progress note.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr const char* kService = "organizations";

// The organization's attributes, or nullopt when the account is in none (or in one it does
// not manage while `need_management` holds).
Result<std::optional<Value>> ReadOrganization(const SpecEnv& env, bool need_management) {
  Result<Value> out = env.client->Call(kService, "DescribeOrganization", Value::object());
  if (!out.ok() && out.status().reason() == "AWSOrganizationsNotInUseException")
    return std::optional<Value>();
  RETURN_IF_ERROR(out.status());
  const Value org = out->value("Organization", Value::object());
  if (need_management) {
    ASSIGN_OR_RETURN(Value me, env.client->Call("sts", "GetCallerIdentity", Value::object()));
    if (GetString(me, "Account") != GetString(org, "MasterAccountId"))
      return std::optional<Value>();
  }
  ASSIGN_OR_RETURN(Value roots, env.client->CallAllPages(kService, "ListRoots", Value::object()));
  std::string root_id;
  for (const Value& r : roots.value("Roots", Value::array())) root_id = GetString(r, "Id");
  return std::optional<Value>(Value{{"id", GetString(org, "Id")},
                                    {"feature_set", GetString(org, "FeatureSet")},
                                    {"arn", GetString(org, "Arn")},
                                    {"master_account_id", GetString(org, "MasterAccountId")},
                                    {"root_id", root_id}});
}

Result<std::vector<std::optional<Value>>> ReadOrganizations(
    const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string id = GetString(r.prior, "id");
    ASSIGN_OR_RETURN(std::optional<Value> org,
                     ReadOrganization(env, /*need_management=*/id.empty()));
    if (org && !id.empty() && GetString(*org, "id") != id) org.reset();
    result.push_back(std::move(org));
  }
  return result;
}

class OrganizationType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    ASSIGN_OR_RETURN(Value out, client()->CallAllPages(kService, "ListAccounts", Value::object()));
    size_t members = out.value("Accounts", Value::array()).size();
    if (members > 1) {
      ctx.Progress("organization " + GetString(prior, "id") + " left in place: it still has " +
                   std::to_string(members - 1) + " member account(s), which are not closed");
      return Status::Ok();
    }
    return SpecResourceType::Delete(ctx, prior);
  }
};

}  // namespace

ResourceSpec OrganizationSpec() {
  return {
      .type = "aws_organizations_organization",
      .description = "the AWS organization this account manages (adopted when it exists)",
      .service = kService,
      .attributes = {{.name = "feature_set",
                      .force_new = true,
                      .description = "ALL (the default) or CONSOLIDATED_BILLING",
                      .default_value = Value("ALL"),
                      .create_member = "FeatureSet"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the organization's ARN"},
                     {.name = "master_account_id",
                      .computed = true,
                      .stable = true,
                      .description = "the management account"},
                     {.name = "root_id",
                      .computed = true,
                      .stable = true,
                      .description = "the root's id (r-...)"}},
      .create = {.operation = "CreateOrganization",
                 .id_output = "Organization.Id",
                 .conflict_codes = {"AlreadyInOrganizationException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListRoots",
               .result_key = "Roots",
               .item_key = "Id"},
      .del = {.operation = "DeleteOrganization"},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadOrganizations},
  };
}

std::unique_ptr<ResourceType> NewOrganizationType(AwsTypeDeps deps) {
  return std::make_unique<OrganizationType>(std::move(deps), OrganizationSpec());
}

}  // namespace pave::aws_provider
