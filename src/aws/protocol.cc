#include "aws/protocol.h"

#include <openssl/evp.h>

#include <cstring>

#include "aws/protocol_codecs.h"
#include "aws/protocol_encoding.h"
#include "aws/protocol_rest.h"
#include "core/hash.h"

namespace pave::aws {

namespace {

std::string Md5Base64(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

bool HasHeader(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && strncasecmp(n.c_str(), name.data(), name.size()) == 0) {
      return true;
    }
  }
  return false;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 301:
      return "Moved Permanently";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

// S3 answers some calls (CopyObject, CompleteMultipartUpload) with 200 and an <Error> body.
bool IsS3ErrorIn200(const Operation& op, const HttpResponse& response) {
  const Member* payload = OutputPayload(op);
  if (payload != nullptr && IsRawPayload(*payload)) return false;
  std::string_view body = response.body;
  size_t start = body.find('<');
  if (start != std::string_view::npos && body.compare(start, 5, "<?xml") == 0) {
    start = body.find('<', start + 1);
  }
  return start != std::string_view::npos && body.compare(start, 7, "<Error>") == 0;
}

}  // namespace

std::string WireRequest::QueryString() const { return FormEncode(query); }

Result<WireRequest> SerializeRequest(const ServiceModel& model, const Operation& op,
                                     const Value& input) {
  const Value empty = Value::object();
  const Value& in = input.is_null() ? empty : input;
  Result<WireRequest> request = Status::Internal("unreachable protocol");
  switch (model.metadata().protocol) {
    case Protocol::kEc2:
      request = SerializeEc2(model, op, in);
      break;
    case Protocol::kQuery:
      request = SerializeQuery(model, op, in);
      break;
    case Protocol::kJson:
      request = SerializeJson(model, op, in);
      break;
    case Protocol::kRestJson:
      request = SerializeRestJson(op, in);
      break;
    case Protocol::kRestXml:
      request = SerializeRestXml(op, in);
      break;
  }
  if (!request.ok()) return request.status().WithContext(model.name() + " " + op.name);
  if (op.checksum_required && !HasHeader(request->headers, "Content-MD5")) {
    request->headers.emplace_back("Content-MD5", Md5Base64(request->body));
  }
  return request;
}

bool IsErrorResponse(const ServiceModel& model, const Operation& op, const HttpResponse& response) {
  if (response.status < 200 || response.status >= 300) return true;
  return model.metadata().protocol == Protocol::kRestXml && response.status == 200 &&
         model.name() == "s3" && IsS3ErrorIn200(op, response);
}

Result<Value> ParseResponse(const ServiceModel& model, const Operation& op,
                            const HttpResponse& response) {
  Result<Value> out = Status::Internal("unreachable protocol");
  switch (model.metadata().protocol) {
    case Protocol::kEc2:
      out = ParseEc2Output(op, response);
      break;
    case Protocol::kQuery:
      out = ParseQueryOutput(op, response);
      break;
    case Protocol::kJson:
      out = ParseJsonOutput(op, response);
      break;
    case Protocol::kRestJson:
      out = ParseRestJsonOutput(op, response);
      break;
    case Protocol::kRestXml:
      out = ParseRestXmlOutput(op, response);
      break;
  }
  if (!out.ok()) return out.status().WithContext(model.name() + " " + op.name + " response");
  return out;
}

AwsError ParseError(const ServiceModel& model, const HttpResponse& response) {
  AwsError error;
  switch (model.metadata().protocol) {
    case Protocol::kEc2:
      error = ParseEc2Error(response);
      break;
    case Protocol::kQuery:
      error = ParseQueryError(response);
      break;
    case Protocol::kJson:
      error = ParseJsonError(response);
      break;
    case Protocol::kRestJson:
      error = ParseRestJsonError(response);
      break;
    case Protocol::kRestXml:
      error = ParseRestXmlError(response);
      break;
  }
  error.http_status = response.status;
  if (error.request_id.empty()) error.request_id = HeaderRequestId(response);
  if (error.code.empty()) {
    error.code = std::to_string(response.status);
    if (error.message.empty()) error.message = ReasonPhrase(response.status);
  }
  return error;
}

std::string HeaderRequestId(const HttpResponse& response) {
  for (const char* name : {"x-amzn-requestid", "x-amz-request-id", "x-amzn-request-id"}) {
    std::string id = response.Header(name);
    if (!id.empty()) return id;
  }
  return "";
}

}  // namespace pave::aws
