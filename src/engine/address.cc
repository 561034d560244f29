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

std::optional<ResourceAddress> ResourceAddress::Parse(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  ResourceAddress a{std::string(text.substr(0, dot)), std::string(text.substr(dot + 1))};
  if (!IsValidTypeName(a.type) || !IsValidResourceName(a.name)) return std::nullopt;
  return a;
}

}  // namespace pave
