#include "platform/subnet_checks.h"

#include <map>
#include <optional>
#include <string>

#include "platform/blueprints/network_layout.h"
#include "platform/placeholders.h"

namespace pave {
namespace {

using network::Cidr;

std::optional<Cidr> LiteralCidr(const ResourceConfig& rc) {
  const Value v = rc.properties.value("cidr_block", Value());
  if (!v.is_string()) return std::nullopt;
  return network::ParseCidr(v.get<std::string>());
}

// The VPC named by `vpc_id: ${aws_vpc.X.id}`, or nullopt.
std::optional<ResourceAddress> VpcOf(const ResourceConfig& subnet) {
  const Value v = subnet.properties.value("vpc_id", Value());
  if (!v.is_string() || !IsSinglePlaceholder(v.get<std::string>())) return std::nullopt;
  std::vector<Placeholder> found = FindPlaceholders(v.get<std::string>());
  if (found.size() != 1 || !found[0].reference) return std::nullopt;
  const ResourceAddress& target = found[0].reference->target;
  if (target.type != "aws_vpc" || found[0].reference->attribute != "id") return std::nullopt;
  return target;
}

uint64_t Size(const Cidr& c) { return uint64_t{1} << (32 - c.prefix); }

bool Inside(const Cidr& inner, const Cidr& outer) {
  return inner.prefix >= outer.prefix && inner.base >= outer.base &&
         uint64_t{inner.base} + Size(inner) <= uint64_t{outer.base} + Size(outer);
}

bool Overlap(const Cidr& a, const Cidr& b) { return Inside(a, b) || Inside(b, a); }

}  // namespace

void CheckSubnetRanges(const Config& config, FileErrors& errors) {
  std::map<ResourceAddress, Cidr> vpcs;
  for (const ResourceConfig& rc : config.resources) {
    if (rc.address.type != "aws_vpc") continue;
    if (auto c = LiteralCidr(rc)) vpcs[rc.address] = *c;
  }
  std::map<ResourceAddress, std::vector<std::pair<ResourceAddress, Cidr>>> subnets_of;
  for (const ResourceConfig& rc : config.resources) {
    if (rc.address.type != "aws_subnet") continue;
    std::optional<Cidr> cidr = LiteralCidr(rc);
    std::optional<ResourceAddress> vpc = VpcOf(rc);
    if (!cidr || !vpc || !vpcs.count(*vpc)) continue;
    const Cidr& range = vpcs[*vpc];
    std::string self = rc.address.ToString() + ": cidr_block " + cidr->ToString();
    if (!Inside(*cidr, range)) {
      errors.At(rc.location, self + " is not inside " + vpc->ToString() + "'s " + range.ToString(),
                "a subnet's range is part of its VPC's");
      continue;
    }
    for (const auto& [other, other_cidr] : subnets_of[*vpc]) {
      if (Overlap(*cidr, other_cidr)) {
        errors.At(rc.location,
                  self + " overlaps " + other.ToString() + "'s " + other_cidr.ToString(),
                  "subnets of one VPC cannot share addresses");
      }
    }
    subnets_of[*vpc].emplace_back(rc.address, *cidr);
  }
}

namespace {

// "the account pave runs in", an id, or the account a reference names ("shared").
std::string AccountLabel(const std::string& account) {
  if (account.empty()) return "the account pave runs in";
  const std::string prefix = "${aws_organizations_account.";
  if (account.rfind(prefix, 0) == 0) {
    std::string rest = account.substr(prefix.size());
    return "account " + rest.substr(0, rest.find('.'));
  }
  return "account " + account;
}

}  // namespace

void CheckNetworkAccounts(const Config& config, FileErrors& errors) {
  std::map<ResourceAddress, const std::string*> network;  // the VPC-scoped resources' accounts
  for (const ResourceConfig& rc : config.resources) {
    const std::string& t = rc.address.type;
    if (t == "aws_vpc" || t == "aws_subnet" || t == "aws_security_group") network[rc.address] = &rc.account;
  }
  if (network.empty()) return;
  for (const ResourceConfig& rc : config.resources) {
    for (const Reference& ref : FindReferences(rc.properties)) {
      auto it = network.find(ref.target);
      if (it == network.end() || ref.attribute != "id" || *it->second == rc.account) continue;
      errors.At(rc.location,
                rc.address.ToString() + " (in " + AccountLabel(rc.account) + ") uses " + ref.target.ToString() +
                    " of " + AccountLabel(*it->second) +
                    ": pave makes one network per account and does not share subnets through AWS RAM yet",
                "give the network and what uses it the same account (docs/accounts.md)");
      break;  // one error per resource
    }
  }
}

}  // namespace pave
