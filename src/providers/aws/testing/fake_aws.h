// Test doubles for the AWS resource types: an AwsClient answering from a handler and
// recording every call, and an Env whose clock only moves when someone sleeps.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "aws/client.h"
#include "core/env.h"

namespace pave::aws_provider::testing {

struct RecordedCall {
  std::string service;
  std::string operation;
  Value input;
};

class FakeAwsClient : public aws::AwsClient {
 public:
  using Handler = std::function<Result<Value>(const std::string& service, const std::string& op,
                                              const Value& input)>;
  explicit FakeAwsClient(Handler handler) : handler_(std::move(handler)) {}

  Result<Value> Call(const std::string& service, const std::string& operation, const Value& input,
                     const aws::CallOptions& = {}) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back({service, operation, input});
    }
    return handler_(service, operation, input);
  }
  Result<Value> CallAllPages(const std::string& service, const std::string& operation,
                             const Value& input, const aws::CallOptions& options = {}) override {
    return Call(service, operation, input, options);
  }
  std::string region() const override { return "eu-west-1"; }

  std::vector<RecordedCall> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  size_t Count(const std::string& operation) const {
    size_t n = 0;
    for (const RecordedCall& c : calls()) n += c.operation == operation;
    return n;
  }

 private:
  Handler handler_;
  mutable std::mutex mu_;
  std::vector<RecordedCall> calls_;
};

// Only the clock and sleeping are real here; the rest is never called by the types.
class FakeClockEnv : public Env {
 public:
  Result<std::string> ReadFile(const std::string&) override { return Status::Unimplemented("fake"); }
  Status WriteFileAtomic(const std::string&, std::string_view, int) override { return Status::Unimplemented("fake"); }
  Status CreateFileExclusive(const std::string&, std::string_view, int) override { return Status::Unimplemented("fake"); }
  Result<std::unique_ptr<AppendFile>> OpenAppend(const std::string&, int) override { return Status::Unimplemented("fake"); }
  bool FileExists(const std::string&) override { return false; }
  Status CreateDirs(const std::string&, int) override { return Status::Unimplemented("fake"); }
  Result<std::vector<std::string>> ListDir(const std::string&) override { return Status::Unimplemented("fake"); }
  Status RemoveFile(const std::string&) override { return Status::Unimplemented("fake"); }
  Status Truncate(const std::string&, uint64_t) override { return Status::Unimplemented("fake"); }
  std::chrono::system_clock::time_point Now() override { return std::chrono::system_clock::time_point(now_); }
  std::chrono::steady_clock::time_point MonotonicNow() override { return std::chrono::steady_clock::time_point(now_); }
  void SleepFor(std::chrono::milliseconds d) override {
    now_ += d;
    slept_.push_back(d);
  }
  std::optional<std::string> GetEnv(const std::string&) override { return std::nullopt; }
  int ProcessId() override { return 1; }
  bool ProcessAlive(int) override { return false; }
  std::string HostName() override { return "test"; }
  std::string UserName() override { return "test"; }
  Status RandomBytes(void*, size_t) override { return Status::Unimplemented("fake"); }

  const std::vector<std::chrono::milliseconds>& slept() const { return slept_; }
  std::chrono::milliseconds total_slept() const { return std::chrono::duration_cast<std::chrono::milliseconds>(now_); }

 private:
  std::chrono::nanoseconds now_{0};
  std::vector<std::chrono::milliseconds> slept_;
};

}  // namespace pave::aws_provider::testing
