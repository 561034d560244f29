// MotoServer: the AWS emulator moto (`python3 -m moto.server`) on a free loopback port, for
// tests that talk to "AWS". Start it once per test binary (it takes a few seconds):
//
//   static std::unique_ptr<MotoServer> moto;  // in SetUpTestSuite
//   ASSIGN_OR_RETURN(moto, MotoServer::Start());
//   ... AWS_ENDPOINT_URL=moto->endpoint(), any access key ...
//   moto->Reset();  // between tests: forgets every resource
//
// Start waits until the server answers (up to 60 s). The destructor stops it by its PID
// (SIGTERM, then SIGKILL after 5 s). Its output goes to <TMPDIR>/moto-<port>.log.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace pave::testing {

class MotoServer {
 public:
  static Result<std::unique_ptr<MotoServer>> Start();
  ~MotoServer();
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  std::string endpoint() const;  // "http://127.0.0.1:<port>"
  int port() const { return port_; }
  int pid() const { return pid_; }
  // POST /moto-api/reset: drops every resource of every service.
  Status Reset();

 private:
  MotoServer(int pid, int port) : pid_(pid), port_(port) {}
  const int pid_;
  const int port_;
};

}  // namespace pave::testing
