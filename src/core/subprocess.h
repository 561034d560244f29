// RunProgram: runs a program (no shell) and collects what it printed.
//
//   ASSIGN_OR_RETURN(ProgramResult r, RunProgram({"git", "rev-parse", "HEAD"}, {.dir = repo}));
//   if (r.exit_code != 0) ... r.err ...
//
// stdin is /dev/null (a program that asks a question gets end-of-file, never hangs on a
// terminal); stdout and stderr are read concurrently (each kept up to 16 MiB). `env` adds
// to (or replaces in) the environment pave runs with. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace pave {

struct ProgramOptions {
  std::string dir;                         // working directory; "": pave's
  std::map<std::string, std::string> env;  // added to the environment
};

struct ProgramResult {
  int exit_code = 0;  // 128 + signal when killed by one
  std::string out;
  std::string err;
};

// Fails only when the program could not be started (not found: kNotFound).
Result<ProgramResult> RunProgram(const std::vector<std::string>& argv, const ProgramOptions& options = {});

}  // namespace pave
