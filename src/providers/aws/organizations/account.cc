// aws_organizations_account (a spec with its own Create, Update and Delete):
//  Create  with `account_id` set: adopts that account when it is already a member (no
//          CreateAccount); else CreateAccount, which is asynchronous: DescribeCreateAccountStatus
//          is polled until SUCCEEDED (the account id) or FAILED (its reason). An email already
//          in the organization is adopted, looked for before CreateAccount (an earlier create
//          whose wait failed or whose answer was lost made it: AWS refuses a second account of
//          one email anyway) and after EMAIL_ALREADY_EXISTS.
//  Update  MoveAccount when parent_id changes (from the parent ListParents gives).
//  Delete  closes the account (CloseAccount) only with ctx.allow_data_loss; without it the
//          account stays in the organization and a progress note says so.
#include "providers/aws/common/attrs.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr const char* kService = "organizations";

Result<std::string> ParentOf(aws::AwsClient* client, const std::string& account) {
  ASSIGN_OR_RETURN(Value out, client->Call(kService, "ListParents", Value{{"ChildId", account}}));
  for (const Value& p : out.value("Parents", Value::array())) return GetString(p, "Id");
  return std::string();
}

Result<std::vector<std::optional<Value>>> ReadAccounts(const SpecEnv& env,
                                                       const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  if (requests.empty()) return result;
  ASSIGN_OR_RETURN(Value out, env.client->CallAllPages(kService, "ListAccounts", Value::object()));
  for (const ReadRequest& r : requests) {
    result.push_back(std::nullopt);
    std::string id = GetString(r.prior, "id");
    if (id.empty()) id = GetString(r.prior, "account_id");
    for (const Value& a : out.value("Accounts", Value::array())) {
      bool match = id.empty() ? !GetString(r.prior, "email").empty() &&
                                    GetString(a, "Email") == GetString(r.prior, "email")
                              : GetString(a, "Id") == id;
      if (!match || GetString(a, "Status") == "SUSPENDED" ||
          GetString(a, "Status") == "PENDING_CLOSURE")
        continue;
      Value attrs = {{"id", GetString(a, "Id")},
                     {"name", GetString(a, "Name")},
                     {"email", GetString(a, "Email")},
                     {"arn", GetString(a, "Arn")},
                     {"status", GetString(a, "Status")}};
      if (r.prior.contains("account_id")) attrs["account_id"] = r.prior["account_id"];
      if (r.prior.contains("role_name")) attrs["role_name"] = r.prior["role_name"];
      ASSIGN_OR_RETURN(std::string parent, ParentOf(env.client, GetString(a, "Id")));
      attrs["parent_id"] = parent;
      result.back() = std::move(attrs);
    }
  }
  return result;
}

class AccountType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string id = GetString(desired, "account_id");
    if (id.empty() && GetString(desired, "email").empty()) {
      return Status::InvalidArgument("a new account needs an email (or account_id: an existing member to adopt)");
    }
    if (id.empty()) {
      ASSIGN_OR_RETURN(auto member, Read({ReadRequest{ctx.address, desired}}));  // by email
      if (member[0]) id = GetString(*member[0], "id");
    }
    if (id.empty()) {
      Result<Value> out = client()->Call(kService, "CreateAccount", CreateInput(desired));
      if (!out.ok()) return out.status();
      ASSIGN_OR_RETURN(id,
                       WaitForAccount(ctx, desired,
                                      GetString(out->value("CreateAccountStatus", Value()), "Id")));
    } else if (!GetString(desired, "account_id").empty()) {
      ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, desired}}));
      if (!got[0])
        return Status::NotFound("account " + id + " is not a member of the organization");
    }
    Value key = desired;
    key["id"] = id;
    ctx.Created(key);
    RETURN_IF_ERROR(Move(id, GetString(desired, "parent_id")));
    return ReadBack(ctx, key);
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    RETURN_IF_ERROR(Move(GetString(prior, "id"), GetString(desired, "parent_id")));
    Value key = desired;
    key["id"] = GetString(prior, "id");
    return ReadBack(ctx, key);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    if (!ctx.allow_data_loss) {
      ctx.Progress(
          "account " + GetString(prior, "name") + " (" + id +
          ") left in place in the organization: not closed (closing needs --allow-data-loss)");
      return Status::Ok();
    }
    Result<Value> out = client()->Call(kService, "CloseAccount", Value{{"AccountId", id}});
    if (!out.ok() && out.status().reason() != "AccountAlreadyClosedException") return out.status();
    ctx.Progress("account " + id + " closed: AWS keeps it suspended for 90 days");
    return Status::Ok();
  }

 private:
  static Value CreateInput(const Value& desired) {
    Value in = {{"AccountName", GetString(desired, "name")},
                {"Email", GetString(desired, "email")}};
    if (!GetString(desired, "role_name").empty()) in["RoleName"] = GetString(desired, "role_name");
    return in;
  }

  Result<std::string> WaitForAccount(const OperationContext& ctx, const Value& desired,
                                     const std::string& request) {
    std::string id, failure;
    RETURN_IF_ERROR(poller().Until(
        ctx, "waiting for account creation", [&](std::string* state) -> Result<bool> {
          ASSIGN_OR_RETURN(Value out, client()->Call(kService, "DescribeCreateAccountStatus",
                                                     Value{{"CreateAccountRequestId", request}}));
          const Value s = out.value("CreateAccountStatus", Value::object());
          *state = GetString(s, "State");
          id = GetString(s, "AccountId");
          failure = GetString(s, "FailureReason");
          return *state != "IN_PROGRESS";
        }));
    if (!id.empty()) return id;
    if (failure == "EMAIL_ALREADY_EXISTS") {  // a create whose answer was lost: ours, by email
      ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, desired}}));
      if (got[0]) return GetString(*got[0], "id");
    }
    return Status::FailedPrecondition("CreateAccount failed: " + failure);
  }

  Status Move(const std::string& id, const std::string& parent) {
    if (parent.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(std::string from, ParentOf(client(), id));
    if (from == parent) return Status::Ok();
    return client()
        ->Call(kService, "MoveAccount",
               Value{{"AccountId", id}, {"SourceParentId", from}, {"DestinationParentId", parent}})
        .status();
  }
};

}  // namespace

ResourceSpec OrganizationsAccountSpec() {
  return {
      .type = "aws_organizations_account",
      .description =
          "a member account (created, or adopted by account_id); closed only with "
          "--allow-data-loss",
      .service = kService,
      .attributes =
          {{.name = "name",
            .required = true,
            .description = "the account's name",
            .create_member = "AccountName",
            .read_member = "Name"},
           {.name = "email",
            .force_new = true,
            .computed = true,
            .description = "its root user's email (needed to create one; read for one adopted by account_id)",
            .create_member = "Email",
            .read_member = "Email"},
           {.name = "parent_id",
            .description = "the root or unit it is in (MoveAccount when changed)"},
           {.name = "account_id",
            .force_new = true,
            .description = "an existing member account to adopt instead of creating one"},
           {.name = "role_name",
            .force_new = true,
            .description =
                "the role the management account assumes in it (OrganizationAccountAccessRole)",
            .create_member = "RoleName"},
           {.name = "arn",
            .computed = true,
            .stable = true,
            .description = "the account's ARN",
            .read_member = "Arn"},
           {.name = "status",
            .computed = true,
            .description = "ACTIVE, SUSPENDED, ...",
            .read_member = "Status"}},
      // Not holds_data: a delete without --allow-data-loss keeps the account (see Delete).
      .create = {.operation = "CreateAccount"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListAccounts",
               .result_key = "Accounts",
               .item_key = "Id"},
      .del = {.operation = "CloseAccount", .key_member = "AccountId"},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAccounts},
  };
}

std::unique_ptr<ResourceType> NewOrganizationsAccountType(AwsTypeDeps deps) {
  return std::make_unique<AccountType>(std::move(deps), OrganizationsAccountSpec());
}

}  // namespace pave::aws_provider
