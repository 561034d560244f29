// Built-in resource types that need no cloud: they work offline, so users and the demo can
// exercise plan, apply, replace and destroy without AWS.
//   random_id        random bytes as hex / base64 (names, suffixes)
//   random_password  a random secret string
//   local_file       a file written atomically on this machine
//   git_repository_files  files under a directory of a git branch, committed and pushed
//                    (src/providers/git/)
//   time_sleep       waits, reporting progress and honouring cancellation
#pragma once

#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

// Registers the four types. `env` (files, clock, randomness) must outlive the registry.
void RegisterBuiltinTypes(ProviderRegistry* registry, Env* env);

}  // namespace pave
