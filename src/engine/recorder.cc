#include "engine/recorder.h"

namespace pave {

const char* OperationName(Operation op) {
  switch (op) {
    case Operation::kCreate: return "create";
    case Operation::kUpdate: return "update";
    case Operation::kDelete: return "delete";
  }
  return "unknown";
}

}  // namespace pave
