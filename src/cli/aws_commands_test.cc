// `pave aws whoami` and `pave aws call` against moto, configured the way a user would: through
// environment variables (AWS_ENDPOINT_URL, keys, region) and an empty HOME.
#include "cli/aws_commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "aws/curl_http_client.h"
#include "core/value.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave::cli {
namespace {

using pave::testing::MotoServer;
using pave::testing::OverlayEnv;
using pave::testing::TempDir;
using pave::Value;

class AwsCommandsTest : public ::testing::Test {
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
  AwsCommandsTest() : http_(&env_, {}) {}
  void SetUp() override {
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(moto_->Reset().ok());
    env_.SetVar("HOME", home_.path());
    env_.SetVar("AWS_ENDPOINT_URL", moto_->endpoint());
    env_.SetVar("AWS_ACCESS_KEY_ID", "testing");
    env_.SetVar("AWS_SECRET_ACCESS_KEY", "testing");
    env_.SetVar("AWS_REGION", "eu-west-1");
    env_.SetVar("AWS_EC2_METADATA_DISABLED", "true");
  }

  int Call(const std::string& service, const std::string& op, const std::string& input,
           bool all_pages = false) {
    out_.str("");
    err_.str("");
    return RunAwsCall(Context(), {}, service, op, input, all_pages, out_, err_);
  }
  AwsCommandContext Context() {
    return AwsCommandContext{.env = &env_, .http = &http_, .debug_log = debug_};
  }

  static MotoServer* moto_;
  OverlayEnv env_;
  TempDir home_;
  aws::CurlHttpClient http_;
  std::ostringstream out_, err_;
  std::ostream* debug_ = nullptr;
};

MotoServer* AwsCommandsTest::moto_ = nullptr;

TEST_F(AwsCommandsTest, Whoami) {
  std::ostringstream out, err;
  ASSERT_EQ(RunAwsWhoami(Context(), {}, out, err), 0) << err.str();
  std::string text = out.str();
  EXPECT_NE(text.find("account      123456789012\n"), std::string::npos) << text;
  EXPECT_NE(text.find("arn          arn:aws:"), std::string::npos) << text;
  EXPECT_NE(text.find("region       eu-west-1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("credentials  environment"), std::string::npos) << text;
  EXPECT_EQ(text.find("testing"), std::string::npos) << "no secrets: " << text;
}

TEST_F(AwsCommandsTest, WhoamiJson) {
  std::ostringstream out, err;
  AwsCommandContext ctx = Context();
  ctx.json = true;
  ASSERT_EQ(RunAwsWhoami(ctx, {}, out, err), 0) << err.str();
  Value j = Value::parse(out.str());
  EXPECT_EQ(j["account"], "123456789012");
  EXPECT_EQ(j["region"], "eu-west-1");
  EXPECT_EQ(j["credentials"], "environment");
  EXPECT_EQ(out.str().find("testing"), std::string::npos) << "no secrets: " << out.str();
}

TEST_F(AwsCommandsTest, CallPrintsPrettyJson) {
  ASSERT_EQ(Call("ssm", "PutParameter", R"({"Name": "/a", "Value": "x", "Type": "String"})"), 0)
      << err_.str();
  ASSERT_EQ(Call("ssm", "GetParameter", R"({"Name": "/a"})"), 0) << err_.str();
  Value out = Value::parse(out_.str());
  EXPECT_EQ(out["Parameter"]["Value"], "x");
  EXPECT_NE(out_.str().find("\n  \"Parameter\": {\n"), std::string::npos) << out_.str();
  EXPECT_EQ(err_.str(), "");
}

TEST_F(AwsCommandsTest, InputFromFileAndAllPages) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Call("ssm", "PutParameter", "{\"Name\": \"/p/" + std::to_string(i) +
                                              "\", \"Value\": \"v\", \"Type\": \"String\"}"),
              0);
  }
  std::string file = home_.WriteFile("in.json", R"({"Path": "/p", "MaxResults": 2})");
  ASSERT_EQ(Call("ssm", "GetParametersByPath", "@" + file, /*all_pages=*/true), 0) << err_.str();
  EXPECT_EQ(Value::parse(out_.str())["Parameters"].size(), 5u);
  ASSERT_EQ(Call("ssm", "GetParametersByPath", "@" + file), 0);
  EXPECT_EQ(Value::parse(out_.str())["Parameters"].size(), 2u);
  EXPECT_TRUE(Value::parse(out_.str()).contains("NextToken"));
}

TEST_F(AwsCommandsTest, AwsErrorsCarryCodeAndRequestId) {
  EXPECT_EQ(Call("iam", "GetRole", R"({"RoleName": "missing"})"), 1);
  EXPECT_EQ(err_.str().rfind("pave: error: NoSuchEntity: ", 0), 0u) << err_.str();
  EXPECT_NE(err_.str().find("(request id "), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find(", http 404)\n"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str(), "");
}

TEST_F(AwsCommandsTest, UnknownNamesAndBadInput) {
  EXPECT_EQ(Call("ec2", "DescribeVpc", ""), 1);
  EXPECT_EQ(err_.str(),
            "pave: error: unknown operation \"DescribeVpc\" of aws service ec2 "
            "(did you mean \"DescribeVpcs\"?)\n");
  EXPECT_EQ(Call("dynamodbb", "ListTables", ""), 1);
  EXPECT_NE(err_.str().find("did you mean \"dynamodb\""), std::string::npos) << err_.str();
  EXPECT_EQ(Call("ec2", "DescribeVpcs", "{\"VpcIds\": [1"), 1);
  EXPECT_EQ(err_.str().rfind("pave: error: input: not valid JSON at byte", 0), 0u) << err_.str();
  EXPECT_EQ(Call("ec2", "DescribeVpcs", "[]"), 1);
  EXPECT_NE(err_.str().find("must be a JSON object"), std::string::npos);
  EXPECT_EQ(Call("ec2", "DescribeVpcs", "@/nonexistent/in.json"), 1);
  EXPECT_NE(err_.str().find("cannot read input file /nonexistent/in.json"), std::string::npos)
      << err_.str();
  EXPECT_EQ(Call("ec2", "DescribeVpcs", R"({"VpcIds": "vpc-1"})"), 1);
  EXPECT_NE(err_.str().find("VpcIds: expected a list, got string"), std::string::npos)
      << err_.str();
}

TEST_F(AwsCommandsTest, DebugLogShowsRequestsButNoSecrets) {
  std::ostringstream log;
  debug_ = &log;
  ASSERT_EQ(Call("sts", "GetCallerIdentity", ""), 0) << err_.str();
  EXPECT_NE(log.str().find("aws: sts GetCallerIdentity POST " + moto_->endpoint() + "/ -> 200"),
            std::string::npos)
      << log.str();
  EXPECT_EQ(log.str().find("testing"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace pave::cli
