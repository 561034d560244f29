#include "providers/aws/eks/eks_token.h"

#include <gtest/gtest.h>

#include <map>

#include "core/hash.h"
#include "core/value.h"

namespace pave::aws_provider {
namespace {

using std::chrono::system_clock;

// 2026-01-02T03:04:05Z
system_clock::time_point Jan2() { return system_clock::time_point(std::chrono::seconds(1767323045)); }

aws::Credentials Keys(std::string token = "") {
  return aws::Credentials{.access_key_id = "AKIDEXAMPLE",
                          .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                          .session_token = std::move(token)};
}

EksTokenRequest Request() {
  return EksTokenRequest{.cluster = "prod", .region = "eu-west-1",
                         .sts_url = "https://sts.eu-west-1.amazonaws.com", .now = Jan2()};
}

std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> out;
  std::string q = url.substr(url.find('?') + 1);
  size_t start = 0;
  while (start <= q.size()) {
    size_t end = q.find('&', start);
    if (end == std::string::npos) end = q.size();
    std::string kv = q.substr(start, end - start);
    size_t eq = kv.find('=');
    out[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
    start = end + 1;
  }
  return out;
}

// The expected values below were produced by botocore's generate_presigned_url (what
// `aws eks get-token` calls) for the same keys, region, cluster and time.
TEST(EksTokenTest, PresignedUrlMatchesBotocore) {
  auto url = EksPresignedUrl(Keys(), Request());
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->substr(0, url->find('?')), "https://sts.eu-west-1.amazonaws.com/");
  auto q = QueryOf(*url);
  EXPECT_EQ(q["Action"], "GetCallerIdentity");
  EXPECT_EQ(q["Version"], "2011-06-15");
  EXPECT_EQ(q["X-Amz-Algorithm"], "AWS4-HMAC-SHA256");
  EXPECT_EQ(q["X-Amz-Credential"], "AKIDEXAMPLE%2F20260102%2Feu-west-1%2Fsts%2Faws4_request");
  EXPECT_EQ(q["X-Amz-Date"], "20260102T030405Z");
  EXPECT_EQ(q["X-Amz-Expires"], "60");
  EXPECT_EQ(q["X-Amz-SignedHeaders"], "host%3Bx-k8s-aws-id");
  EXPECT_EQ(q["X-Amz-Signature"], "a258d6fcd6d1b4ed68c85123ac7623319529dada87c82ec48bd5a9ec12959b63");
  EXPECT_EQ(q.count("X-Amz-Security-Token"), 0u);
}

TEST(EksTokenTest, SessionTokenIsSignedAsBotocoreDoes) {
  auto url = EksPresignedUrl(Keys("SESSIONTOKEN/+="), Request());
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto q = QueryOf(*url);
  EXPECT_EQ(q["X-Amz-Security-Token"], "SESSIONTOKEN%2F%2B%3D");
  EXPECT_EQ(q["X-Amz-Signature"], "5b860cc05b0a36ab9359fb853009d2d09fb2738a88ad27bc0963c5790d0ff342");
}

TEST(EksTokenTest, ClusterNameChangesTheSignature) {
  EksTokenRequest other = Request();
  other.cluster = "staging";
  auto a = EksPresignedUrl(Keys(), Request());
  auto b = EksPresignedUrl(Keys(), other);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(QueryOf(*a)["X-Amz-Signature"], QueryOf(*b)["X-Amz-Signature"]);
}

TEST(EksTokenTest, TokenIsPrefixedUnpaddedBase64UrlOfTheUrl) {
  auto url = EksPresignedUrl(Keys(), Request());
  auto token = EksToken(Keys(), Request());
  ASSERT_TRUE(url.ok() && token.ok());
  ASSERT_EQ(token->rfind("k8s-aws-v1.", 0), 0u);
  std::string body = token->substr(11);
  EXPECT_EQ(body.find('='), std::string::npos);
  EXPECT_EQ(body.find('+'), std::string::npos);
  EXPECT_EQ(body.find('/'), std::string::npos);
  for (char& c : body) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (body.size() % 4) body += '=';
  std::string decoded;
  ASSERT_TRUE(Base64Decode(body, &decoded));
  EXPECT_EQ(decoded, *url);
}

TEST(EksTokenTest, Base64UrlNoPaddingUsesTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlNoPadding(""), "");
  EXPECT_EQ(Base64UrlNoPadding("f"), "Zg");
  EXPECT_EQ(Base64UrlNoPadding("fo"), "Zm8");
  EXPECT_EQ(Base64UrlNoPadding("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlNoPadding("\xfb\xff\xbf"), "-_-_");
}

TEST(EksTokenTest, MissingClusterIsAnError) {
  EksTokenRequest r = Request();
  r.cluster.clear();
  EXPECT_FALSE(EksToken(Keys(), r).ok());
}

TEST(EksTokenTest, ExecCredentialHasTheAwsCliShape) {
  Value doc = Value::parse(ExecCredentialJson("k8s-aws-v1.abc", Jan2()));
  EXPECT_EQ(doc["kind"], "ExecCredential");
  EXPECT_EQ(doc["apiVersion"], "client.authentication.k8s.io/v1beta1");
  EXPECT_TRUE(doc["spec"].is_object() && doc["spec"].empty());
  EXPECT_EQ(doc["status"]["token"], "k8s-aws-v1.abc");
  EXPECT_EQ(doc["status"]["expirationTimestamp"], "2026-01-02T03:18:05Z");
}

}  // namespace
}  // namespace pave::aws_provider
