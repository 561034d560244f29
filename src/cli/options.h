// GlobalOptions: the flags every command takes, after CLI parsing.
#pragma once

#include <functional>
#include <string>

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
};

}  // namespace pave::cli
