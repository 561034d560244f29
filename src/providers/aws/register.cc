#include "providers/aws/register.h"

#include "providers/aws/accessanalyzer/analyzer.h"
#include "providers/aws/account/account_types.h"
#include "providers/aws/acm/acm_types.h"
#include "providers/aws/cloudtrail/trail.h"
#include "providers/aws/cloudwatch/alarm_types.h"
#include "providers/aws/config/config_types.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/eks/eks_types.h"
#include "providers/aws/guardduty/detector.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/kms/kms_types.h"
#include "providers/aws/logs/log_group.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/rds/rds_types.h"
#include "providers/aws/route53/route53_types.h"
#include "providers/aws/s3/bucket.h"
#include "providers/aws/secretsmanager/secret.h"
#include "providers/aws/securityhub/hub.h"
#include "providers/aws/sns/sns_types.h"
#include "providers/aws/sso/sso_types.h"
#include "providers/aws/wafv2/web_acl.h"
#include "providers/aws/ssm/parameter.h"

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
  // Data: KMS keys, SSM parameters, Secrets Manager secrets, S3 buckets.
  RegisterKmsTypes(registry, deps);
  RegisterSsmTypes(registry, deps);
  RegisterSecretsManagerTypes(registry, deps);
  RegisterS3Types(registry, deps);
  RegisterRdsTypes(registry, deps);  // RDS subnet groups and database instances
  RegisterEksTypes(registry, deps);  // EKS, with its IAM types
  // DNS and TLS: Route53 zones, records and delegation; ACM certificates.
  RegisterRoute53Types(registry, deps);
  RegisterAcmTypes(registry, deps);
  RegisterOrganizationsTypes(registry, deps);  // organizations, accounts, SCPs; IAM groups
  RegisterSsoTypes(registry, deps);            // IAM Identity Center, for people.sso
  // Security baseline (issue 14): account hardening, GuardDuty, CloudTrail,
  // SNS, the CIS metric filters and alarms, AWS Config, WAF.
  RegisterAccountTypes(registry, deps);
  registry->Register(NewGuardDutyDetectorType(deps));
  registry->Register(NewSecurityHubAccountType(deps));
  for (auto* spec : {GuardDutyOrganizationConfigurationSpec, SecurityHubOrganizationAdminSpec,
                     SecurityHubOrganizationConfigurationSpec, SecurityHubStandardsSubscriptionSpec,
                     SecurityHubMemberSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
  registry->Register(NewAccessAnalyzerType(deps));
  registry->Register(NewCloudTrailType(deps));
  RegisterSnsTypes(registry, deps);
  RegisterCloudWatchTypes(registry, deps);
  RegisterConfigTypes(registry, deps);
  registry->Register(NewWebAclType(deps));
  registry->Register(NewSpecType(deps, WebAclAssociationSpec()));
}

}  // namespace pave
