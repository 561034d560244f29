#include "platform/blueprints/cluster_iam.h"

#include <algorithm>
#include <map>

#include "core/value.h"

namespace pave {
namespace {

Value Document(Value statements) { return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}; }

Value Allow(Value actions, Value resource) {
  return {{"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", std::move(resource)}};
}

Value AllowIf(Value actions, Value resource, Value condition) {
  Value s = Allow(std::move(actions), std::move(resource));
  s["Condition"] = std::move(condition);
  return s;
}

// ExternalDNS and cert-manager's DNS-01 solver (the ExternalDNS AWS tutorial's policy, plus
// GetChange for cert-manager).
Value Route53Change() {
  return Document({Allow({"route53:ChangeResourceRecordSets"}, {"arn:aws:route53:::hostedzone/*"}),
                   Allow({"route53:GetChange"}, {"arn:aws:route53:::change/*"}),
                   Allow({"route53:ListHostedZones", "route53:ListHostedZonesByName",
                          "route53:ListResourceRecordSets", "route53:ListTagsForResource"},
                         "*")});
}

// The Amazon EBS CSI driver (the permissions of AmazonEBSCSIDriverPolicy, condensed: volumes
// and snapshots it creates carry its tags, and only those may be deleted).
Value EbsCsi() {
  return Document(
      {Allow({"ec2:AttachVolume", "ec2:CreateSnapshot", "ec2:DescribeAvailabilityZones", "ec2:DescribeInstances",
              "ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeVolumes",
              "ec2:DescribeVolumesModifications", "ec2:DetachVolume", "ec2:EnableFastSnapshotRestores",
              "ec2:ModifyVolume"},
             "*"),
       AllowIf({"ec2:CreateTags"}, {"arn:aws:ec2:*:*:snapshot/*", "arn:aws:ec2:*:*:volume/*"},
               {{"StringEquals", {{"ec2:CreateAction", {"CreateSnapshot", "CreateVolume"}}}}}),
       Allow({"ec2:DeleteTags"}, {"arn:aws:ec2:*:*:snapshot/*", "arn:aws:ec2:*:*:volume/*"}),
       AllowIf({"ec2:CreateVolume"}, "*", {{"StringLike", {{"aws:RequestTag/ebs.csi.aws.com/cluster", "true"}}}}),
       AllowIf({"ec2:DeleteVolume"}, "*", {{"StringLike", {{"ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"}}}}),
       AllowIf({"ec2:DeleteSnapshot"}, "*",
               {{"StringLike", {{"ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"}}}})});
}

// Cluster Autoscaler (its AWS cloud-provider documentation): read everywhere, scale only the
// groups tagged as this cluster's.
Value ClusterAutoscaler(const std::string& cluster) {
  return Document(
      {Allow({"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
              "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities",
              "autoscaling:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstanceTypes",
              "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements",
              "eks:DescribeNodegroup"},
             "*"),
       AllowIf({"autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"}, "*",
               {{"StringEquals", {{"aws:ResourceTag/k8s.io/cluster-autoscaler/" + cluster, "owned"}}}})});
}

// AWS Load Balancer Controller (its iam_policy.json, condensed: the same actions, with
// writes to security groups and load balancers limited to what the controller tagged).
Value LoadBalancerController() {
  Value tagged = {{"Null", {{"aws:ResourceTag/elbv2.k8s.aws/cluster", "false"}}}};
  return Document(
      {AllowIf({"iam:CreateServiceLinkedRole"}, "*",
               {{"StringEquals", {{"iam:AWSServiceName", "elasticloadbalancing.amazonaws.com"}}}}),
       Allow({"acm:DescribeCertificate", "acm:ListCertificates", "cognito-idp:DescribeUserPoolClient",
              "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones",
              "ec2:DescribeCoipPools", "ec2:DescribeInstances", "ec2:DescribeInternetGateways",
              "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
              "ec2:DescribeTags", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeVpcs", "ec2:GetCoipPoolUsage",
              "ec2:GetSecurityGroupsForVpc", "elasticloadbalancing:DescribeListenerCertificates",
              "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeListeners",
              "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancers",
              "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeSSLPolicies",
              "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes",
              "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
              "elasticloadbalancing:DescribeTrustStores", "iam:GetServerCertificate", "iam:ListServerCertificates",
              "shield:CreateProtection", "shield:DeleteProtection", "shield:DescribeProtection",
              "shield:GetSubscriptionState", "waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL",
              "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource", "wafv2:AssociateWebACL",
              "wafv2:DisassociateWebACL", "wafv2:GetWebACL", "wafv2:GetWebACLForResource"},
             "*"),
       Allow({"ec2:AuthorizeSecurityGroupIngress", "ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupIngress"}, "*"),
       Allow({"ec2:CreateTags"}, "arn:aws:ec2:*:*:security-group/*"),
       AllowIf({"ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:DeleteTags",
                "ec2:RevokeSecurityGroupIngress"},
               "arn:aws:ec2:*:*:security-group/*", tagged),
       Allow({"elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateLoadBalancer",
              "elasticloadbalancing:CreateRule", "elasticloadbalancing:CreateTargetGroup",
              "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteRule"},
             "*"),
       Allow({"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
             {"arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
              "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
              "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"}),
       AllowIf({"elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets"},
               "*", tagged),
       Allow({"elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"},
             "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"),
       Allow({"elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:ModifyListener",
              "elasticloadbalancing:ModifyRule", "elasticloadbalancing:RemoveListenerCertificates",
              "elasticloadbalancing:SetWebAcl"},
             "*")});
}

}  // namespace

std::string ExternalDnsZonePolicy(const std::string& zone_id) {
  return Document({Allow({"route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets",
                          "route53:ListTagsForResource"},
                         {"arn:aws:route53:::hostedzone/" + zone_id}),
                   Allow({"route53:ListHostedZones"}, "*")})
      .dump();
}

std::string ExternalSecretsPolicy(const std::string& platform, const std::string& region, const std::string& account,
                                  const std::string& kms_key_arn) {
  const std::string at = region + ":" + account + ":";
  Value statements = {
      Allow({"ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"},
            {"arn:aws:ssm:" + at + "parameter/" + platform + "/*"}),
      Allow({"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:ListSecretVersionIds"},
            {"arn:aws:secretsmanager:" + at + "secret:" + platform + "/*"})};
  if (!kms_key_arn.empty()) {
    statements.push_back(AllowIf({"kms:Decrypt"}, {kms_key_arn},
                                 {{"StringEquals", {{"kms:ViaService", {"secretsmanager." + region + ".amazonaws.com",
                                                                        "ssm." + region + ".amazonaws.com"}}}}}));
  }
  return Document(std::move(statements)).dump();
}

std::string ServiceTrustPolicy(const std::string& service) {
  return Document({{{"Effect", "Allow"}, {"Principal", {{"Service", service}}}, {"Action", "sts:AssumeRole"}}})
      .dump();
}

std::string ServiceAccountTrustPolicy(const std::string& provider_arn, const std::string& issuer_host,
                                      const std::string& ns, const std::string& name) {
  Value condition = {{"StringEquals",
                      {{issuer_host + ":aud", "sts.amazonaws.com"},
                       {issuer_host + ":sub", "system:serviceaccount:" + ns + ":" + name}}}};
  return Document({{{"Effect", "Allow"},
                    {"Principal", {{"Federated", provider_arn}}},
                    {"Action", "sts:AssumeRoleWithWebIdentity"},
                    {"Condition", condition}}})
      .dump();
}

std::vector<std::string> NamedPolicyNames() {
  return {"cluster-autoscaler", "ebs-csi", "load-balancer-controller", "route53-change"};
}

std::string NamedPolicyDocument(const std::string& name, const std::string& cluster) {
  if (name == "route53-change") return Route53Change().dump();
  if (name == "ebs-csi") return EbsCsi().dump();
  if (name == "cluster-autoscaler") return ClusterAutoscaler(cluster).dump();
  if (name == "load-balancer-controller") return LoadBalancerController().dump();
  return "";
}

std::string ClusterKmsPolicy(const std::string& key_arn) {
  return Document({Allow({"kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"},
                         key_arn)})
      .dump();
}

}  // namespace pave
