#include "engine/plan.h"

#include <algorithm>

namespace pave {

const char* ActionName(Action a) {
  switch (a) {
    case Action::kNoOp: return "no-op";
    case Action::kCreate: return "create";
    case Action::kUpdate: return "update";
    case Action::kReplace: return "replace";
    case Action::kDelete: return "delete";
  }
  return "unknown";
}

bool Plan::HasChanges() const {
  return std::any_of(changes.begin(), changes.end(),
                     [](const Change& c) { return c.action != Action::kNoOp; });
}

size_t Plan::Count(Action a) const {
  return static_cast<size_t>(
      std::count_if(changes.begin(), changes.end(), [a](const Change& c) { return c.action == a; }));
}

}  // namespace pave
