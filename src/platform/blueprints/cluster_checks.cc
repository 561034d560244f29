#include "platform/blueprints/cluster_checks.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace pave::cluster_checks {

const std::vector<std::string>& KnownAddons() {
  static const std::vector<std::string> kAddons = {
      "vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "aws-efs-csi-driver",
      "aws-mountpoint-s3-csi-driver", "snapshot-controller", "eks-pod-identity-agent",
      "aws-guardduty-agent", "amazon-cloudwatch-observability", "adot", "eks-node-monitoring-agent",
      "aws-network-flow-monitoring-agent", "aws-privateca-connector-for-kubernetes"};
  return kAddons;
}

const std::vector<std::string>& KnownVersions() {
  static const std::vector<std::string> kVersions = {"1.23", "1.24", "1.25", "1.26", "1.27", "1.28",
                                                     "1.29", "1.30", "1.31", "1.32", "1.33", "1.34"};
  return kVersions;
}

const std::vector<std::string>& CapacityTypes() {
  static const std::vector<std::string> kTypes = {"ON_DEMAND", "SPOT", "CAPACITY_BLOCK"};
  return kTypes;
}

std::optional<std::string> NormalizeCapacity(std::string_view text) {
  std::string up;
  for (char c : text) up += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto& types = CapacityTypes();
  if (std::find(types.begin(), types.end(), up) == types.end()) return std::nullopt;
  return up;
}

bool IsInstanceTypeName(std::string_view text) {
  static const std::regex kPattern(
      "(u-[0-9]+tb[0-9]+|[a-z]+[0-9][a-z0-9]*(-[a-z0-9]+)?)\\."
      "(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)");
  return std::regex_match(std::string(text), kPattern);
}

std::string PublicCidrError(std::string_view text) {
  static const std::regex kPattern("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})/([0-9]{1,2})");
  std::cmatch m;
  std::string s(text);
  if (!std::regex_match(s.c_str(), m, kPattern)) return "not an IPv4 CIDR like 203.0.113.0/24";
  for (int i = 1; i <= 4; ++i) {
    if (std::stoi(m[i].str()) > 255) return "octet " + m[i].str() + " is above 255";
  }
  if (std::stoi(m[5].str()) > 32) return "prefix /" + m[5].str() + " is above /32";
  return "";
}

}  // namespace pave::cluster_checks
