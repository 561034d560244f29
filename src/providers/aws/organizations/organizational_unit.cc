// aws_organizations_organizational_unit (a spec): an OU under the root or another OU. Reads go
// by parent: one ListOrganizationalUnitsForParent (all pages) per distinct parent; Find picks
// the OU of the wanted name under the wanted parent (OU names are unique per parent).
#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<std::optional<Value>>> ReadUnits(const SpecEnv& env,
                                                    const std::vector<ReadRequest>& requests) {
  std::map<std::string, Value> by_parent;
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string parent = GetString(r.prior, "parent_id");
    if (!by_parent.count(parent)) {
      Result<Value> out = env.client->CallAllPages(
          "organizations", "ListOrganizationalUnitsForParent", Value{{"ParentId", parent}});
      if (!out.ok() && out.status().reason() != "ParentNotFoundException") return out.status();
      by_parent[parent] =
          out.ok() ? out->value("OrganizationalUnits", Value::array()) : Value::array();
    }
    result.push_back(std::nullopt);
    std::string id = GetString(r.prior, "id");
    for (const Value& ou : by_parent[parent]) {
      bool match = id.empty() ? GetString(ou, "Name") == GetString(r.prior, "name")
                              : GetString(ou, "Id") == id;
      if (!match) continue;
      result.back() = Value{{"id", GetString(ou, "Id")},
                            {"name", GetString(ou, "Name")},
                            {"parent_id", parent},
                            {"arn", GetString(ou, "Arn")}};
    }
  }
  return result;
}

}  // namespace

ResourceSpec OrganizationalUnitSpec() {
  return {
      .type = "aws_organizations_organizational_unit",
      .description = "an organizational unit (under the root or another unit)",
      .service = "organizations",
      .attributes =
          {{.name = "name",
            .required = true,
            .description = "the unit's name",
            .create_member = "Name"},
           {.name = "parent_id",
            .required = true,
            .force_new = true,
            .description = "the root (r-...) or unit (ou-...) it is in",
            .create_member = "ParentId"},
           {.name = "arn", .computed = true, .stable = true, .description = "the unit's ARN"}},
      .create = {.operation = "CreateOrganizationalUnit",
                 .id_output = "OrganizationalUnit.Id",
                 .conflict_codes = {"DuplicateOrganizationalUnitException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListOrganizationalUnitsForParent",
               .result_key = "OrganizationalUnits",
               .item_key = "Id"},
      .updates = {{.operation = "UpdateOrganizationalUnit",
                   .key_member = "OrganizationalUnitId",
                   .members = {{"name", "Name"}}}},
      .del = {.operation = "DeleteOrganizationalUnit", .key_member = "OrganizationalUnitId"},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadUnits},
  };
}

}  // namespace pave::aws_provider
