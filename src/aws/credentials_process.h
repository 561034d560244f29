// credential_process: a profile names a command that prints credentials as JSON:
//   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
//    "SessionToken": "...", "Expiration": "2026-01-02T03:04:05Z"}
// (token and expiration optional; without an expiration the keys are kept for good).
// The command runs through an injectable ProcessRunner; its stderr and stdin stay with the
// terminal so that it can prompt. Errors give the exit status, never the output.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

struct ProcessOutput {
  int exit_code = 0;  // 128 + signal number when killed by a signal
  std::string stdout_text;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs `command` with /bin/sh -c and returns its standard output and exit status.
  virtual Result<ProcessOutput> Run(const std::string& command) = 0;
};

// The real one: fork + exec of /bin/sh -c, output capped at 1 MiB.
class ShellProcessRunner : public ProcessRunner {
 public:
  Result<ProcessOutput> Run(const std::string& command) override;
};

// Parses the JSON a credential_process prints; `what` names the profile in errors.
Result<Credentials> ParseProcessCredentials(std::string_view output, const std::string& what);

// Runs the command of `profile` (cached and refreshed before the expiration it reports).
std::shared_ptr<CredentialsProvider> MakeProcessCredentialsProvider(const CredentialsContext& ctx,
                                                                    const std::string& profile,
                                                                    const std::string& command);

}  // namespace pave::aws
