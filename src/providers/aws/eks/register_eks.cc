#include "providers/aws/eks/eks_types.h"
#include "providers/aws/iam/iam_eks_types.h"

namespace pave::aws_provider {

void RegisterEksTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  for (auto* factory : {NewEksClusterType, NewEksNodeGroupType, NewEksAddonType,
                        NewIamRolePolicyAttachmentType, NewIamOpenIdConnectProviderType}) {
    registry->Register(factory(deps));
  }
}

}  // namespace pave::aws_provider
