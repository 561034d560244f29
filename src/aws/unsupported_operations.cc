#include "aws/unsupported_operations.h"

namespace pave::aws {

bool IsOperationUnsupported(const Status& status) {
  if (status.ok()) return false;
  const std::string& code = status.reason();
  return code == "404" || code == "501" || code == "UnknownOperation" ||
         code == "UnknownOperationException" || code == "InvalidAction" ||
         code == "NotImplemented" || code == "UnsupportedOperation" ||
         code == "UnsupportedOperationException";
}

bool UnsupportedOperations::IsKnownUnsupported(const std::string& service,
                                               const std::string& operation) const {
  std::lock_guard<std::mutex> lock(mu_);
  return unsupported_.count(service + " " + operation) > 0;
}

bool UnsupportedOperations::RememberIfUnsupported(const std::string& service,
                                                  const std::string& operation,
                                                  const Status& status) {
  if (!IsOperationUnsupported(status)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  unsupported_.insert(service + " " + operation);
  return true;
}

}  // namespace pave::aws
