#include "platform/blueprints/network_layout.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

namespace pave::network {

std::string Cidr::ToString() const {
  return std::to_string(base >> 24) + "." + std::to_string((base >> 16) & 255) + "." +
         std::to_string((base >> 8) & 255) + "." + std::to_string(base & 255) + "/" +
         std::to_string(prefix);
}

namespace {

bool ParseNumber(std::string_view s, int max, int* out) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out <= max;
}

}  // namespace

std::string CidrError(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return "missing \"/prefix\"";
  std::string_view addr = text.substr(0, slash);
  int prefix = 0;
  if (!ParseNumber(text.substr(slash + 1), 32, &prefix)) return "prefix must be a number from 0 to 32";
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = addr.find('.', start);
    parts.push_back(addr.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 4) return "address must have four dot-separated numbers";
  uint32_t base = 0;
  for (std::string_view p : parts) {
    int octet = 0;
    if (!ParseNumber(p, 255, &octet)) return "each address number must be 0 to 255";
    base = (base << 8) | static_cast<uint32_t>(octet);
  }
  uint32_t host_mask = prefix == 0 ? 0xffffffffu : (prefix == 32 ? 0u : (0xffffffffu >> prefix));
  if ((base & host_mask) != 0) {
    Cidr fixed{base & ~host_mask, prefix};
    return "host bits are set (did you mean " + fixed.ToString() + "?)";
  }
  return "";
}

std::optional<Cidr> ParseCidr(std::string_view text) {
  if (!CidrError(text).empty()) return std::nullopt;
  size_t slash = text.find('/');
  Cidr c;
  std::from_chars(text.data() + slash + 1, text.data() + text.size(), c.prefix);
  std::string_view addr = text.substr(0, slash);
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t dot = addr.find('.', start);
    int octet = 0;
    std::string_view part = addr.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    std::from_chars(part.data(), part.data() + part.size(), octet);
    c.base = (c.base << 8) | static_cast<uint32_t>(octet);
    start = dot + 1;
  }
  return c;
}

const char* TierName(Tier t) {
  switch (t) {
    case Tier::kPublic: return "public";
    case Tier::kPrivate: return "private";
    case Tier::kDatabase: return "database";
  }
  return "?";
}

std::optional<Tier> ParseTier(std::string_view name) {
  for (Tier t : {Tier::kPublic, Tier::kPrivate, Tier::kDatabase}) {
    if (name == TierName(t)) return t;
  }
  return std::nullopt;
}

Cidr SubnetCidr(const Cidr& vpc, Tier tier, int zone) {
  int prefix = vpc.prefix + kTierBits + kZoneBits;
  uint32_t size = 1u << (32 - prefix);
  uint32_t index = static_cast<uint32_t>(static_cast<int>(tier) * kMaxZones + zone);
  return Cidr{vpc.base + index * size, prefix};
}

std::string ReservedRangeOf(const Cidr& cidr) {
  struct Range {
    uint32_t base;
    int prefix;
    const char* name;
  };
  static const Range kReserved[] = {{0x00000000u, 8, "0.0.0.0/8 (this network)"},
                                    {0x7f000000u, 8, "127.0.0.0/8 (loopback)"},
                                    {0xa9fe0000u, 16, "169.254.0.0/16 (link-local, instance metadata)"},
                                    {0xe0000000u, 4, "224.0.0.0/4 (multicast)"},
                                    {0xf0000000u, 4, "240.0.0.0/4 (reserved)"}};
  for (const Range& r : kReserved) {
    int p = std::min(r.prefix, cidr.prefix);  // two ranges overlap when they agree on the shorter prefix
    uint32_t mask = p == 0 ? 0 : ~0u << (32 - p);
    if ((cidr.base & mask) == (r.base & mask)) return r.name;
  }
  return "";
}

int ZoneCount(std::string_view region) {
  static const std::pair<std::string_view, int> kZones[] = {
      {"us-east-1", 6},      {"us-east-2", 3},      {"us-west-1", 2},      {"us-west-2", 4},
      {"ca-central-1", 3},   {"sa-east-1", 3},      {"eu-west-1", 3},      {"eu-west-2", 3},
      {"eu-west-3", 3},      {"eu-central-1", 3},   {"eu-central-2", 3},   {"eu-north-1", 3},
      {"eu-south-1", 3},     {"eu-south-2", 3},     {"ap-south-1", 3},     {"ap-northeast-1", 3},
      {"ap-northeast-2", 4}, {"ap-northeast-3", 3}, {"ap-southeast-1", 3}, {"ap-southeast-2", 3},
      {"me-south-1", 3},     {"af-south-1", 3}};
  for (const auto& [name, count] : kZones) {
    if (name == region) return count;
  }
  return 0;
}

}  // namespace pave::network
