// AWS Signature Version 4: header signing and presigned URLs (query signing).
// Checked against the official test suite (../shared/aws-sigv4-test-suite/v4).
#pragma once

#include <chrono>
#include <string>

#include "aws/credentials.h"
#include "aws/http.h"
#include "core/status.h"

namespace pave::aws {

struct SigningParams {
  std::string region;   // signing region, e.g. "eu-west-1" ("us-east-1" for global services)
  std::string service;  // signing name, e.g. "ec2", "s3", "execute-api"
  std::chrono::system_clock::time_point time;
  bool normalize_path = true;      // false for S3: its keys are taken literally
  bool unsigned_payload = false;   // payload hash "UNSIGNED-PAYLOAD"
  bool add_content_sha256 = false; // add x-amz-content-sha256 (S3 needs it)
};

// Signs `request` in place: adds X-Amz-Date, X-Amz-Security-Token (with a session token),
// Host when missing, x-amz-content-sha256 when asked, and Authorization.
Status SignRequest(HttpRequest* request, const Credentials& creds, const SigningParams& params);

// Returns request.url with the X-Amz-* query parameters of a presigned URL added (valid for
// `expires`). Headers in the request (e.g. x-k8s-aws-id) are signed too.
Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& creds,
                               const SigningParams& params, std::chrono::seconds expires);

}  // namespace pave::aws
