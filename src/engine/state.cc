#include "engine/state.h"

#include <algorithm>
#include <string_view>

namespace pave {

bool IsAccountId(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Placement SplitPlacement(const std::string& s) {
  size_t at = s.rfind('@');
  if (at == std::string::npos || s.find('}', at) != std::string::npos) return Placement{s, ""};
  return Placement{s.substr(0, at), s.substr(at + 1)};
}

std::string JoinPlacement(const std::string& account, const std::string& region) {
  return region.empty() ? account : account + "@" + region;
}

bool IsRegionName(const std::string& s) {
  size_t words = 0, start = 0;
  while (start <= s.size()) {
    size_t end = s.find('-', start);
    if (end == std::string::npos) end = s.size();
    std::string_view word(s.data() + start, end - start);
    if (word.empty()) return false;
    const bool last = end == s.size();
    for (char c : word) {
      if (last ? !(c >= '0' && c <= '9') : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    ++words;
    start = end + 1;
  }
  return words >= 3;
}

bool IsResolvedPlacement(const std::string& s) {
  Placement p = SplitPlacement(s);
  if (!p.account.empty() && !IsAccountId(p.account)) return false;
  return s.find('@') == std::string::npos || IsRegionName(p.region);
}

std::string PlacementLabel(const std::string& s) {
  Placement p = SplitPlacement(s);
  if (p.account.empty()) return p.region.empty() ? "" : "region " + p.region;
  return "account " + p.account + (p.region.empty() ? "" : " in " + p.region);
}

const ResourceState* State::Find(const ResourceAddress& a) const {
  auto it = resources_.find(a);
  return it == resources_.end() ? nullptr : &it->second;
}

ResourceState* State::FindMutable(const ResourceAddress& a) {
  auto it = resources_.find(a);
  return it == resources_.end() ? nullptr : &it->second;
}

void State::Put(ResourceState r) {
  // Loading a state document puts resources in sorted order: the end is the hint.
  auto hint = resources_.lower_bound(r.address);
  if (hint != resources_.end() && hint->first == r.address) {
    hint->second = std::move(r);
    return;
  }
  ResourceAddress key = r.address;
  resources_.emplace_hint(hint, std::move(key), std::move(r));
}

bool State::Remove(const ResourceAddress& a) { return resources_.erase(a) > 0; }

bool State::Move(const ResourceAddress& from, const ResourceAddress& to) {
  auto it = resources_.find(from);
  if (it == resources_.end()) return false;
  ResourceState moved = std::move(it->second);
  resources_.erase(it);
  moved.address = to;
  Put(std::move(moved));
  return true;
}

}  // namespace pave
