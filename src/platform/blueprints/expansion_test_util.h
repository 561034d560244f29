// Helpers for the blueprint tests: what an expansion added, and its diagnostics as text.
#pragma once

#include <string>
#include <vector>

#include "engine/config.h"
#include "platform/blueprint.h"

namespace pave {

// The resource at type.name in `config`, or nullptr.
inline const ResourceConfig* FindResource(const Config& config, const std::string& type, const std::string& name) {
  for (const ResourceConfig& rc : config.resources) {
    if (rc.address == ResourceAddress{type, name}) return &rc;
  }
  return nullptr;
}

// One diagnostic a line ("p.yaml:3:5: error: ...").
inline std::string DiagnosticsText(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += d.ToString() + "\n";
  return out;
}

}  // namespace pave
