// Saved plans (`pave plan -out FILE`, `pave apply FILE`).
//
// Format: JSON, mode 0600, {"format_version":1, "kind":"pave-plan", "platform_file",
// "config_fingerprint", "plan":{platform, lineage, serial, destroy, changes:[{address, action,
// reason, prior, properties, depends_on, diff:[...]}]}}.
// Secret values never stand in the file: secret properties are replaced by their fingerprints.
// Applying a saved plan re-reads the platform file and refuses when its fingerprint (which
// covers secret values through an HMAC) or the state's lineage/serial moved since.
#pragma once

#include <string>

#include "core/env.h"
#include "engine/config.h"
#include "engine/plan.h"
#include "engine/resource_type.h"

namespace pave::cli {

struct SavedPlan {
  std::string platform_file;
  std::string config_fingerprint;
  Plan plan;
};

// HMAC over every resource's address, properties and dependencies, keyed by the lineage.
std::string ConfigFingerprint(const Config& config, const std::string& lineage);

Status WritePlanFile(Env* env, const std::string& path, const SavedPlan& saved,
                     const ProviderRegistry& registry);
Result<SavedPlan> ReadPlanFile(Env* env, const std::string& path);

// Puts the config's properties (with secret values) back into a plan read from a file.
// The fingerprint check must have passed first.
void RestoreProperties(const Config& config, Plan* plan);

}  // namespace pave::cli
