// IAM documents of the cluster blueprint: trust policies of the cluster, node and
// service-account roles, and the named permission sets a service account may ask for
// (`policies: [route53-change]`). Every document is compact JSON with sorted keys — the form
// aws_iam_role and aws_iam_role_policy read back — so a second plan shows no change.
#pragma once

#include <string>
#include <vector>

namespace pave {

// Trust for an AWS service principal, e.g. "eks.amazonaws.com", "ec2.amazonaws.com".
std::string ServiceTrustPolicy(const std::string& service);

// Trust for the Kubernetes service account `ns`/`name` through the cluster's OIDC provider:
// sts:AssumeRoleWithWebIdentity by `provider_arn`, with StringEquals on
// "<issuer_host>:sub" = "system:serviceaccount:<ns>:<name>" and "<issuer_host>:aud" =
// "sts.amazonaws.com". `provider_arn` and `issuer_host` may be references.
std::string ServiceAccountTrustPolicy(const std::string& provider_arn, const std::string& issuer_host,
                                      const std::string& ns, const std::string& name);

// The permission sets a service account may name, sorted.
std::vector<std::string> NamedPolicyNames();
// The policy document of a named set, for the cluster `cluster` (some sets are scoped to
// it); "" for an unknown name.
std::string NamedPolicyDocument(const std::string& name, const std::string& cluster);

// ExternalDNS for one hosted zone: record changes there only; the listings it needs to find
// the zone (ListHostedZones cannot be scoped). `zone_id` may be a reference.
std::string ExternalDnsZonePolicy(const std::string& zone_id);

// External Secrets Operator reading what the platform's secrets section keeps: SSM parameters
// under /<platform>/ and Secrets Manager secrets named <platform>/..., in `region` of
// `account`, decrypted with `kms_key_arn` ("" when the platform has no key) through those
// services only. `account` and `kms_key_arn` may be references.
std::string ExternalSecretsPolicy(const std::string& platform, const std::string& region, const std::string& account,
                                  const std::string& kms_key_arn);

// Allows the EKS control plane to use `key_arn` for envelope encryption of secrets.
std::string ClusterKmsPolicy(const std::string& key_arn);

}  // namespace pave
