// The pave command line: parses argv and runs one command.
#pragma once

#include "cli/console.h"
#include "core/env.h"

namespace pave::cli {

// Returns the process exit code.
int RunPave(int argc, const char* const* argv, Env* env, Console& console);

}  // namespace pave::cli
