// NetworkLayout: how the `network:` section numbers its subnets — pure arithmetic, so it is
// the same on every run and every machine.
//
// The VPC range (prefix /P, 16 <= P <= 23) is cut in four equal tier blocks (2 bits), in a
// fixed order whatever tiers the file lists:
//     block 0 public   block 1 private   block 2 database   block 3 spare
// and each tier block in eight zone slots (3 bits); the slot of a zone is its letter
// (a=0 ... h=7). A subnet is therefore /P+5 and sits at
//     vpc_base + (tier * 8 + zone_letter) * 2^(32-P-5)
// e.g. 10.0.0.0/16: public a 10.0.0.0/21, public b 10.0.8.0/21, private a 10.0.64.0/21,
// database c 10.0.144.0/21. Adding a zone or a tier never moves an existing subnet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pave::network {

struct Cidr {
  uint32_t base = 0;  // host order
  int prefix = 0;

  std::string ToString() const;
};

enum class Tier { kPublic, kPrivate, kDatabase };

inline constexpr int kTierBits = 2;
inline constexpr int kZoneBits = 3;
inline constexpr int kMaxZones = 1 << kZoneBits;  // zone letters a..h
inline constexpr int kMinVpcPrefix = 16;           // AWS: a VPC is /16 to /28
inline constexpr int kMaxVpcPrefix = 28 - kTierBits - kZoneBits;  // subnets at least /28

// "10.0.0.0/16" -> Cidr; nullopt when malformed (octets, prefix, host bits set).
std::optional<Cidr> ParseCidr(std::string_view text);
// Why `text` is not a usable CIDR, or "" when it parses.
std::string CidrError(std::string_view text);

// The range AWS reserves that `cidr` overlaps ("127.0.0.0/8 (loopback)", link-local
// 169.254.0.0/16, multicast 224.0.0.0/4, 0.0.0.0/8, 240.0.0.0/4), or "" when none.
std::string ReservedRangeOf(const Cidr& cidr);
// How many availability zones `region` has (letters a.. in order), or 0 when pave does not
// know the region (then only the layout's limit of 8 applies).
int ZoneCount(std::string_view region);

const char* TierName(Tier t);
std::optional<Tier> ParseTier(std::string_view name);

// The subnet of `tier` in the zone with letter index `zone` (0 for "a").
Cidr SubnetCidr(const Cidr& vpc, Tier tier, int zone);

}  // namespace pave::network
