// AWS Signature Version 4: header signing and presigned URLs (query signing).
// Checked against the official test suite (../shared/aws-sigv4-test-suite/v4) by
// sigv4_test.cc, which runs every case folder in both modes.
//
// What is signed: every header of the request except authorization, user-agent, expect,
// x-amzn-trace-id, connection and transfer-encoding (proxies and libcurl may rewrite those),
// plus host, x-amz-date, x-amz-security-token and x-amz-content-sha256 as added here.
// Query strings are canonicalized by decoding %XX escapes and re-encoding with RFC 3986
// unreserved characters only, so callers must encode a space in the query as %20 (never '+').
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/http.h"
#include "core/status.h"

namespace pave::aws {

struct SigningParams {
  std::string region;   // signing region, e.g. "eu-west-1" ("us-east-1" for global services)
  std::string service;  // signing name, e.g. "ec2", "s3", "execute-api"
  std::chrono::system_clock::time_point time;
  // Removes "." and ".." segments and empty segments from the path before encoding it.
  bool normalize_path = true;      // false for S3: its keys are taken literally
  // Percent-encodes the (already encoded) path once more, as every service but S3 expects.
  bool double_encode_path = true;  // false for S3
  bool unsigned_payload = false;   // payload hash "UNSIGNED-PAYLOAD"
  bool add_content_sha256 = false; // add x-amz-content-sha256 (S3 needs it)
  // Sends the session token without signing it (AWS IoT's convention). Almost never wanted.
  bool omit_session_token = false;
};

// Parameters for S3: no path normalization or double encoding, x-amz-content-sha256 added.
SigningParams S3SigningParams(std::string region, std::chrono::system_clock::time_point time);

// Signs `request` in place: adds X-Amz-Date, X-Amz-Security-Token (with a session token),
// Host when missing, x-amz-content-sha256 when asked, and Authorization. Signing again (a
// retry) replaces what an earlier signing added.
Status SignRequest(HttpRequest* request, const Credentials& creds, const SigningParams& params);

// Returns request.url with the X-Amz-* query parameters of a presigned URL added (valid for
// `expires`, at most 7 days). Headers in the request (e.g. x-k8s-aws-id) are signed too.
Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& creds,
                               const SigningParams& params, std::chrono::seconds expires);

// --- The steps, exposed for tests. They contain the session token: never log them. ---

// The canonical request of `request` as it stands: for a header-signed request (after
// SignRequest) or a presigned URL (X-Amz-Signature in the query is left out). An invalid URL
// yields "".
std::string CanonicalRequest(const HttpRequest& request, const SigningParams& params);
// "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>".
std::string StringToSign(std::string_view canonical_request, const SigningParams& params);
// Hex HMAC of the string to sign with the key derived from the secret, date, region, service.
std::string Signature(std::string_view string_to_sign, std::string_view secret_access_key,
                      const SigningParams& params);
// Percent-encoding of RFC 3986: everything but A-Z a-z 0-9 - _ . ~ (and '/' when kept).
std::string UriEncode(std::string_view s, bool keep_slash);

}  // namespace pave::aws
