#include "providers/aws/iam/group.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewOrganizationType(AwsTypeDeps deps);          // organization.cc
std::unique_ptr<ResourceType> NewOrganizationsAccountType(AwsTypeDeps deps);  // account.cc

void RegisterOrganizationsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewOrganizationType(deps));
  registry->Register(NewOrganizationsAccountType(deps));
  for (auto* spec : {OrganizationalUnitSpec, OrganizationsPolicySpec, OrganizationsPolicyAttachmentSpec,
                     OrganizationsServiceAccessSpec, GuardDutyOrganizationAdminSpec,
                     OrganizationsDelegatedAdminSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
  registry->Register(NewSpecType(deps, IamGroupSpec()));
  registry->Register(NewSpecType(deps, IamGroupPolicySpec()));
}

}  // namespace pave::aws_provider
