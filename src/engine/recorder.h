// ChangeRecorder: the executor's write-ahead seam to durable state. Implemented by
// src/state (journal + state store) and by an in-memory fake in tests.
//
// Order for every provider call:  Begin (durable)  ->  provider call  ->  Finish (durable).
// A crash between the two leaves a Begin without Finish; the next run sees it as a pending
// operation and adopts or retries it.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "engine/address.h"
#include "engine/plan.h"
#include "engine/state.h"

namespace pave {

enum class Operation { kCreate, kUpdate, kDelete };

const char* OperationName(Operation op);

struct PendingOperation {
  ResourceAddress address;
  Operation op = Operation::kCreate;
  std::string idempotency_token;
  // Create only: the desired properties it was begun with, secret attributes left out (null
  // otherwise). Recovery looks for what the create made with these, not with the platform
  // file as it is now, which may have been edited since (docs/reliability.md).
  Value request;
  // The account the resource lives in (ResourceState::account); empty = pave's own.
  std::string account;
  // False for types whose effects live only in the state (ResourceSchema::state_only): the
  // recorder may write its records without a sync of their own. Not part of the journal.
  bool durable = true;
};

class ChangeRecorder {
 public:
  virtual ~ChangeRecorder() = default;
  // Durably notes that `op` on `address` is about to be called with this token.
  virtual Status Begin(const PendingOperation& op) = 0;
  // Durably notes the result: `result` is the resource's new state, or nullptr when the
  // resource no longer exists (delete finished). Secrets are already fingerprinted.
  virtual Status Finish(const PendingOperation& op, const ResourceState* result) = 0;
  // Durably notes that the call failed and changed nothing it knows of.
  virtual Status Fail(const PendingOperation& op, const Status& error) = 0;
  // Durably notes, in one record, that the resource at `from` is now known as `to`: a replace
  // done create-first deposes the old instance before the create begins (and puts it back
  // when the create made nothing). No provider call goes with it.
  virtual Status Move(const ResourceAddress& from, const ResourceAddress& to) = 0;
  // Durably notes, in the middle of a create, that the resource exists (`partial` is tainted,
  // holding at least its id) while the create goes on. Journaled as a finish with the tainted
  // resource followed by a new begin with the same token: a crash after it replays to the
  // tainted resource plus a pending create, which recovery reads back by id.
  virtual Status Created(const PendingOperation& op, const ResourceState& partial) {
    RETURN_IF_ERROR(Finish(op, &partial));
    return Begin(op);
  }
};

}  // namespace pave
