// Helpers shared by the state store tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "state/local_store.h"
#include "testing/mem_env.h"

namespace pave::state_test {

inline ResourceAddress Addr(const std::string& text) { return *ResourceAddress::Parse(text); }

inline PendingOperation Op(const std::string& address, Operation op = Operation::kCreate) {
  return PendingOperation{Addr(address), op, "token-" + address};
}

inline ResourceState Resource(const std::string& address, const std::string& id) {
  return ResourceState{Addr(address), Value{{"id", id}}, {}};
}

inline std::unique_ptr<LocalStateStore> OpenStore(Env* env, const std::string& dir = "/w/.pave") {
  Result<std::unique_ptr<LocalStateStore>> store = LocalStateStore::Open(env, dir);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

// The next process after a crash: a new pid on the same host, the old one gone.
inline void RestartProcess(MemEnv* env) {
  env->SetProcessAlive(env->ProcessId(), false);
  env->SetProcessId(env->ProcessId() + 1);
}

}  // namespace pave::state_test
