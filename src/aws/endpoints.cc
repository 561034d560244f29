#include "aws/endpoints.h"

#include <algorithm>
#include <cctype>

namespace pave::aws {
namespace {

struct Partition {
  const char* name;
  const char* region_prefix;
  const char* dns_suffix;
};

// Longest prefixes first: "us-isob-" before "us-iso-", "us-gov-" before the aws default.
constexpr Partition kPartitions[] = {
    {"aws-cn", "cn-", "amazonaws.com.cn"},
    {"aws-us-gov", "us-gov-", "amazonaws.com"},
    {"aws-iso-b", "us-isob-", "sc2s.sgov.gov"},
    {"aws-iso-f", "us-isof-", "csp.hci.ic.gov"},
    {"aws-iso", "us-iso-", "c2s.ic.gov"},
    {"aws-iso-e", "eu-isoe-", "cloud.adc-e.uk"},
    {"aws-eusc", "eusc-", "amazonaws.eu"},
};

const Partition& PartitionFor(const std::string& region) {
  static constexpr Partition kAws = {"aws", "", "amazonaws.com"};
  for (const auto& p : kPartitions) {
    if (region.starts_with(p.region_prefix)) return p;
  }
  return kAws;
}

// The one endpoint of a global service in a partition (botocore's endpoints.json).
struct GlobalEndpoint {
  const char* service;
  const char* partition;
  const char* host;
  const char* signing_region;
};

constexpr GlobalEndpoint kGlobal[] = {
    {"iam", "aws", "iam.amazonaws.com", "us-east-1"},
    {"iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"iam", "aws-iso", "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"iam", "aws-iso-b", "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"route53", "aws", "route53.amazonaws.com", "us-east-1"},
    {"route53", "aws-cn", "route53.amazonaws.com.cn", "cn-northwest-1"},
    {"route53", "aws-us-gov", "route53.us-gov.amazonaws.com", "us-gov-west-1"},
    {"route53", "aws-iso", "route53.c2s.ic.gov", "us-iso-east-1"},
    {"route53", "aws-iso-b", "route53.sc2s.sgov.gov", "us-isob-east-1"},
    {"organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1"},
    {"organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1"},
    {"cloudfront", "aws-cn", "cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"budgets", "aws", "budgets.amazonaws.com", "us-east-1"},
    {"budgets", "aws-cn", "budgets.amazonaws.com.cn", "cn-northwest-1"},
    {"ce", "aws", "ce.us-east-1.amazonaws.com", "us-east-1"},
    {"ce", "aws-cn", "ce.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"waf", "aws", "waf.amazonaws.com", "us-east-1"},
    {"shield", "aws", "shield.us-east-1.amazonaws.com", "us-east-1"},
    {"health", "aws", "global.health.amazonaws.com", "us-east-1"},
    {"networkmanager", "aws", "networkmanager.us-west-2.amazonaws.com", "us-west-2"},
    {"route53domains", "aws", "route53domains.us-east-1.amazonaws.com", "us-east-1"},
    {"globalaccelerator", "aws", "globalaccelerator.us-west-2.amazonaws.com", "us-west-2"},
};

const GlobalEndpoint* FindGlobal(const std::string& service, const std::string& partition) {
  for (const auto& g : kGlobal) {
    if (service == g.service && partition == g.partition) return &g;
  }
  return nullptr;
}

bool ValidRegion(const std::string& region) {
  return !region.empty() && region.size() <= 64 &&
         std::all_of(region.begin(), region.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '-';
         });
}

// Where an override for this service comes from, in precedence order; "" when none.
std::string OverrideUrl(const std::string& env_form, const EndpointConfig& config) {
  if (config.service_url_from_env) {
    if (std::string url = config.service_url_from_env(env_form); !url.empty()) return url;
  }
  if (config.global_url_from_env && !config.global_url.empty()) return config.global_url;
  if (auto it = config.service_urls.find(env_form); it != config.service_urls.end()) {
    return it->second;
  }
  return config.global_url;
}

Result<Endpoint> DefaultEndpoint(const std::string& service, const std::string& prefix,
                                 const std::string& region) {
  if (service == "sts" && (region.empty() || region == "aws-global")) {
    return Endpoint{"https://sts.amazonaws.com", "us-east-1"};
  }
  const Partition& partition = PartitionFor(region.empty() ? "us-east-1" : region);
  if (const GlobalEndpoint* g = FindGlobal(service, partition.name)) {
    return Endpoint{std::string("https://") + g->host, g->signing_region};
  }
  if (region.empty()) {
    return Status::InvalidArgument("no region set for " + service +
                                   ": use --region, AWS_REGION or region in the profile");
  }
  return Endpoint{"https://" + prefix + "." + region + "." + partition.dns_suffix, region};
}

}  // namespace

std::string ServiceIdEnvForm(const std::string& service_id) {
  std::string out = service_id;
  for (char& c : out) {
    c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string PartitionOf(const std::string& region) { return PartitionFor(region).name; }

Result<std::string> NormalizeEndpointUrl(const std::string& url, const std::string& where) {
  std::string out = url;
  while (out.ends_with('/')) out.pop_back();
  size_t scheme = out.find("://");
  bool http = out.starts_with("http://") || out.starts_with("https://");
  if (!http || out.size() <= scheme + 3 || out.find_first_of(" \t\r\n?#") != std::string::npos) {
    return Status::InvalidArgument(where + ": endpoint url must look like https://host[:port], got '" +
                                   url + "'");
  }
  return out;
}

Result<Endpoint> ResolveEndpoint(const std::string& service, const std::string& endpoint_prefix,
                                 const std::string& service_id, const EndpointConfig& config) {
  if (!config.region.empty() && !ValidRegion(config.region)) {
    return Status::InvalidArgument("invalid region '" + config.region + "'");
  }
  ASSIGN_OR_RETURN(Endpoint def, DefaultEndpoint(service, endpoint_prefix, config.region));
  std::string env_form = ServiceIdEnvForm(service_id);
  std::string override_url = OverrideUrl(env_form, config);
  if (override_url.empty()) return def;
  ASSIGN_OR_RETURN(std::string url, NormalizeEndpointUrl(override_url, "endpoint for " + service));
  // Global services keep their signing region; others sign for the configured one.
  bool global = FindGlobal(service, PartitionOf(config.region.empty() ? "us-east-1" : config.region));
  std::string signing = global || config.region.empty() ? def.signing_region : config.region;
  return Endpoint{url, signing, /*overridden=*/true};
}

}  // namespace pave::aws
