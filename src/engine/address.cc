#include "engine/address.h"

#include <cctype>

namespace pave {

bool IsValidTypeName(std::string_view type) {
  if (type.empty() || !std::islower(static_cast<unsigned char>(type[0]))) return false;
  for (char c : type) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

bool IsValidResourceName(std::string_view name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  }
  return true;
}

namespace {

constexpr std::string_view kDeposedMark = "~deposed-";

bool IsDeposedKey(std::string_view key) {
  if (key.empty() || key.size() > 32) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::optional<ResourceAddress> ResourceAddress::Parse(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  ResourceAddress a{std::string(text.substr(0, dot)), std::string(text.substr(dot + 1))};
  std::string_view base = a.name;
  if (size_t mark = base.find(kDeposedMark); mark != std::string_view::npos) {
    if (!IsDeposedKey(base.substr(mark + kDeposedMark.size()))) return std::nullopt;
    base = base.substr(0, mark);
  }
  if (!IsValidTypeName(a.type) || !IsValidResourceName(base)) return std::nullopt;
  return a;
}

ResourceAddress ResourceAddress::Deposed(const ResourceAddress& base, std::string_view key) {
  return ResourceAddress{base.type, base.Base().name + std::string(kDeposedMark) + std::string(key)};
}

bool ResourceAddress::IsDeposed() const { return name.find(kDeposedMark) != std::string::npos; }

ResourceAddress ResourceAddress::Base() const {
  size_t mark = name.find(kDeposedMark);
  return mark == std::string::npos ? *this : ResourceAddress{type, name.substr(0, mark)};
}

}  // namespace pave
