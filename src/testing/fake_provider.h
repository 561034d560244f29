// FakeResourceType: an in-memory cloud for one resource type, for engine tests and
// benchmarks. Thread-safe. Configurable schema, latency per method, failure injection (by
// address or by the n-th call, before or after the change takes effect), call counters,
// Find by idempotency token. CallLog: one ordered log shared by fakes and MemRecorder, so a
// test can assert the order of recorder writes and provider calls across threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/resource_type.h"

namespace pave {

enum class FakeMethod { kCreate, kRead, kUpdate, kDelete, kFind };

const char* FakeMethodName(FakeMethod m);  // "create", "read", ...

class CallLog {
 public:
  void Add(std::string entry);
  std::vector<std::string> entries() const;
  // Position of the first entry equal to `entry`, or -1.
  int IndexOf(const std::string& entry) const;
  // The highest number of calls in flight at once ("call ..." minus "return ..." entries).
  int MaxInFlight() const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<std::string> entries_;  // guarded by mu_
};

// A schema attribute in one line, for tests: FakeAttr("cidr", AttrType::kString, {.required = true}).
struct AttrFlags {
  bool required = false;
  bool computed = false;
  bool force_new = false;
  bool secret = false;
  bool stable = false;
  bool unordered = false;
  std::optional<Value> default_value;
};
AttributeSchema FakeAttr(std::string name, AttrType type = AttrType::kString, AttrFlags flags = {});

class FakeResourceType : public ResourceType {
 public:
  // `log` (may be null) receives "call <method> <address>" and "return <method> <address>".
  explicit FakeResourceType(ResourceSchema schema, CallLog* log = nullptr);

  const ResourceSchema& schema() const override { return schema_; }
  Result<Value> Create(const OperationContext& ctx, const Value& desired) override;
  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override;
  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override;
  Status Delete(const OperationContext& ctx, const Value& prior) override;
  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override;

  // --- configuration; call before the run ---
  void SetLatency(FakeMethod m, std::chrono::milliseconds d);
  // Calls of `m` for `address` fail with `error`. With `after_effect` the change is made and
  // then the error is returned (a lost response).
  void FailAddress(FakeMethod m, const ResourceAddress& address, Status error, bool after_effect = false);
  // The n-th call (1-based, counted per method) of `m` fails.
  void FailCall(FakeMethod m, int n, Status error, bool after_effect = false);
  void ClearFailures();
  // Create reports these notes through ctx.Progress before it returns.
  void SetProgressNotes(std::vector<std::string> notes);
  // Create reports ctx.Created({"id": ...}) once the resource exists, like a provider whose
  // create makes more calls after the one that made it (an after_effect failure then fails
  // one of those later calls). With `complete`, it reports ctx.CreatedComplete instead: every
  // step done, only a wait or read-back left.
  void SetReportsCreated(bool on, bool complete = false);


  // --- observation ---
  // The desired properties the last Find was called with (null before any).
  Value last_find_desired() const;
  int calls(FakeMethod m) const;
  // The addresses of each Read call, one vector per call.
  std::vector<std::vector<ResourceAddress>> read_batches() const;
  // Delete calls whose context allowed data loss.
  int deletes_allowing_data_loss() const;

  // --- the in-memory cloud ---
  size_t size() const;
  std::optional<Value> Get(const std::string& id) const;
  // The resource created for `address` (by the context's address), if any.
  std::optional<Value> GetByAddress(const ResourceAddress& address) const;
  // Puts a resource directly (as if made earlier); returns its id.
  std::string Seed(const ResourceAddress& address, Value attributes, std::string token = "");
  void Erase(const std::string& id);  // deleted outside pave
  void Modify(const std::string& id, const std::string& attribute, Value v);  // drift

 private:
  struct Stored {
    ResourceAddress address;
    std::string token;
    Value attributes;
  };
  struct Failure {
    FakeMethod method;
    std::optional<ResourceAddress> address;
    int call = 0;  // 0: every call
    Status error;
    bool after_effect = false;
  };

  // Counts the call, sleeps the latency, returns the failure to inject if any.
  std::optional<Failure> Enter(FakeMethod m, const ResourceAddress& address);
  void Log(const char* what, FakeMethod m, const ResourceAddress& address);
  Value Computed(const AttributeSchema& a, const std::string& id) const;
  Value Visible(const Value& attributes) const;  // without secrets, as Read shows it
  Result<Value> CreateLocked(const OperationContext& ctx, const Value& desired);

  const ResourceSchema schema_;
  CallLog* const log_;
  mutable std::mutex mu_;
  std::map<std::string, Stored> cloud_;                       // by id; guarded by mu_
  int next_id_ = 1;                                           // guarded by mu_
  std::map<FakeMethod, std::chrono::milliseconds> latency_;   // guarded by mu_
  std::map<FakeMethod, int> calls_;                           // guarded by mu_
  std::vector<Failure> failures_;                             // guarded by mu_
  std::vector<std::vector<ResourceAddress>> read_batches_;    // guarded by mu_
  std::vector<std::string> progress_notes_;                   // guarded by mu_
  int deletes_allowing_data_loss_ = 0;                        // guarded by mu_
  bool reports_created_ = false;                              // guarded by mu_
  bool reports_complete_ = false;                             // guarded by mu_
  Value last_find_desired_;                                   // guarded by mu_
};

}  // namespace pave
