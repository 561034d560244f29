#include "aws/modeled_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "aws/endpoints.h"
#include "aws/paginator.h"
#include "aws/protocol_encoding.h"
#include "aws/sigv4.h"
#include "core/diagnostic.h"
#include "core/progress_note.h"

namespace pave::aws {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

StatusCode CodeFor(const AwsError& e) {
  const std::string& c = e.code;
  AttemptOutcome outcome{.http_status = e.http_status, .error_code = c};
  if (IsThrottlingError(c) || IsTransientError(outcome) || e.http_status >= 500) {
    return StatusCode::kUnavailable;
  }
  if (c == "ExpiredToken" || c == "ExpiredTokenException" || c == "InvalidClientTokenId" ||
      c == "SignatureDoesNotMatch" || c == "UnrecognizedClientException" || c == "AuthFailure" ||
      c == "InvalidAccessKeyId" || e.http_status == 401) {
    return StatusCode::kUnauthenticated;
  }
  if (Contains(c, "AccessDenied") || Contains(c, "Unauthorized") || Contains(c, "NotAuthorized") ||
      c == "Forbidden" || e.http_status == 403) {
    return StatusCode::kPermissionDenied;
  }
  if (Contains(c, "NotFound") || c.rfind("NoSuch", 0) == 0 || e.http_status == 404) {
    return StatusCode::kNotFound;
  }
  if (Contains(c, "AlreadyExists") || Contains(c, "AlreadyOwnedByYou") ||
      Contains(c, "Duplicate") /* .Duplicate (EC2), WAFDuplicateItemException */ || c == "BucketAlreadyExists" ||
      // the CIDR is taken (InvalidSubnet.Conflict), the address is held: possibly by what a
      // lost answer made, so the engine looks for it (docs/reliability.md)
      Contains(c, ".Conflict") || c == "Resource.AlreadyAssociated") {
    return StatusCode::kAlreadyExists;
  }
  if (e.http_status == 400 && (Contains(c, "Invalid") || Contains(c, "Validation") ||
                               Contains(c, "Malformed") || Contains(c, "MissingParameter"))) {
    return StatusCode::kInvalidArgument;
  }
  return StatusCode::kFailedPrecondition;
}

// scheme://host[:port]
struct UrlParts {
  std::string scheme;
  std::string host;  // with :port
  std::string base_path;
};

UrlParts SplitUrl(const std::string& url) {
  UrlParts p;
  size_t colon = url.find("://");
  size_t host_start = colon == std::string::npos ? 0 : colon + 3;
  p.scheme = colon == std::string::npos ? "https" : url.substr(0, colon);
  size_t slash = url.find('/', host_start);
  p.host = url.substr(host_start, slash == std::string::npos ? slash : slash - host_start);
  if (slash != std::string::npos) p.base_path = url.substr(slash);
  return p;
}

bool IsIpOrLocal(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.empty() || host == "localhost" || host.front() == '[') return true;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

// Bucket names that can be a DNS label of a TLS host name (no dots, lower-case).
bool VirtualHostable(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  for (char c : bucket) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return bucket.front() != '-' && bucket.back() != '-';
}

// botocore's fix_route53_ids: "/hostedzone/Z1" → "Z1" for id members.
void StripRoute53Ids(const Operation& op, Value* input) {
  if (op.input == nullptr) return;
  for (const Member& m : op.input->members) {
    const std::string& shape = m.ref.shape->name;
    if (shape != "ResourceId" && shape != "DelegationSetId" && shape != "ChangeId") continue;
    auto it = input->find(m.name);
    if (it == input->end() || !it->is_string()) continue;
    std::string id = it->get<std::string>();
    *it = id.substr(id.rfind('/') + 1);
  }
}

// Lower case without '-' and '_': "describe-vpcs" and "DescribeVpcs" fold alike.
std::string Fold(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c != '-' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// DescribeVpcs, describe-vpcs, describevpcs → the model's operation name.
const Operation* FindOperationLoosely(const ServiceModel& model, const std::string& name) {
  if (const Operation* op = model.FindOperation(name)) return op;
  std::string want = Fold(name);
  for (const std::string& candidate : model.OperationNames()) {
    if (Fold(candidate) == want) return model.FindOperation(candidate);
  }
  return nullptr;
}

}  // namespace

std::string FormatCallRecord(const AwsCallRecord& r) {
  std::string line = "aws: " + r.service + " " + r.operation + " " + r.method + " " + r.url +
                     " -> " + (r.http_status ? std::to_string(r.http_status) : "no response");
  if (!r.error_code.empty()) line += " " + r.error_code;
  line += " in " + std::to_string(r.duration.count()) + " ms (";
  if (!r.request_id.empty()) line += "request id " + r.request_id + ", ";
  line += "attempt " + std::to_string(r.attempt);
  if (r.retry_delay.count() > 0) {
    line += ", retrying in " + std::to_string(r.retry_delay.count()) + " ms";
  }
  return line + ")";
}

void StreamCallLogger::OnAttempt(const AwsCallRecord& record) {
  std::string line = FormatCallRecord(record);
  std::lock_guard<std::mutex> lock(mu_);
  *out_ << line << "\n";
  out_->flush();
}

Status AwsErrorStatus(const AwsError& e) {
  std::string message = e.code + ": " + (e.message.empty() ? "(no message)" : e.message) + " (";
  if (!e.request_id.empty()) message += "request id " + e.request_id + ", ";
  message += "http " + std::to_string(e.http_status) + ")";
  return Status(CodeFor(e), std::move(message)).WithReason(e.code);
}

struct ModeledAwsClient::Prepared {
  HttpRequest request;
  SigningParams signing;
  std::string region;
};

ModeledAwsClient::ModeledAwsClient(Env* env, HttpClient* http, ResolvedAwsConfig config,
                                   AwsClientOptions options)
    : env_(env),
      http_(http),
      config_(std::move(config)),
      options_(options),
      models_(options.models ? *options.models : ModelRegistry::Embedded()),
      retry_(config_.retry),
      limiter_(config_.retry.mode == "adaptive" || config_.retry.throttle_budget.count() > 0
                   ? std::make_unique<ClientRateLimiter>(env)
                   : nullptr) {}

std::string ModeledAwsClient::NewUuid() {
  unsigned char b[16] = {};
  if (!env_->RandomBytes(b, sizeof b).ok()) {
    // RandomBytes failing means no entropy source at all; fall back to the clock so tokens
    // stay distinct within this process.
    auto now = env_->Now().time_since_epoch().count();
    std::memcpy(b, &now, sizeof now);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

double ModeledAwsClient::Random01() {
  uint64_t v = 0;
  if (!env_->RandomBytes(&v, sizeof v).ok()) return 0.5;
  return static_cast<double>(v >> 11) / static_cast<double>(uint64_t{1} << 53);
}

Result<const Operation*> ModeledAwsClient::FindOperation(const ServiceModel& model,
                                                         const std::string& operation) const {
  if (const Operation* op = FindOperationLoosely(model, operation)) return op;
  std::string message = "unknown operation \"" + operation + "\" of aws service " + model.name();
  // Compare as the AWS CLI spells them too: "describe-vpc" is close to "DescribeVpcs".
  std::vector<std::string> names = model.OperationNames();
  std::vector<std::string> folded;
  for (const std::string& name : names) folded.push_back(Fold(name));
  std::string close = ClosestMatch(Fold(operation), folded);
  if (!close.empty()) {
    size_t i = std::find(folded.begin(), folded.end(), close) - folded.begin();
    message += " (did you mean \"" + names[i] + "\"?)";
  }
  return Status::NotFound(message);
}

namespace {

// S3 on AWS's own endpoint: bucket.s3.<region>.amazonaws.com/key when the bucket name is a
// DNS label; path style (endpoint/bucket/key) for overrides (moto, MinIO) and dotted names.
void UseVirtualHost(const ServiceModel& model, const Operation& op, const Value& input,
                    const std::string& region, const Endpoint& endpoint, UrlParts* url,
                    std::string* path) {
  auto bucket_it = input.find("Bucket");
  if (op.request_uri.rfind("/{Bucket}", 0) != 0 || bucket_it == input.end() ||
      !bucket_it->is_string()) {
    return;
  }
  const ServiceMetadata& md = model.metadata();
  auto plain = ResolveEndpoint(model.name(), md.endpoint_prefix, md.service_id,
                               EndpointConfig{.region = region});
  bool overridden = !plain.ok() || plain->url != endpoint.url;
  const std::string& bucket = bucket_it->get_ref<const std::string&>();
  if (overridden || !VirtualHostable(bucket)) return;
  url->host = bucket + "." + url->host;
  *path = path->substr(1 + UriEncode(bucket, false).size());
  if (path->empty() || (*path)[0] != '/') *path = "/" + *path;
}

}  // namespace

Result<ModeledAwsClient::Prepared> ModeledAwsClient::Prepare(const ServiceModel& model,
                                                             const Operation& op,
                                                             const Value& input,
                                                             const std::string& region) {
  const ServiceMetadata& md = model.metadata();
  ASSIGN_OR_RETURN(WireRequest wire, SerializeRequest(model, op, input));
  EndpointConfig endpoints = config_.endpoints;
  endpoints.region = region;
  ASSIGN_OR_RETURN(Endpoint endpoint,
                   ResolveEndpoint(model.name(), md.endpoint_prefix, md.service_id, endpoints));
  UrlParts url = SplitUrl(endpoint.url);
  std::string path = wire.path;
  bool s3 = model.name() == "s3";
  if (s3) UseVirtualHost(model, op, input, region, endpoint, &url, &path);
  if (!wire.host_prefix.empty() && !endpoint.overridden && !IsIpOrLocal(url.host)) {
    url.host = wire.host_prefix + url.host;
  }
  Prepared p;
  p.region = region;
  p.request.method = wire.method;
  p.request.url = url.scheme + "://" + url.host + url.base_path + path;
  std::string query = wire.QueryString();
  if (!query.empty()) p.request.url += "?" + query;
  p.request.headers = std::move(wire.headers);
  p.request.body = std::move(wire.body);
  p.signing.region = endpoint.signing_region.empty() ? region : endpoint.signing_region;
  p.signing.service = md.signing_name;
  p.signing.normalize_path = !s3;
  p.signing.double_encode_path = !s3;
  p.signing.add_content_sha256 = s3;
  p.signing.unsigned_payload = op.unsigned_payload;
  return p;
}

Result<HttpResponse> ModeledAwsClient::Attempt(const Operation& op, const Prepared& call) {
  HttpRequest request = call.request;
  request.fresh_connection = !ResendSafe(op.name);  // never resent by the HTTP library either
  if (!op.unsigned_request) {
    ASSIGN_OR_RETURN(Credentials creds, config_.credentials->Get());
    SigningParams params = call.signing;
    params.time = env_->Now() + milliseconds(clock_skew_ms_.load());
    RETURN_IF_ERROR(SignRequest(&request, creds, params));
  }
  return http_->Send(request);
}

Result<ModeledAwsClient::Failure> ModeledAwsClient::Judge(const ServiceModel& model,
                                                          const Operation& op,
                                                          const Result<HttpResponse>& response,
                                                          AwsCallRecord* record) const {
  Failure f;
  if (!response.ok()) {
    const Status& s = response.status();
    if (s.reason() != kTransportError && s.reason() != kTransportTimeout && s.reason() != kTransportNotSent) {
      return s.WithContext(model.name() + " " + op.name);  // credentials, signing: final
    }
    f.outcome.transport_error = true;
    f.outcome.timeout = s.reason() == kTransportTimeout;
    f.outcome.not_sent = s.reason() == kTransportNotSent;
    record->http_status = 0;
    record->error_code = s.reason();
    f.status = s.WithContext(model.name() + " " + op.name);
    return f;
  }
  AwsError error = ParseError(model, *response);
  // No AWS error code in the answer (the HTTP status stands in) and no request id: not an
  // answer of the service (AWS names its errors, InternalFailure, ResourceNotFoundException,
  // and every answer carries a request id). An endpoint that lacks the service or the
  // operation answers so (an emulator's or proxy's HTML page): say which, so that the user
  // can turn that part off. A bare 404 then means "no such operation here", not "no such
  // resource": it must never read as a resource that is gone.
  const bool foreign = error.request_id.empty() && error.code == std::to_string(error.http_status);
  const bool unoffered = foreign && (error.http_status == 404 || error.http_status == 405 || error.http_status == 501);
  if (foreign && (error.http_status >= 500 || unoffered)) {
    std::string type = response->Header("content-type");
    error.message += "; not an AWS error answer (" + (type.empty() ? std::string("no content type") : type) +
                     ", no request id): does this endpoint offer " + model.name() + " " + op.name + "?";
  }
  f.outcome.foreign = foreign;
  f.outcome.http_status = error.http_status;
  f.outcome.error_code = error.code;
  record->http_status = error.http_status;
  record->error_code = error.code;
  record->request_id = error.request_id;
  f.status = AwsErrorStatus(error);
  if (unoffered) f.status = Status(StatusCode::kUnimplemented, f.status.message()).WithReason(error.code);
  return f;
}

bool ModeledAwsClient::CorrectClockSkew(const std::string& code, const HttpResponse& response) {
  static constexpr const char* kSkewCodes[] = {"RequestTimeTooSkewed",  "RequestExpired",
                                               "RequestInTheFuture",    "InvalidSignatureException",
                                               "SignatureDoesNotMatch", "AuthFailure"};
  if (std::find(std::begin(kSkewCodes), std::end(kSkewCodes), code) == std::end(kSkewCodes)) {
    return false;
  }
  auto server = ParseTimestampText(response.Header("date"));
  if (!server.ok()) return false;
  auto local = std::chrono::time_point_cast<milliseconds>(env_->Now());
  int64_t skew = (*server - local).count();
  int64_t old = clock_skew_ms_.load();
  if (std::llabs(skew - old) < 60'000) return false;  // not what made the signature fail
  clock_skew_ms_.store(skew);
  return true;
}

Result<Value> ModeledAwsClient::Send(const ServiceModel& model, const Operation& op,
                                     const Prepared& call) {
  UrlParts url = SplitUrl(call.request.url.substr(0, call.request.url.find('?')));
  AwsCallRecord record{.service = model.name(),
                       .operation = op.name,
                       .region = call.region,
                       .method = call.request.method,
                       .url = url.scheme + "://" + url.host + url.base_path};
  auto notify = [this, &record] {
    if (options_.observer) options_.observer->OnAttempt(record);
  };
  bool after_timeout = false;
  bool skew_corrected = false;
  const auto first = env_->MonotonicNow();
  for (int attempt = 1;; ++attempt) {
    record.attempt = attempt;
    record.retry_delay = milliseconds(0);
    if (limiter_) limiter_->Acquire();
    auto start = env_->MonotonicNow();
    Result<HttpResponse> response = Attempt(op, call);
    record.duration = duration_cast<milliseconds>(env_->MonotonicNow() - start);
    if (response.ok() && !IsErrorResponse(model, op, *response)) {
      record.http_status = response->status;
      record.error_code.clear();
      record.request_id = HeaderRequestId(*response);
      notify();
      if (limiter_) limiter_->Update(/*throttled=*/false);
      retry_.OnSuccess(attempt > 1, after_timeout);
      return ParseResponse(model, op, *response);
    }
    ASSIGN_OR_RETURN(Failure failure, Judge(model, op, response, &record));
    const bool throttled = IsThrottlingError(failure.outcome.error_code);
    if (limiter_) limiter_->Update(throttled);
    if (!skew_corrected && response.ok() &&
        CorrectClockSkew(failure.outcome.error_code, *response)) {
      skew_corrected = true;  // signed with the server's time, once, without waiting
      notify();
      continue;
    }
    std::optional<milliseconds> delay = retry_.NextDelay(
        attempt, failure.outcome, Random01(), duration_cast<milliseconds>(env_->MonotonicNow() - first));
    if (delay && MayHaveTakenEffect(failure.outcome) && !ResendSafe(op.name)) {
      // The request may have made something, and resending it could make a second one: the
      // caller (the engine, docs/reliability.md) looks for it before it creates again.
      record.retry_delay = milliseconds(0);
      notify();
      return Status(StatusCode::kUnavailable,
                    failure.status.message() + " (not resent: " + op.name +
                        " may have taken effect)")
          .WithReason(std::string(kAnswerLost));
    }
    record.retry_delay = delay.value_or(milliseconds(0));
    notify();
    if (!delay) {
      const Status& s = failure.status;
      if (IsRetryable(failure.outcome) && s.code() != StatusCode::kUnavailable) {
        return Status(StatusCode::kUnavailable, s.message()).WithReason(s.reason());
      }
      return s;
    }
    after_timeout = failure.outcome.timeout;
    if (throttled && *delay >= milliseconds(1000)) {
      ProgressNote(fmt::format("throttled by AWS ({} {}): retrying in {:.1f} s", model.name(), op.name,
                               static_cast<double>(delay->count()) / 1000));
    }
    env_->SleepFor(*delay);
  }
}

Result<Value> ModeledAwsClient::Call(const std::string& service, const std::string& operation,
                                     const Value& input, const CallOptions& options) {
  ASSIGN_OR_RETURN(const ServiceModel* model, models_.Get(service));
  ASSIGN_OR_RETURN(const Operation* op, FindOperation(*model, operation));
  Value in = input.is_null() ? Value::object() : input;
  if (in.is_object()) {
    for (const std::string& member : op->idempotency_token_members) {
      auto it = in.find(member);
      if (it == in.end() || it->is_null() || (it->is_string() && it->empty()))
        in[member] = NewUuid();
    }
    if (service == "route53") StripRoute53Ids(*op, &in);
  }
  RETURN_IF_ERROR(ValidateInput(*model, *op, in));
  std::string region = options.region.empty() ? config_.region : options.region;
  ASSIGN_OR_RETURN(Prepared call, Prepare(*model, *op, in, region));
  if (!op->unsigned_request && config_.credentials == nullptr) {
    return Status::FailedPrecondition("no AWS credentials provider configured");
  }
  return Send(*model, *op, call);
}

Result<Value> ModeledAwsClient::CallAllPages(const std::string& service,
                                             const std::string& operation, const Value& input,
                                             const CallOptions& options) {
  ASSIGN_OR_RETURN(const ServiceModel* model, models_.Get(service));
  ASSIGN_OR_RETURN(const Operation* op, FindOperation(*model, operation));
  const Paginator* paginator = model->FindPaginator(op->name);
  if (paginator == nullptr) return Call(service, op->name, input, options);
  auto result = CollectAllPages(*paginator, input, [&](const Value& page_input) {
    return Call(service, op->name, page_input, options);
  });
  if (!result.ok() && result.status().reason().empty()) {
    return result.status().WithContext(service + " " + op->name);
  }
  return result;
}

Result<std::unique_ptr<AwsClient>> NewAwsClient(Env* env, HttpClient* http,
                                                const ResolvedAwsConfig& config) {
  return NewAwsClient(env, http, config, AwsClientOptions{});
}

Result<std::unique_ptr<AwsClient>> NewAwsClient(Env* env, HttpClient* http,
                                                const ResolvedAwsConfig& config,
                                                const AwsClientOptions& options) {
  if (env == nullptr || http == nullptr) {
    return Status::InvalidArgument("aws client needs an Env and an HttpClient");
  }
  if (config.credentials == nullptr) {
    return Status::FailedPrecondition("no AWS credentials provider configured");
  }
  return std::unique_ptr<AwsClient>(new ModeledAwsClient(env, http, config, options));
}

}  // namespace pave::aws
