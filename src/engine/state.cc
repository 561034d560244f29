#include "engine/state.h"

#include <algorithm>

namespace pave {

bool IsAccountId(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
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
