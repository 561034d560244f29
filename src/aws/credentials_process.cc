#include "aws/credentials_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "aws/credentials_fetch.h"
#include "aws/credentials_refresh.h"

namespace pave::aws {
namespace {

constexpr size_t kMaxOutput = 1 << 20;

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() < kMaxOutput) out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace

Result<ProcessOutput> ShellProcessRunner::Run(const std::string& command) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return Status::Internal(std::string("cannot fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);  // dup2 clears O_CLOEXEC on the copy
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ProcessOutput out;
  out.stdout_text = ReadAll(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

Result<Credentials> ParseProcessCredentials(std::string_view output, const std::string& what) {
  nlohmann::json doc = nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::FailedPrecondition(what + ": the output is not a JSON object");
  }
  auto version = doc.find("Version");
  if (version == doc.end() || !version->is_number_integer() || version->get<int>() != 1) {
    return Status::FailedPrecondition(what + ": the output must have \"Version\": 1");
  }
  return CredentialsFromJson(output, {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"},
                             what);
}

std::shared_ptr<CredentialsProvider> MakeProcessCredentialsProvider(const CredentialsContext& ctx,
                                                                    const std::string& profile,
                                                                    const std::string& command) {
  std::string what = "credential_process of profile " + profile;
  auto runner = ctx.process_runner;
  auto fetch = [runner, command, what, profile]() -> Result<Credentials> {
    ASSIGN_OR_RETURN(ProcessOutput out, runner->Run(command));
    if (out.exit_code != 0) {
      return Status::FailedPrecondition(what + " exited with status " + std::to_string(out.exit_code));
    }
    ASSIGN_OR_RETURN(Credentials creds, ParseProcessCredentials(out.stdout_text, what));
    creds.source = "profile " + profile + " (credential_process)";
    return creds;
  };
  return std::make_shared<RefreshingCredentialsProvider>(ctx.env, std::move(fetch));
}

}  // namespace pave::aws
