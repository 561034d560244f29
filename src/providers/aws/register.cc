#include "providers/aws/register.h"

#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/logs/log_group.h"

namespace pave {

void RegisterAwsTypes(ProviderRegistry* registry, aws::AwsClient* client, Env* env) {
  using namespace aws_provider;  // NOLINT: the factories below
  AwsTypeDeps deps{.client = client, .env = env, .poll = PollOptions{},
                   .account = std::make_shared<AccountId>(client)};
  for (auto* factory : {NewVpcType, NewSubnetType, NewInternetGatewayType,
                        NewInternetGatewayAttachmentType, NewEipType, NewNatGatewayType,
                        NewRouteTableType, NewRouteType, NewRouteTableAssociationType,
                        NewSecurityGroupType, NewSecurityGroupRuleType, NewFlowLogType,
                        NewVpcEndpointType, NewLogGroupType, NewIamRoleType, NewIamRolePolicyType}) {
    registry->Register(factory(deps));
  }
}

}  // namespace pave
