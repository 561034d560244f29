#include "aws/http.h"

#include <algorithm>

namespace pave::aws {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

}  // namespace

std::string FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

void RemoveHeader(Headers* headers, std::string_view name) {
  std::erase_if(*headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
}

}  // namespace pave::aws
