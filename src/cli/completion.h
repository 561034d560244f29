// Shell completion: `pave completion bash|zsh|fish` prints a script; the script calls the
// hidden `pave __complete WHAT` for the words it offers, one a line:
//   commands   the top-level commands
//   addresses  the resource addresses in the state (pave state show ADDRESS)
//   outputs    the platform's output names (pave outputs NAME)
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"

namespace pave::cli {

// The script for `shell` ("bash", "zsh", "fish"); empty for another shell.
std::string CompletionScript(const std::string& shell);

int RunCompletion(CommandContext& ctx, const std::string& shell);
// Prints nothing (and exits 0) when there is nothing to offer, e.g. no state yet.
int RunComplete(CommandContext& ctx, const std::string& what,
                const std::vector<std::string>& commands);

}  // namespace pave::cli
