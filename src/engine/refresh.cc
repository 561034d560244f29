#include "engine/refresh.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "engine/secret.h"

namespace pave {

namespace {

// The resources of one type in one account (indexes into the state's resource list).
struct TypeBatch {
  ResourceType* type = nullptr;
  std::string account;
  std::vector<size_t> members;
  Result<std::vector<std::optional<Value>>> read = Status::Internal("not read");
};

void Emit(EventSink* sink, EventKind kind, const std::string& type, size_t count, std::chrono::milliseconds elapsed,
          Status status) {
  if (!sink) return;
  Event e;
  e.kind = kind;
  e.message = type;
  e.count = count;
  e.elapsed = elapsed;
  e.status = std::move(status);
  sink->OnEvent(e);
}

// The state's resources in address order, indexable (TypeBatch holds index ranges).
using ResourceList = std::vector<const ResourceState*>;

ResourceList ListResources(const State& state) {
  ResourceList all;
  all.reserve(state.size());
  for (const ResourceState& r : state.resources()) all.push_back(&r);
  return all;
}

void ReadBatch(const ResourceList& all, const RefreshOptions& options, Env* env, TypeBatch* batch) {
  const std::string& type = batch->type->schema().type;
  std::vector<ReadRequest> requests;
  requests.reserve(batch->members.size());
  for (size_t i : batch->members) {
    const ResourceState& r = *all[i];
    requests.push_back(ReadRequest{r.address, r.attributes});
  }
  Emit(options.events, EventKind::kRefreshStarted, type, requests.size(), {}, Status::Ok());
  auto start = env->MonotonicNow();
  batch->read = batch->type->Read(requests);
  if (batch->read.ok() && batch->read->size() != requests.size()) {
    batch->read = Status::Internal("provider returned " + std::to_string(batch->read->size()) + " results for " +
                                   std::to_string(requests.size()) + " resources");
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(env->MonotonicNow() - start);
  Emit(options.events, EventKind::kRefreshFinished, type, requests.size(), elapsed, batch->read.status());
}

// One batch per type and account: the state is sorted by type first, so a type's resources
// are contiguous; within them, accounts in order of first appearance.
Result<std::vector<TypeBatch>> GroupByType(const ResourceList& all, const ProviderRegistry& registry) {
  std::vector<TypeBatch> batches;
  for (size_t i = 0; i < all.size();) {
    size_t first = batches.size();
    size_t j = i;
    for (; j < all.size() && all[j]->address.type == all[i]->address.type; ++j) {
      const std::string& account = all[j]->account;
      auto batch = std::find_if(batches.begin() + static_cast<std::ptrdiff_t>(first), batches.end(),
                                [&](const TypeBatch& b) { return b.account == account; });
      if (batch == batches.end()) {
        if (!registry.Find(all[j]->address.type)) {
          return Status::FailedPrecondition("state holds " + all[j]->address.ToString() +
                                            ", but no provider knows type \"" + all[j]->address.type + "\"");
        }
        Result<ResourceType*> type = registry.Find(all[j]->address.type, account);
        if (!type.ok()) {
          return type.status().WithContext("state holds " + all[j]->address.ToString() +
                                            (account.empty() ? "" : " in " + PlacementLabel(account)));
        }
        batches.push_back(TypeBatch{*type, account, {}});
        batch = batches.end() - 1;
      }
      batch->members.push_back(j);
    }
    i = j;
  }
  return batches;
}

}  // namespace

Result<RefreshResult> Refresh(const State& state, const ProviderRegistry& registry, const RefreshOptions& options) {
  const ResourceList all = ListResources(state);
  ASSIGN_OR_RETURN(std::vector<TypeBatch> batches, GroupByType(all, registry));
  Env* env = options.env ? options.env : DefaultEnv();
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t b = next++; b < batches.size(); b = next++) ReadBatch(all, options, env, &batches[b]);
  };
  size_t threads = std::min(batches.size(), static_cast<size_t>(std::max(1, options.parallelism)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();  // this thread is one of the workers
  for (std::thread& t : pool) t.join();

  RefreshResult out;
  out.state.lineage = state.lineage;
  out.state.serial = state.serial;
  out.state.platform = state.platform;
  for (TypeBatch& batch : batches) {
    if (!batch.read.ok()) {
      return batch.read.status().WithContext("refreshing " + batch.type->schema().type +
                                             (batch.account.empty() ? "" : " in " + PlacementLabel(batch.account)));
    }
    for (size_t k = 0; k < batch.members.size(); ++k) {
      const ResourceState& prior = *all[batch.members[k]];
      std::optional<Value>& read = (*batch.read)[k];
      if (!read) {
        out.vanished.insert(prior.address);
        continue;
      }
      if (!read->is_object()) {
        return Status::Internal("refreshing " + prior.address.ToString() + ": provider returned " + read->type_name() +
                                " instead of attributes");
      }
      if (!read->contains("id") && prior.attributes.contains("id")) (*read)["id"] = prior.attributes["id"];
      Value attrs = KeepSecretFingerprints(batch.type->schema(), state.lineage, prior.attributes, std::move(*read));
      out.state.Put(ResourceState{prior.address, std::move(attrs), prior.dependencies, prior.tainted, prior.account});
    }
  }
  return out;
}

}  // namespace pave
