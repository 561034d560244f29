// The platform file: one YAML document that declares a whole platform.
//
//   apiVersion: pave.dev/v1
//   kind: Platform
//   metadata: {name: shop, region: eu-west-1, account: "123456789012", tags: {team: web}}
//   network: {...}          # one optional section per registered Blueprint
//   resources:              # resources of any registered type, declared one by one
//     - type: random_id
//       name: suffix
//       properties: {byte_length: 4}
//       dependsOn: [local_file.readme]
//   moved:                  # renames that keep what exists (platform/moved.h)
//     - {from: random_id.suffix, to: random_id.tag}
//
// Loading validates everything before anything touches the cloud and reports every error at
// once, each with file:line:col (docs/platform-file.md lists them). Value sources
// "${env:NAME}" and "${file:path}" in property strings are replaced by the environment
// variable or the file's content (path relative to the platform file; one trailing newline
// dropped); their values never appear in errors.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/env.h"
#include "core/status.h"
#include "engine/config.h"
#include "engine/planner_moves.h"
#include "engine/resource_type.h"
#include "platform/blueprint.h"
#include "platform/state_section.h"

namespace pave {

inline constexpr std::string_view kPlatformApiVersion = "pave.dev/v1";
inline constexpr std::string_view kPlatformKind = "Platform";

struct LoadedPlatform {
  std::string file;
  PlatformMetadata metadata;
  Config config;
  // The warnings among the diagnostics ("file:line:col: message (hint)"), which plans repeat:
  // what the file's defaults open (an API endpoint open to 0.0.0.0/0).
  std::vector<std::string> warnings;
  // The `moved:` entries (platform/moved.h), carried out on the state before planning.
  std::vector<MovedResource> moved;
  // What produced it, kept with each version in the history (pave rollback): the platform
  // file's text under its base name, and the files its non-secret properties read
  // (`${file:...}`), by their path relative to the platform file. Never secret values.
  std::map<std::string, std::string> sources;
  // What the sections exported for each other (BlueprintContext::Export), e.g. the
  // organization's account ids by name and its access role (kAccessRoleExport).
  std::map<std::string, Value> exports;
  // The `state:` section (platform/state_section.h): where the state lives.
  StateBackendConfig state;
};

// Reads `path` through `env` and parses it (see ParsePlatform).
Result<LoadedPlatform> LoadPlatform(Env* env, const std::string& path,
                                    const ProviderRegistry& registry,
                                    const std::vector<const Blueprint*>& blueprints,
                                    std::vector<Diagnostic>* diagnostics);

// Parses and validates platform text named `file_name` in messages. `env` resolves value
// sources (environment variables, files relative to DirName(file_name)). Blueprints expand
// their sections in the order of the vector. Every error and warning is appended to
// *diagnostics (print them all); on any error the result is InvalidArgument whose message is
// the first error followed by "(and N more errors)" when there are several.
Result<LoadedPlatform> ParsePlatform(std::string_view text, const std::string& file_name,
                                     Env* env, const ProviderRegistry& registry,
                                     const std::vector<const Blueprint*>& blueprints,
                                     std::vector<Diagnostic>* diagnostics);

}  // namespace pave
