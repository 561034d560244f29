// The `moved:` section of the platform file: renames that keep what exists.
//
//   moved:
//     - {from: aws_s3_bucket.assets, to: aws_s3_bucket.media}
//
// Each entry renames the state entry of `from` to `to` at the next plan or apply, instead of
// deleting the old resource and creating a new one. Entries may stay in the file after the
// move (a `from` no longer in the state is skipped). The rules are in engine/planner_moves.h:
// same type, `to` declared, `from` not, no chains or cycles, and (at plan time) `to` not in
// the state already.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "engine/config.h"
#include "engine/planner_moves.h"
#include "platform/yaml_checks.h"

namespace pave {

// Reads the list `node` (the value of `moved:`) into *moved and checks it against
// config->resources, which must be complete (blueprints expanded).
void ParseMoved(const YAML::Node& node, const Config& config, FileErrors& errors,
                std::vector<MovedResource>* moved);

}  // namespace pave
