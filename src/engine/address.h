// ResourceAddress: the stable name of one resource in a platform, "type.name",
// e.g. "aws_vpc.main". It is the key in state, the journal, plans and events.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pave {

struct ResourceAddress {
  std::string type;  // e.g. "aws_vpc": lower-case letters, digits, '_'
  std::string name;  // e.g. "main": letters, digits, '_', '-'

  std::string ToString() const { return type + "." + name; }
  // Parses "type.name" (also a deposed object's "type.name~deposed-<hex>"); nullopt when
  // malformed.
  static std::optional<ResourceAddress> Parse(std::string_view text);

  // A deposed object: the old instance of a replace done create-first, kept in state under
  // "<name>~deposed-<key>" until its delete is confirmed (docs/reliability.md). No platform
  // file can name one: '~' is not allowed in a resource name.
  static ResourceAddress Deposed(const ResourceAddress& base, std::string_view key);
  bool IsDeposed() const;
  // The address a deposed object was deposed from (itself when not deposed).
  ResourceAddress Base() const;

  auto operator<=>(const ResourceAddress&) const = default;
  bool operator==(const ResourceAddress&) const = default;
};

bool IsValidTypeName(std::string_view type);
bool IsValidResourceName(std::string_view name);

}  // namespace pave

template <>
struct std::hash<pave::ResourceAddress> {
  size_t operator()(const pave::ResourceAddress& a) const noexcept {
    return std::hash<std::string>()(a.type) * 31 + std::hash<std::string>()(a.name);
  }
};
