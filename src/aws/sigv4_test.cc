// SigV4 against the official test suite (every case folder of aws-sigv4-test-suite/v4, in
// both header and query mode), plus the rules the suite does not cover (S3, re-signing).
#include "aws/sigv4.h"

#include "core/hash.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pave::aws {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::chrono::system_clock::time_point ParseUtc(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// request.txt: "METHOD target HTTP/1.1", header lines (a line starting with whitespace
// continues the previous value), then optionally a blank line and the body.
HttpRequest ParseRequestFile(const std::string& text) {
  HttpRequest req;
  std::string head = text, body;
  if (size_t blank = text.find("\n\n"); blank != std::string::npos) {
    head = text.substr(0, blank);
    body = text.substr(blank + 2);
  }
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  std::string method = line.substr(0, line.find(' '));
  std::string target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !req.headers.empty()) {
      req.headers.back().second += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    req.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  req.method = method;
  req.url = "https://" + FindHeader(req.headers, "host") + target;
  req.body = body;
  return req;
}

std::string SerializeRequest(const HttpRequest& req) {
  size_t host_end = req.url.find('/', std::string("https://").size());
  std::string out = req.method + " " + req.url.substr(host_end) + " HTTP/1.1\n";
  for (const auto& [name, value] : req.headers) out += name + ":" + value + "\n";
  return out + "\n" + req.body;
}

struct SuiteCase {
  HttpRequest request;
  Credentials creds;
  SigningParams params;
  std::chrono::seconds expires{0};
};

SuiteCase LoadCase(const fs::path& dir) {
  auto ctx = nlohmann::json::parse(ReadText(dir / "context.json"));
  SuiteCase c;
  c.request = ParseRequestFile(ReadText(dir / "request.txt"));
  c.creds.access_key_id = ctx["credentials"]["access_key_id"];
  c.creds.secret_access_key = ctx["credentials"]["secret_access_key"];
  c.creds.session_token = ctx["credentials"].value("token", "");
  c.params.region = ctx["region"];
  c.params.service = ctx["service"];
  c.params.time = ParseUtc(ctx["timestamp"]);
  c.params.normalize_path = ctx["normalize"];
  c.params.add_content_sha256 = ctx["sign_body"];
  c.params.omit_session_token = ctx.value("omit_session_token", false);
  c.expires = std::chrono::seconds(ctx["expiration_in_seconds"].get<int>());
  return c;
}

void CheckHeaderSigning(const fs::path& dir, SuiteCase c) {
  HttpRequest req = c.request;
  ASSERT_TRUE(SignRequest(&req, c.creds, c.params).ok());
  std::string canonical = CanonicalRequest(req, c.params);
  EXPECT_EQ(canonical, ReadText(dir / "header-canonical-request.txt"));
  std::string sts = StringToSign(canonical, c.params);
  EXPECT_EQ(sts, ReadText(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(Signature(sts, c.creds.secret_access_key, c.params),
            ReadText(dir / "header-signature.txt"));
  EXPECT_EQ(SerializeRequest(req), ReadText(dir / "header-signed-request.txt"));
}

void CheckQuerySigning(const fs::path& dir, SuiteCase c) {
  auto url = PresignUrl(c.request, c.creds, c.params, c.expires);
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  HttpRequest presigned = c.request;
  presigned.url = *url;
  std::string canonical = CanonicalRequest(presigned, c.params);
  EXPECT_EQ(canonical, ReadText(dir / "query-canonical-request.txt"));
  std::string sts = StringToSign(canonical, c.params);
  EXPECT_EQ(sts, ReadText(dir / "query-string-to-sign.txt"));
  std::string signature = ReadText(dir / "query-signature.txt");
  EXPECT_EQ(Signature(sts, c.creds.secret_access_key, c.params), signature);
  EXPECT_THAT(*url, ::testing::EndsWith("&X-Amz-Signature=" + signature));
  EXPECT_EQ(SerializeRequest(presigned), ReadText(dir / "query-signed-request.txt"));
}

TEST(SigV4SuiteTest, EveryCaseInBothModes) {
  const char* source_dir = std::getenv("PAVE_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr) << "PAVE_SOURCE_DIR is not set (run through ctest)";
  fs::path suite = fs::path(source_dir) / ".." / "shared" / "aws-sigv4-test-suite" / "v4";
  ASSERT_TRUE(fs::is_directory(suite)) << "sigv4 test suite not found at " << suite;
  int cases = 0;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(suite)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    SuiteCase c = LoadCase(dir);
    CheckHeaderSigning(dir, c);
    CheckQuerySigning(dir, c);
    ++cases;
  }
  EXPECT_EQ(cases, 38);
}

SigningParams Params(std::string service = "ec2") {
  SigningParams p;
  p.region = "eu-west-1";
  p.service = std::move(service);
  p.time = ParseUtc("2026-01-02T03:04:05Z");
  return p;
}

Credentials Creds(std::string token = "") {
  return {.access_key_id = "AKIDEXAMPLE", .secret_access_key = "secret", .session_token = token};
}

TEST(SigV4Test, AddsHostFromUrlWithoutDefaultPort) {
  HttpRequest a{.method = "GET", .url = "https://ec2.eu-west-1.amazonaws.com:443/?Action=X"};
  ASSERT_TRUE(SignRequest(&a, Creds(), Params()).ok());
  EXPECT_EQ(FindHeader(a.headers, "host"), "ec2.eu-west-1.amazonaws.com");
  HttpRequest b{.method = "GET", .url = "http://127.0.0.1:5000/"};
  ASSERT_TRUE(SignRequest(&b, Creds(), Params()).ok());
  EXPECT_EQ(FindHeader(b.headers, "host"), "127.0.0.1:5000");
  EXPECT_THAT(FindHeader(b.headers, "authorization"),
              StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/ec2/"
                         "aws4_request, SignedHeaders=host;x-amz-date, Signature="));
}

TEST(SigV4Test, SigningAgainReplacesTheEarlierSignature) {
  HttpRequest req{.method = "POST", .url = "https://sts.amazonaws.com/", .body = "Action=Get"};
  ASSERT_TRUE(SignRequest(&req, Creds("tok1"), Params("sts")).ok());
  SigningParams later = Params("sts");
  later.time += std::chrono::seconds(30);
  ASSERT_TRUE(SignRequest(&req, Creds("tok2"), later).ok());
  int authorizations = 0, dates = 0, tokens = 0;
  for (const auto& [name, value] : req.headers) {
    authorizations += name == "Authorization";
    dates += name == "X-Amz-Date";
    tokens += name == "X-Amz-Security-Token";
  }
  EXPECT_EQ(authorizations, 1);
  EXPECT_EQ(dates, 1);
  EXPECT_EQ(tokens, 1);
  EXPECT_EQ(FindHeader(req.headers, "x-amz-date"), "20260102T030435Z");
  EXPECT_EQ(FindHeader(req.headers, "x-amz-security-token"), "tok2");
}

TEST(SigV4Test, DoubleEncodesPathsExceptForS3) {
  HttpRequest req{.method = "GET", .url = "https://h/a%3Ab//c/../d"};
  SigningParams p = Params("lambda");
  EXPECT_THAT(CanonicalRequest(req, p), StartsWith("GET\n/a%253Ab/d\n"));
  SigningParams s3 = S3SigningParams("eu-west-1", p.time);
  EXPECT_THAT(CanonicalRequest(req, s3), StartsWith("GET\n/a%3Ab//c/../d\n"));
}

TEST(SigV4Test, S3AddsContentSha256AndUnsignedPayloadIsHonoured) {
  HttpRequest req{.method = "PUT", .url = "https://b.s3.amazonaws.com/k", .body = "data"};
  SigningParams s3 = S3SigningParams("us-east-1", Params().time);
  ASSERT_TRUE(SignRequest(&req, Creds(), s3).ok());
  EXPECT_EQ(FindHeader(req.headers, "x-amz-content-sha256"), Sha256Hex("data"));
  EXPECT_THAT(FindHeader(req.headers, "authorization"), HasSubstr("x-amz-content-sha256"));
  s3.unsigned_payload = true;
  ASSERT_TRUE(SignRequest(&req, Creds(), s3).ok());
  EXPECT_EQ(FindHeader(req.headers, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_THAT(CanonicalRequest(req, s3), ::testing::EndsWith("\nUNSIGNED-PAYLOAD"));
}

TEST(SigV4Test, QueryIsDecodedReencodedAndSorted) {
  HttpRequest req{.method = "GET", .url = "https://h/?b=2&a=x%2fy&a=1&c&d=%7e+"};
  EXPECT_THAT(CanonicalRequest(req, Params()),
              StartsWith("GET\n/\na=1&a=x%2Fy&b=2&c=&d=~%2B\n"));
}

TEST(SigV4Test, UserAgentAndExpectAreNotSigned) {
  HttpRequest req{.method = "GET",
                  .url = "https://h/",
                  .headers = {{"User-Agent", "pave/1"}, {"Expect", "100-continue"}, {"X-B", " 1 "}}};
  ASSERT_TRUE(SignRequest(&req, Creds(), Params()).ok());
  EXPECT_THAT(FindHeader(req.headers, "authorization"), HasSubstr("SignedHeaders=host;x-amz-date;x-b,"));
}

TEST(SigV4Test, PresignKeepsHeadersSignedAndChecksExpiry) {
  HttpRequest req{.method = "GET",
                  .url = "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
                  .headers = {{"x-k8s-aws-id", "my-cluster"}}};
  auto url = PresignUrl(req, Creds("tok/en"), Params("sts"), std::chrono::seconds(60));
  ASSERT_TRUE(url.ok());
  EXPECT_THAT(*url, HasSubstr("&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&"));
  EXPECT_THAT(*url, HasSubstr("&X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen&X-Amz-Signature="));
  EXPECT_FALSE(PresignUrl(req, Creds(), Params("sts"), std::chrono::seconds(0)).ok());
  EXPECT_FALSE(PresignUrl(req, Creds(), Params("sts"), std::chrono::hours(24 * 8)).ok());
}

TEST(SigV4Test, RejectsMissingKeysAndRelativeUrls) {
  HttpRequest req{.method = "GET", .url = "https://h/"};
  Status s = SignRequest(&req, Credentials{}, Params());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  HttpRequest relative{.method = "GET", .url = "/just/a/path"};
  EXPECT_EQ(SignRequest(&relative, Creds(), Params()).code(), StatusCode::kInvalidArgument);
}

TEST(SigV4Test, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(UriEncode("a b/c~d-e_f.g+h*", false), "a%20b%2Fc~d-e_f.g%2Bh%2A");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xe1\x88\xb4", false), "%E1%88%B4");
}

}  // namespace
}  // namespace pave::aws
