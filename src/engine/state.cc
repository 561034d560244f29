#include "engine/state.h"

#include <algorithm>

namespace pave {

namespace {

bool AddressLess(const ResourceState& r, const ResourceAddress& a) { return r.address < a; }

}  // namespace

const ResourceState* State::Find(const ResourceAddress& a) const {
  auto it = std::lower_bound(resources_.begin(), resources_.end(), a, AddressLess);
  if (it == resources_.end() || it->address != a) return nullptr;
  return &*it;
}

ResourceState* State::FindMutable(const ResourceAddress& a) {
  auto it = std::lower_bound(resources_.begin(), resources_.end(), a, AddressLess);
  if (it == resources_.end() || it->address != a) return nullptr;
  return &*it;
}

void State::Put(ResourceState r) {
  // Loading a state document puts resources in sorted order: append without a search.
  if (resources_.empty() || resources_.back().address < r.address) {
    resources_.push_back(std::move(r));
    return;
  }
  auto it = std::lower_bound(resources_.begin(), resources_.end(), r.address, AddressLess);
  if (it != resources_.end() && it->address == r.address) {
    *it = std::move(r);
  } else {
    resources_.insert(it, std::move(r));
  }
}

bool State::Remove(const ResourceAddress& a) {
  auto it = std::lower_bound(resources_.begin(), resources_.end(), a, AddressLess);
  if (it == resources_.end() || it->address != a) return false;
  resources_.erase(it);
  return true;
}

}  // namespace pave
