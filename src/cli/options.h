// GlobalOptions: the flags every command takes, after CLI parsing.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "platform/state_section.h"

namespace pave::cli {

struct GlobalOptions {
  std::string file = "platform.yaml";  // -f/--file, PAVE_FILE
  bool json = false;                   // --json
  bool no_color = false;               // --no-color, NO_COLOR
  int parallelism = 10;                // --parallelism
  bool auto_approve = false;           // -y/--auto-approve
  bool debug = false;                  // --debug: log AWS requests (never secrets)
  std::string profile;                 // --profile: AWS profile
  std::function<bool()> cancelled;     // true once the user pressed Ctrl-C
  // Where the state lives, instead of what the platform file's `state:` says: `pave rollback`
  // reads an older version's file, which may name where the state was kept back then.
  std::optional<StateBackendConfig> state_backend;
};

}  // namespace pave::cli
