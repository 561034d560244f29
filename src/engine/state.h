// State: what pave knows exists — the in-memory form of the state document. The planner
// reads it; the executor updates it as results come in; src/state/ persists it.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/value.h"
#include "engine/address.h"

namespace pave {

struct ResourceState {
  ResourceAddress address;
  Value attributes = Value::object();  // secret attributes hold "sha256:<hex>" fingerprints
  std::vector<ResourceAddress> dependencies;  // what it depended on when last applied
  // Non-empty when the resource exists but its create did not finish (a later call of the
  // create failed, timed out or was cancelled): why. The planner replaces a tainted
  // resource; docs/reliability.md.
  std::string tainted;
  // Where it lives: the AWS account (12 digits; empty = the account pave runs in), then
  // "@REGION" when outside the platform's region (a Placement). Resolved from
  // ResourceConfig::account when it was made; a resource never moves between accounts or regions.
  std::string account;
};

// Whether `s` is a 12-digit AWS account id.
bool IsAccountId(const std::string& s);

// Where a resource lives, as ResourceConfig::account and ResourceState::account write it: the
// account, then "@" and a region when the resource lives outside the platform's region
// (metadata.region). "" is pave's own account and region; "123456789012", "@eu-central-1" and
// "123456789012@eu-central-1" the others. In a config the account part may instead be one
// reference to an account id ("${aws_organizations_account.shared.id}@eu-central-1").
struct Placement {
  std::string account;  // empty: the account pave runs in
  std::string region;   // empty: the platform's region
};
Placement SplitPlacement(const std::string& s);
std::string JoinPlacement(const std::string& account, const std::string& region);
// Whether `s` looks like an AWS region name: lower-case words joined by '-', the last a
// number ("eu-central-1", "us-gov-west-1").
bool IsRegionName(const std::string& s);
// Whether `s` is a made resource's placement: no reference, the account empty or 12 digits,
// and after an "@" a region name.
bool IsResolvedPlacement(const std::string& s);
// For people: "account 123456789012", "region eu-central-1", "account 123456789012 in
// eu-central-1"; "" for pave's own account and region.
std::string PlacementLabel(const std::string& s);

// Put, Find and Remove take O(log n) whatever the order of the addresses (an apply finishes
// operations in any order); iteration is sorted by address. Pointers from Find stay valid
// until that resource is removed.
class State {
  using Map = std::map<ResourceAddress, ResourceState>;

 public:
  // The resources sorted by address, as a range of `const ResourceState&`.
  class Resources {
   public:
    class Iterator {
     public:
      using iterator_category = std::bidirectional_iterator_tag;
      using value_type = ResourceState;
      using difference_type = std::ptrdiff_t;
      using pointer = const ResourceState*;
      using reference = const ResourceState&;

      Iterator() = default;
      explicit Iterator(Map::const_iterator it) : it_(it) {}
      reference operator*() const { return it_->second; }
      pointer operator->() const { return &it_->second; }
      Iterator& operator++() { ++it_; return *this; }
      Iterator operator++(int) { Iterator old = *this; ++it_; return old; }
      Iterator& operator--() { --it_; return *this; }
      Iterator operator--(int) { Iterator old = *this; --it_; return old; }
      bool operator==(const Iterator& o) const { return it_ == o.it_; }

     private:
      Map::const_iterator it_;
    };

    explicit Resources(const Map* map) : map_(map) {}
    Iterator begin() const { return Iterator(map_->begin()); }
    Iterator end() const { return Iterator(map_->end()); }
    size_t size() const { return map_->size(); }
    bool empty() const { return map_->empty(); }

   private:
    const Map* map_;
  };

  std::string lineage;  // random id fixed when the state is first created
  int64_t serial = 0;   // +1 on every write
  std::string platform;

  const ResourceState* Find(const ResourceAddress& a) const;
  ResourceState* FindMutable(const ResourceAddress& a);
  // Inserts or replaces the entry for r.address.
  void Put(ResourceState r);
  bool Remove(const ResourceAddress& a);
  // Carries the entry at `from` (if any) to `to`, replacing what `to` held; false when `from`
  // holds nothing.
  bool Move(const ResourceAddress& from, const ResourceAddress& to);
  // Sorted by address.
  Resources resources() const { return Resources(&resources_); }
  size_t size() const { return resources_.size(); }

 private:
  Map resources_;
};

}  // namespace pave
