#include "cli/state_account.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "engine/state.h"

namespace pave::cli {
namespace {

std::string StringMember(const Value& v, const char* key) {
  auto it = v.is_object() ? v.find(key) : v.end();
  return it != v.end() && it->is_string() ? it->get<std::string>() : "";
}

// The management account of the caller's organization; the caller's own account when it
// belongs to none (a platform without an organization keeps its state at home).
Result<std::string> ManagementAccount(aws::AwsClient* home) {
  Result<Value> org = home->Call("organizations", "DescribeOrganization", Value::object());
  if (!org.ok()) {
    if (org.status().reason() == "AWSOrganizationsNotInUseException") return CallerAccount(home);
    return org.status().WithContext("state.account: management: cannot read the organization");
  }
  std::string id = StringMember(org->value("Organization", Value::object()), "MasterAccountId");
  if (!IsAccountId(id)) {
    return Status::Internal("Organizations DescribeOrganization answered without MasterAccountId");
  }
  return id;
}

// The id of the organization's account called `name` (ListAccounts, every page).
Result<std::string> AccountByName(aws::AwsClient* home, const std::string& name) {
  Result<Value> listed = home->CallAllPages("organizations", "ListAccounts", Value::object());
  if (!listed.ok()) {
    return listed.status().WithContext(
        fmt::format("state.account: cannot list the organization's accounts to find \"{}\"", name));
  }
  std::vector<std::string> names;
  for (const Value& a : listed->value("Accounts", Value::array())) {
    std::string n = StringMember(a, "Name");
    if (n == name && IsAccountId(StringMember(a, "Id"))) return StringMember(a, "Id");
    if (!n.empty()) names.push_back(n);
  }
  return Status::NotFound(fmt::format(
      "state.account: the organization has no account named \"{}\"{}; an account the platform "
      "makes can hold the state only once it exists: keep the state in the management account "
      "until then, or give the account's 12-digit id",
      name, names.empty() ? "" : fmt::format(" (it has: {})", fmt::join(names, ", "))));
}

}  // namespace

Result<std::string> CallerAccount(aws::AwsClient* home) {
  ASSIGN_OR_RETURN(Value identity, home->Call("sts", "GetCallerIdentity", Value::object()));
  std::string id = StringMember(identity, "Account");
  if (!IsAccountId(id)) return Status::Internal("STS GetCallerIdentity answered without an account id");
  return id;
}

Result<std::string> ResolveStateAccount(aws::AwsClient* home, const StateBackendConfig& config) {
  if (config.account.empty()) return CallerAccount(home);
  if (IsAccountId(config.account)) return config.account;
  if (config.account == "management") return ManagementAccount(home);
  if (auto it = config.account_ids.find(config.account); it != config.account_ids.end()) {
    if (IsAccountId(it->second)) return it->second;
  }
  return AccountByName(home, config.account);
}

}  // namespace pave::cli
