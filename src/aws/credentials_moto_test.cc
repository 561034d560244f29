// STS through moto: assume-role and web identity credentials resolved by the chain, then
// proven by a GetCallerIdentity signed with them (moto answers with the assumed role).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "aws/config.h"
#include "aws/curl_http_client.h"
#include "aws/sigv4.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::MotoServer;
using testing::OverlayEnv;
using testing::TempDir;

class StsMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto moto = MotoServer::Start();
    ASSERT_TRUE(moto.ok()) << moto.status().ToString();
    moto_ = std::move(moto).value().release();
  }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }

  StsMotoTest() : http_(&env_, {}) {
    env_.SetVar("HOME", home_.path());
    env_.SetVar("AWS_REGION", "us-east-1");
    env_.SetVar("AWS_EC2_METADATA_DISABLED", "true");
  }
  void SetUp() override {
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(moto_->Reset().ok());
  }

  // The ARN GetCallerIdentity returns for these credentials.
  Result<std::string> CallerArn(const Credentials& creds) {
    HttpRequest req{.method = "POST",
                    .url = moto_->endpoint() + "/",
                    .headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                    .body = "Action=GetCallerIdentity&Version=2011-06-15"};
    RETURN_IF_ERROR(SignRequest(&req, creds, {.region = "us-east-1", .service = "sts", .time = env_.Now()}));
    ASSIGN_OR_RETURN(HttpResponse resp, http_.Send(req));
    if (resp.status != 200) return Status::Internal("GetCallerIdentity: http " + std::to_string(resp.status));
    pugi::xml_document doc;
    doc.load_buffer(resp.body.data(), resp.body.size());
    return std::string(doc.select_node("//Arn").node().text().as_string());
  }

  static MotoServer* moto_;
  TempDir home_;
  OverlayEnv env_;
  CurlHttpClient http_;
};

MotoServer* StsMotoTest::moto_ = nullptr;

TEST_F(StsMotoTest, AssumeRoleProfileThroughAwsEndpointUrl) {
  env_.SetVar("AWS_ENDPOINT_URL", moto_->endpoint());
  home_.WriteFile(".aws/config",
                  "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/pave-deploy\n"
                  "source_profile = base\nrole_session_name = pave-test\n");
  home_.WriteFile(".aws/credentials",
                  "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = base-secret\n");
  auto config = ResolveAwsConfig(&env_, &http_, {.profile = "deploy"});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto creds = config->credentials->Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->source, "profile deploy (assume-role)");
  EXPECT_THAT(creds->access_key_id, StartsWith("ASIA"));
  EXPECT_FALSE(creds->session_token.empty());
  ASSERT_TRUE(creds->expiration.has_value());
  EXPECT_GT(*creds->expiration, env_.Now());
  auto arn = CallerArn(*creds);
  ASSERT_TRUE(arn.ok()) << arn.status().ToString();
  EXPECT_EQ(*arn, "arn:aws:sts::123456789012:assumed-role/pave-deploy/pave-test");
}

TEST_F(StsMotoTest, WebIdentityThroughServiceSpecificEndpointUrl) {
  env_.SetVar("AWS_ENDPOINT_URL_STS", moto_->endpoint());
  env_.SetVar("AWS_ENDPOINT_URL", "http://127.0.0.1:1");  // must lose to the STS-specific one
  env_.SetVar("AWS_WEB_IDENTITY_TOKEN_FILE", home_.WriteFile("token", "eyJhbGciOi.payload.sig"));
  env_.SetVar("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod-role");
  env_.SetVar("AWS_ROLE_SESSION_NAME", "pod-1");
  auto config = ResolveAwsConfig(&env_, &http_, {});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto creds = config->credentials->Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->source, "environment (web identity)");
  auto arn = CallerArn(*creds);
  ASSERT_TRUE(arn.ok()) << arn.status().ToString();
  EXPECT_THAT(*arn, HasSubstr(":assumed-role/pod-role/pod-1"));
}

TEST_F(StsMotoTest, ChainedRolesEachAssumedWithThePrevious) {
  env_.SetVar("AWS_ENDPOINT_URL", moto_->endpoint());
  home_.WriteFile(".aws/config",
                  "[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/admin\n"
                  "source_profile = jump\nrole_session_name = second-hop\n"
                  "[profile jump]\nrole_arn = arn:aws:iam::123456789012:role/jump\n"
                  "source_profile = default\nrole_session_name = first-hop\n");
  home_.WriteFile(".aws/credentials",
                  "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n");
  auto config = ResolveAwsConfig(&env_, &http_, {.profile = "admin"});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto creds = config->credentials->Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  auto arn = CallerArn(*creds);
  ASSERT_TRUE(arn.ok()) << arn.status().ToString();
  EXPECT_EQ(*arn, "arn:aws:sts::210987654321:assumed-role/admin/second-hop");
}

}  // namespace
}  // namespace pave::aws
