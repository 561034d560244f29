#include "engine/resource_type.h"

#include <algorithm>
#include <cassert>

#include "engine/state.h"

namespace pave {

void ProviderRegistry::Register(std::unique_ptr<ResourceType> type) {
  assert(type && "registering a null resource type");
  assert(Find(type->schema().type) == nullptr && "resource type registered twice");
  const std::string& name = type->schema().type;
  auto it = std::lower_bound(types_.begin(), types_.end(), name,
                             [](const std::unique_ptr<ResourceType>& t, const std::string& n) {
                               return t->schema().type < n;
                             });
  types_.insert(it, std::move(type));
}

ResourceType* ProviderRegistry::Find(const std::string& type) const {
  auto it = std::lower_bound(types_.begin(), types_.end(), type,
                             [](const std::unique_ptr<ResourceType>& t, const std::string& n) {
                               return t->schema().type < n;
                             });
  if (it == types_.end() || (*it)->schema().type != type) return nullptr;
  return it->get();
}

Result<ResourceType*> ProviderRegistry::Find(const std::string& type, const std::string& account) const {
  const ProviderRegistry* registry = this;
  if (!account.empty()) {
    if (!accounts_) {
      return Status::FailedPrecondition("resources in " + PlacementLabel(account) +
                                        " need credentials for it, and this run has no way to get them");
    }
    ASSIGN_OR_RETURN(registry, accounts_(account));
  }
  ResourceType* found = registry->Find(type);
  if (!found) return Status::NotFound("no provider knows type \"" + type + "\"");
  return found;
}

std::vector<std::string> ProviderRegistry::TypeNames() const {
  std::vector<std::string> names;
  names.reserve(types_.size());
  for (const auto& t : types_) names.push_back(t->schema().type);
  return names;
}

}  // namespace pave
