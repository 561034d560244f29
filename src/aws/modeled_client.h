// ModeledAwsClient: the AwsClient (aws/client.h) that calls any operation of any embedded
// model (aws/model_registry.h) over the wire protocols (aws/protocol.h).
//
// One call: fill idempotency tokens → validate → serialize → resolve the endpoint
// (aws/endpoints.h) → sign (aws/sigv4.h; S3 without path normalization and with
// x-amz-content-sha256) → send → retry throttling, 5xx and transport errors with the standard
// retry mode (aws/retry.h), sleeping through Env → parse the output or the error. A request
// refused for its time (RequestTimeTooSkewed...) while the server's Date is minutes away is
// signed again once with the server's time, as the AWS SDKs correct clock skew.
//
// S3 buckets are addressed virtual-host style (bucket.s3.region.amazonaws.com) on AWS, and
// path style (endpoint/bucket/key) when an endpoint override is set or the bucket name does
// not fit in a host name. Route 53 ids are accepted with their "/hostedzone/" prefix, as
// botocore accepts them.
//
// Thread-safe: the engine calls one client from many threads.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "aws/client.h"
#include "aws/config.h"
#include "aws/http.h"
#include "aws/model_registry.h"
#include "aws/protocol.h"
#include "aws/rate_limiter.h"
#include "aws/retry.h"
#include "core/env.h"

namespace pave::aws {

// One HTTP attempt, for --debug logs and call counting. Holds no credentials, no headers and
// no query string.
struct AwsCallRecord {
  std::string service;
  std::string operation;
  std::string region;
  std::string method;
  std::string url;  // scheme://host/path
  int attempt = 1;
  int http_status = 0;     // 0: no response (transport error)
  std::string error_code;  // AWS error code or transport reason; empty on success
  std::string request_id;
  std::chrono::milliseconds duration{0};
  std::chrono::milliseconds retry_delay{0};  // wait before the next attempt; 0: none follows
};

// "aws: ec2 DescribeVpcs POST https://ec2.eu-west-1.amazonaws.com/ -> 200 in 84 ms
//  (request id 7a62..., attempt 1)"
std::string FormatCallRecord(const AwsCallRecord& record);

class AwsCallObserver {
 public:
  virtual ~AwsCallObserver() = default;
  // Called after every attempt, from the calling thread; must be thread-safe.
  virtual void OnAttempt(const AwsCallRecord& record) = 0;
};

// Writes FormatCallRecord lines to a stream (the cli's --debug).
class StreamCallLogger : public AwsCallObserver {
 public:
  explicit StreamCallLogger(std::ostream* out) : out_(out) {}
  void OnAttempt(const AwsCallRecord& record) override;

 private:
  std::mutex mu_;
  std::ostream* out_;  // guarded by mu_
};

struct AwsClientOptions {
  AwsCallObserver* observer = nullptr;    // not owned; null: no log
  const ModelRegistry* models = nullptr;  // null: ModelRegistry::Embedded()
};

// The Status of an AWS error: reason() is the code, the message
// "<Code>: <message> (request id <id>, http <status>)". The status code tells callers what
// to do: NotFound, AlreadyExists, PermissionDenied, Unauthenticated, InvalidArgument,
// FailedPrecondition, or Unavailable (throttling and 5xx, after the retries ran out).
Status AwsErrorStatus(const AwsError& error);

class ModeledAwsClient : public AwsClient {
 public:
  // `env` and `http` must outlive the client.
  ModeledAwsClient(Env* env, HttpClient* http, ResolvedAwsConfig config,
                   AwsClientOptions options = {});

  Result<Value> Call(const std::string& service, const std::string& operation, const Value& input,
                     const CallOptions& options = {}) override;
  Result<Value> CallAllPages(const std::string& service, const std::string& operation,
                             const Value& input, const CallOptions& options = {}) override;
  std::string region() const override { return config_.region; }

 private:
  struct Prepared;
  struct Failure {
    AttemptOutcome outcome;
    Status status;  // what the call returns if this attempt is the last
  };
  Result<Prepared> Prepare(const ServiceModel& model, const Operation& op, const Value& input,
                           const std::string& region);
  Result<Value> Send(const ServiceModel& model, const Operation& op, const Prepared& call);
  Result<HttpResponse> Attempt(const Operation& op, const Prepared& call);
  // The failure of an attempt; an error when it is final without retrying (no credentials).
  Result<Failure> Judge(const ServiceModel& model, const Operation& op,
                        const Result<HttpResponse>& response, AwsCallRecord* record) const;
  // On a signature-time error with a server Date far from ours: remember the offset and
  // say so (the call is then signed again with the server's time).
  bool CorrectClockSkew(const std::string& code, const HttpResponse& response);
  Result<const Operation*> FindOperation(const ServiceModel& model,
                                         const std::string& operation) const;
  std::string NewUuid();
  double Random01();

  Env* const env_;
  HttpClient* const http_;
  const ResolvedAwsConfig config_;
  const AwsClientOptions options_;
  const ModelRegistry& models_;
  RetryStrategy retry_;                    // thread-safe
  // The adaptive mode's client-side rate limiting (also in pave's default mode): shared by
  // every worker calling through this client. Null in plain standard mode.
  std::unique_ptr<ClientRateLimiter> limiter_;
  std::atomic<int64_t> clock_skew_ms_{0};  // server time minus ours, learned from errors
};

Result<std::unique_ptr<AwsClient>> NewAwsClient(Env* env, HttpClient* http,
                                                const ResolvedAwsConfig& config);
Result<std::unique_ptr<AwsClient>> NewAwsClient(Env* env, HttpClient* http,
                                                const ResolvedAwsConfig& config,
                                                const AwsClientOptions& options);

}  // namespace pave::aws
