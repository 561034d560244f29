// UnsupportedOperations: a memo of optional operations an endpoint turned out not to have.
//
// Some reads have a batch form that not every endpoint implements (Route 53's
// ListTagsForResources on a private emulator or a partition that lags behind). A provider
// asks the batch form; when the endpoint answers that it does not know the operation, the
// provider falls back to the per-resource form and remembers, so the rest of the run goes
// straight to the fallback instead of failing (or paying a failed call) every time.
//
//   if (!memo.IsKnownUnsupported("route53", "ListTagsForResources")) {
//     auto got = client->Call("route53", "ListTagsForResources", input);
//     if (got.ok() || !memo.RememberIfUnsupported("route53", "ListTagsForResources",
//                                                 got.status())) return got;
//   }
//   ... per-resource reads ...
//
// Thread-safe: one memo serves every thread of a run.
#pragma once

#include <mutex>
#include <set>
#include <string>

#include "core/status.h"

namespace pave::aws {

// True when an error says the endpoint does not implement the operation, rather than that
// the call was wrong: a bare 404 or 501 without an AWS error code (the status code stands
// in as the code), or UnknownOperation(Exception), InvalidAction, NotImplemented,
// UnsupportedOperation(Exception). A modeled 404 such as NoSuchHostedZone is not.
bool IsOperationUnsupported(const Status& status);

class UnsupportedOperations {
 public:
  bool IsKnownUnsupported(const std::string& service, const std::string& operation) const;
  // Remembers the operation when `status` says it is unsupported; returns whether it did.
  bool RememberIfUnsupported(const std::string& service, const std::string& operation,
                             const Status& status);

 private:
  mutable std::mutex mu_;
  std::set<std::string> unsupported_;  // "service operation", guarded by mu_
};

}  // namespace pave::aws
