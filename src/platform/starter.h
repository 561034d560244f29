// The starter platform file that `pave init` writes.
#pragma once

#include <string>

namespace pave {

// A commented platform file: every section explained, with a minimal example that validates
// with the built-in resource types alone (the network section is there, commented out).
// `name` must be a valid metadata.name and `region` a region name; neither is checked here.
std::string StarterPlatformYaml(const std::string& name, const std::string& region);

}  // namespace pave
