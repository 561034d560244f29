// ModeledAwsClient without a network: a scripted HttpClient answers, OverlayEnv holds the
// clock and records the sleeps of the retry loop.
#include "aws/modeled_client.h"

#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <sstream>
#include <thread>

#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

class FakeHttp : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&, int n)>;
  explicit FakeHttp(Handler handler) : handler_(std::move(handler)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    int n;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      n = static_cast<int>(requests_.size());
    }
    return handler_(request, n);
  }
  std::vector<HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  Handler handler_;
  std::mutex mu_;
  std::vector<HttpRequest> requests_;
};

HttpResponse Ok(std::string body, Headers headers = {}) {
  return HttpResponse{200, std::move(headers), std::move(body)};
}

class RecordingObserver : public AwsCallObserver {
 public:
  void OnAttempt(const AwsCallRecord& r) override {
    std::lock_guard<std::mutex> lock(mu_);
    records.push_back(r);
  }
  std::mutex mu_;
  std::vector<AwsCallRecord> records;
};

class ModeledClientTest : public ::testing::Test {
 protected:
  ModeledClientTest() {
    env_.SetNow(std::chrono::system_clock::time_point(std::chrono::seconds(1767323045)));
  }

  std::unique_ptr<AwsClient> Client(FakeHttp* http, const std::string& endpoint_url = "",
                                    AwsCallObserver* observer = nullptr) {
    ResolvedAwsConfig config;
    config.region = "eu-west-1";
    config.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{"AKIDEXAMPLE", "SECRETKEYEXAMPLE", "SESSIONTOKENEXAMPLE", {}, "test"});
    config.endpoints.region = "eu-west-1";
    config.endpoints.global_url = endpoint_url;
    config.retry.max_attempts = 3;
    config.retry.base_delay = std::chrono::milliseconds(100);
    auto client = NewAwsClient(&env_, http, config, AwsClientOptions{.observer = observer});
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return std::move(client).value();
  }

  testing::OverlayEnv env_;
};

const char kVpcs[] =
    "<DescribeVpcsResponse><requestId>r1</requestId><vpcSet><item><vpcId>vpc-1</vpcId></item>"
    "</vpcSet></DescribeVpcsResponse>";
const char kVpcNotFound[] =
    "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-9' "
    "does not exist</Message></Error></Errors><RequestID>req-9</RequestID></Response>";

TEST_F(ModeledClientTest, SignsSendsAndParses) {
  FakeHttp http([](const HttpRequest&, int) { return Ok(kVpcs); });
  auto client = Client(&http);
  auto out = client->Call("ec2", "DescribeVpcs", Value::parse(R"({"VpcIds": ["vpc-1"]})"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(R"({"Vpcs": [{"VpcId": "vpc-1"}]})"));
  ASSERT_EQ(http.requests().size(), 1u);
  const HttpRequest r = http.requests()[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://ec2.eu-west-1.amazonaws.com/");
  EXPECT_EQ(r.body, "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1");
  EXPECT_EQ(FindHeader(r.headers, "x-amz-date"), "20260102T030405Z");
  EXPECT_EQ(FindHeader(r.headers, "x-amz-security-token"), "SESSIONTOKENEXAMPLE");
  EXPECT_EQ(
      FindHeader(r.headers, "authorization")
          .rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/ec2/aws4_request", 0),
      0u)
      << FindHeader(r.headers, "authorization");
  EXPECT_EQ(client->region(), "eu-west-1");
}

TEST_F(ModeledClientTest, RegionPerCallAndGlobalSigningRegion) {
  FakeHttp http([](const HttpRequest&, int) {
    return Ok(
        "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName></Role>"
        "</GetRoleResult></GetRoleResponse>");
  });
  auto client = Client(&http);
  ASSERT_TRUE(client->Call("iam", "GetRole", Value{{"RoleName", "r"}}).ok());
  ASSERT_TRUE(
      client->Call("ec2", "DescribeVpcs", Value(), CallOptions{"us-west-2"}).status().code() !=
      StatusCode::kInvalidArgument);
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].url, "https://iam.amazonaws.com/");
  EXPECT_NE(FindHeader(reqs[0].headers, "authorization").find("/us-east-1/iam/aws4_request"),
            std::string::npos);
  EXPECT_EQ(reqs[1].url, "https://ec2.us-west-2.amazonaws.com/");
}

TEST_F(ModeledClientTest, AwsErrorsBecomeStatusWithReason) {
  FakeHttp http([](const HttpRequest&, int) { return HttpResponse{400, {}, kVpcNotFound}; });
  auto client = Client(&http);
  auto out = client->Call("ec2", "DescribeVpcs", Value::parse(R"({"VpcIds": ["vpc-9"]})"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(out.status().reason(), "InvalidVpcID.NotFound");
  EXPECT_EQ(out.status().message(),
            "InvalidVpcID.NotFound: The vpc ID 'vpc-9' does not exist (request id req-9, "
            "http 400)");
  EXPECT_EQ(http.requests().size(), 1u);  // not retryable
  EXPECT_EQ(env_.total_slept().count(), 0);
}

TEST_F(ModeledClientTest, StatusCodesTellWhatToDo) {
  auto code = [](const char* c, int http) { return AwsErrorStatus({c, "m", "", http}).code(); };
  EXPECT_EQ(code("NoSuchEntity", 404), StatusCode::kNotFound);
  EXPECT_EQ(code("ResourceNotFoundException", 400), StatusCode::kNotFound);
  EXPECT_EQ(code("EntityAlreadyExists", 409), StatusCode::kAlreadyExists);
  EXPECT_EQ(code("InvalidGroup.Duplicate", 400), StatusCode::kAlreadyExists);
  EXPECT_EQ(code("InvalidSubnet.Conflict", 400), StatusCode::kAlreadyExists);
  EXPECT_EQ(code("Resource.AlreadyAssociated", 400), StatusCode::kAlreadyExists);
  EXPECT_EQ(code("AccessDenied", 403), StatusCode::kPermissionDenied);
  EXPECT_EQ(code("UnauthorizedOperation", 403), StatusCode::kPermissionDenied);
  EXPECT_EQ(code("ExpiredToken", 400), StatusCode::kUnauthenticated);
  EXPECT_EQ(code("InvalidParameterValue", 400), StatusCode::kInvalidArgument);
  EXPECT_EQ(code("DependencyViolation", 400), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code("Throttling", 400), StatusCode::kUnavailable);
  EXPECT_EQ(code("InternalError", 500), StatusCode::kUnavailable);
  Status no_id = AwsErrorStatus({"404", "Not Found", "", 404});
  EXPECT_EQ(no_id.message(), "404: Not Found (http 404)");
}

TEST_F(ModeledClientTest, RetriesThrottlingThenSucceeds) {
  RecordingObserver observer;
  FakeHttp http([](const HttpRequest&, int n) {
    if (n == 1) {
      return HttpResponse{400,
                          {},
                          "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded"
                          "</Message></Error><RequestId>t1</RequestId></ErrorResponse>"};
    }
    return Ok(
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012"
        "</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
  });
  auto client = Client(&http, "", &observer);
  auto out = client->Call("sts", "GetCallerIdentity", Value());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["Account"], "123456789012");
  EXPECT_EQ(http.requests().size(), 2u);
  EXPECT_GT(env_.total_slept().count(), 0);
  ASSERT_EQ(observer.records.size(), 2u);
  EXPECT_EQ(observer.records[0].error_code, "Throttling");
  EXPECT_EQ(observer.records[0].request_id, "t1");
  EXPECT_EQ(observer.records[0].retry_delay, env_.total_slept());
  EXPECT_EQ(observer.records[1].attempt, 2);
  EXPECT_EQ(observer.records[1].http_status, 200);
  // Each attempt is signed anew.
  EXPECT_NE(FindHeader(http.requests()[1].headers, "authorization"), "");
}

TEST_F(ModeledClientTest, RetriesRunOutAsUnavailable) {
  FakeHttp http([](const HttpRequest&, int) {
    return HttpResponse{500,
                        {{"x-amzn-requestid", "boom"}},
                        R"({"__type": "InternalServerError", "message": "oops"})"};
  });
  auto client = Client(&http);
  auto out = client->Call("dynamodb", "ListTables", Value());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(out.status().reason(), "InternalServerError");
  EXPECT_EQ(out.status().message(), "InternalServerError: oops (request id boom, http 500)");
  EXPECT_EQ(http.requests().size(), 3u);
}

// An endpoint without the service (an emulator that lacks it) answers with a page, not an
// AWS error: still a server error (retried, may have taken effect), and the message asks
// whether the endpoint offers that service and operation.
TEST_F(ModeledClientTest, AServerErrorThatIsNoAwsAnswerNamesTheServiceAndOperation) {
  FakeHttp http([](const HttpRequest&, int) {
    return HttpResponse{500, {{"content-type", "text/html; charset=utf-8"}}, "<!doctype html><title>500</title>"};
  });
  auto out = Client(&http)->Call("dynamodb", "ListTables", Value());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(out.status().reason(), "500");
  EXPECT_EQ(out.status().message(),
            "500: Internal Server Error; not an AWS error answer (text/html; charset=utf-8, no request id): does "
            "this endpoint offer dynamodb ListTables? (http 500)");
  EXPECT_EQ(http.requests().size(), 3u);
}

// An endpoint without the operation (an emulator's route table, a proxy) answers a bare 404:
// not "no such resource", which would make a made resource read as gone.
TEST_F(ModeledClientTest, ABare404IsAnOperationTheEndpointLacksNotAMissingResource) {
  FakeHttp http([](const HttpRequest&, int) {
    return HttpResponse{404, {{"content-type", "text/html; charset=utf-8"}}, "<!doctype html><title>404</title>"};
  });
  auto out = Client(&http)->Call("securityhub", "ListOrganizationAdminAccounts", Value::object());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(out.status().reason(), "404");
  EXPECT_NE(out.status().message().find("does this endpoint offer securityhub ListOrganizationAdminAccounts?"),
            std::string::npos)
      << out.status().message();
  EXPECT_EQ(http.requests().size(), 1u);
  // A 404 with a request id is the service's: S3 answers a HEAD of nothing so.
  FakeHttp head([](const HttpRequest&, int) { return HttpResponse{404, {{"x-amz-request-id", "R1"}}, ""}; });
  auto missing = Client(&head)->Call("s3", "HeadBucket", Value{{"Bucket", "b"}});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(ModeledClientTest, TransportErrorsAreRetried) {
  FakeHttp http([](const HttpRequest&, int n) -> Result<HttpResponse> {
    if (n < 3) {
      return Status::Unavailable("connection refused").WithReason(std::string(kTransportError));
    }
    return Ok(R"({"TableNames": ["t"]})");
  });
  auto client = Client(&http);
  auto out = client->Call("dynamodb", "ListTables", Value());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(http.requests().size(), 3u);

  FakeHttp down([](const HttpRequest&, int) -> Result<HttpResponse> {
    return Status::Unavailable("connection refused").WithReason(std::string(kTransportError));
  });
  auto failing = Client(&down)->Call("dynamodb", "ListTables", Value());
  EXPECT_EQ(failing.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(failing.status().message().find("dynamodb ListTables"), std::string::npos);
  EXPECT_EQ(down.requests().size(), 3u);
}

TEST_F(ModeledClientTest, ClockSkewIsCorrectedOnce) {
  // Our clock says 03:04:05; the server's is an hour ahead.
  const HttpResponse skewed{403,
                            {{"date", "Fri, 02 Jan 2026 04:04:05 GMT"}},
                            "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference "
                            "between the request time and the current time is too large."
                            "</Message></Error>"};
  FakeHttp http([&](const HttpRequest&, int n) { return n == 1 ? skewed : Ok(""); });
  auto client = Client(&http);
  ASSERT_TRUE(client->Call("s3", "HeadBucket", Value{{"Bucket", "b"}}).ok());
  ASSERT_TRUE(client->Call("s3", "HeadBucket", Value{{"Bucket", "b"}}).ok());
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(FindHeader(reqs[0].headers, "x-amz-date"), "20260102T030405Z");
  EXPECT_EQ(FindHeader(reqs[1].headers, "x-amz-date"), "20260102T040405Z");
  EXPECT_EQ(FindHeader(reqs[2].headers, "x-amz-date"), "20260102T040405Z");  // remembered
  EXPECT_EQ(env_.total_slept().count(), 0);

  FakeHttp refusing([&](const HttpRequest&, int) { return skewed; });
  auto out = Client(&refusing)->Call("s3", "HeadBucket", Value{{"Bucket", "b"}});
  EXPECT_EQ(out.status().reason(), "RequestTimeTooSkewed");
  EXPECT_EQ(refusing.requests().size(), 2u);  // corrected once, then the error stands
}

TEST_F(ModeledClientTest, ACreateThatMayHaveTakenEffectIsNotResent) {
  for (int status : {500, 503}) {
    FakeHttp http([&](const HttpRequest&, int) -> Result<HttpResponse> { return HttpResponse{status, {}, ""}; });
    auto out = Client(&http)->Call("ec2", "AllocateAddress", Value{{"Domain", "vpc"}});
    EXPECT_EQ(out.status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(out.status().reason(), kAnswerLost);
    EXPECT_EQ(http.requests().size(), 1u) << status;
    EXPECT_TRUE(http.requests()[0].fresh_connection) << "not resent by the HTTP library either";
  }
  FakeHttp reset([](const HttpRequest&, int n) -> Result<HttpResponse> {
    if (n == 1) return Status::Unavailable("reset").WithReason(std::string(kTransportError));
    return Ok("<DescribeVpcsResponse/>");
  });
  EXPECT_TRUE(Client(&reset)->Call("ec2", "DescribeVpcs", Value::object()).ok()) << "reads are resent";
  EXPECT_EQ(reset.requests().size(), 2u);
  EXPECT_FALSE(reset.requests()[0].fresh_connection);
}

TEST_F(ModeledClientTest, IdempotencyTokensAreFilledOnce) {
  FakeHttp http([](const HttpRequest&, int n) -> Result<HttpResponse> {
    // refused before it left: resent, with the same token
    if (n == 1) return Status::Unavailable("refused").WithReason(std::string(kTransportNotSent));
    return Ok("<RunInstancesResponse/>");
  });
  auto client = Client(&http);
  ASSERT_TRUE(client
                  ->Call("ec2", "RunInstances", Value::parse(R"({"ImageId": "ami-1",
      "MinCount": 1, "MaxCount": 1})"))
                  .ok());
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(reqs[0].body, m, std::regex("ClientToken=([0-9a-f-]+)")))
      << reqs[0].body;
  EXPECT_TRUE(std::regex_match(
      m[1].str(),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << m[1].str();
  EXPECT_EQ(reqs[0].body, reqs[1].body);
  ASSERT_TRUE(client
                  ->Call("ec2", "RunInstances", Value::parse(R"({"ImageId": "ami-1",
      "MinCount": 1, "MaxCount": 1, "ClientToken": "mine"})"))
                  .ok());
  EXPECT_NE(http.requests()[2].body.find("ClientToken=mine"), std::string::npos);
}

TEST_F(ModeledClientTest, S3AddressingAndSigning) {
  FakeHttp http([](const HttpRequest&, int) { return Ok("hello"); });
  auto aws = Client(&http);
  Value get = Value::parse(R"({"Bucket": "my-bucket", "Key": "dir/a b.txt"})");
  ASSERT_TRUE(aws->Call("s3", "GetObject", get).ok());
  ASSERT_TRUE(
      aws->Call("s3", "GetObject", Value::parse(R"({"Bucket": "my.dotted.bucket", "Key": "k"})"))
          .ok());
  FakeHttp local([](const HttpRequest&, int) { return Ok("hello"); });
  ASSERT_TRUE(Client(&local, "http://127.0.0.1:5000")->Call("s3", "GetObject", get).ok());
  auto reqs = http.requests();
  EXPECT_EQ(reqs[0].url, "https://my-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b.txt");
  EXPECT_EQ(FindHeader(reqs[0].headers, "x-amz-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_NE(FindHeader(reqs[0].headers, "authorization").find("/eu-west-1/s3/aws4_request"),
            std::string::npos);
  EXPECT_EQ(reqs[1].url, "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/k");
  EXPECT_EQ(local.requests()[0].url, "http://127.0.0.1:5000/my-bucket/dir/a%20b.txt");
}

// s3control's "{AccountId}." host prefix goes on AWS's host, never on an endpoint override
// (the SDKs leave it off too): an emulator or proxy answers one host name.
TEST_F(ModeledClientTest, HostPrefixOnlyWithoutAnEndpointOverride) {
  Value input = Value::parse(R"({"AccountId": "111122223333"})");
  FakeHttp http([](const HttpRequest&, int) { return Ok("<PublicAccessBlockConfiguration/>"); });
  (void)Client(&http)->Call("s3control", "GetPublicAccessBlock", input);
  FakeHttp proxy([](const HttpRequest&, int) { return Ok("<PublicAccessBlockConfiguration/>"); });
  (void)Client(&proxy, "http://aws.internal:4566")->Call("s3control", "GetPublicAccessBlock", input);
  ASSERT_EQ(http.requests().size(), 1u);
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_EQ(http.requests()[0].url,
            "https://111122223333.s3-control.eu-west-1.amazonaws.com/v20180820/configuration/publicAccessBlock");
  EXPECT_EQ(proxy.requests()[0].url, "http://aws.internal:4566/v20180820/configuration/publicAccessBlock");
}

TEST_F(ModeledClientTest, Route53IdsLoseTheirPrefix) {
  FakeHttp http([](const HttpRequest&, int) {
    return Ok(
        "<GetHostedZoneResponse><HostedZone><Id>/hostedzone/Z1</Id></HostedZone>"
        "</GetHostedZoneResponse>");
  });
  auto out = Client(&http)->Call("route53", "GetHostedZone", Value{{"Id", "/hostedzone/Z1"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(http.requests()[0].url, "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1");
}

TEST_F(ModeledClientTest, UnsignedOperationsCarryNoSignature) {
  FakeHttp http([](const HttpRequest&, int) { return Ok(R"({"roleCredentials": {}})"); });
  auto out = Client(&http)->Call("sso", "GetRoleCredentials", Value::parse(R"({
      "roleName": "admin", "accountId": "123456789012", "accessToken": "tok"})"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const HttpRequest r = http.requests()[0];
  EXPECT_EQ(r.url,
            "https://portal.sso.eu-west-1.amazonaws.com/federation/credentials"
            "?role_name=admin&account_id=123456789012");
  EXPECT_EQ(FindHeader(r.headers, "authorization"), "");
  EXPECT_EQ(FindHeader(r.headers, "x-amz-sso_bearer_token"), "tok");
}

TEST_F(ModeledClientTest, UnknownNamesAndBadInputFailBeforeSending) {
  FakeHttp http([](const HttpRequest&, int) { return Ok(kVpcs); });
  auto client = Client(&http);
  auto op = client->Call("ec2", "DescribeVpc", Value());
  EXPECT_EQ(op.status().code(), StatusCode::kNotFound);
  EXPECT_NE(op.status().message().find("did you mean \"DescribeVpcs\""), std::string::npos);
  auto svc = client->Call("ecc2", "DescribeVpcs", Value());
  EXPECT_EQ(svc.status().code(), StatusCode::kNotFound);
  auto bad = client->Call("ec2", "DescribeVpcs", Value{{"VpcIds", "vpc-1"}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(http.requests().empty());
  // CLI spellings of operation names work too, and are suggested from.
  EXPECT_TRUE(client->Call("ec2", "describe-vpcs", Value()).ok());
  auto kebab = client->Call("ec2", "describe-vpc", Value());
  EXPECT_NE(kebab.status().message().find("did you mean \"DescribeVpcs\""), std::string::npos)
      << kebab.status().message();
}

TEST_F(ModeledClientTest, DebugLogHasNoSecrets) {
  std::ostringstream log;
  StreamCallLogger logger(&log);
  FakeHttp http([](const HttpRequest&, int) { return Ok(kVpcs, {{"x-amzn-requestid", "rid-1"}}); });
  ASSERT_TRUE(Client(&http, "", &logger)->Call("ec2", "DescribeVpcs", Value()).ok());
  std::string text = log.str();
  EXPECT_NE(text.find("aws: ec2 DescribeVpcs POST https://ec2.eu-west-1.amazonaws.com/ -> 200"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("request id rid-1, attempt 1"), std::string::npos) << text;
  for (const char* secret : {"SECRETKEYEXAMPLE", "SESSIONTOKENEXAMPLE", "AKIDEXAMPLE",
                             "Authorization", "authorization", "Signature"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

TEST_F(ModeledClientTest, CallAllPagesFollowsTheModelsPaginator) {
  FakeHttp http([](const HttpRequest& r, int) {
    Value in = Value::parse(r.body);
    std::string token = in.value("NextToken", "");
    if (token.empty()) return Ok(R"({"Parameters": [{"Name": "a"}], "NextToken": "t2"})");
    if (token == "t2") return Ok(R"({"Parameters": [{"Name": "b"}], "NextToken": "t3"})");
    return Ok(R"({"Parameters": [{"Name": "c"}]})");
  });
  auto out = Client(&http)->CallAllPages("ssm", "DescribeParameters", Value{{"MaxResults", 1}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(R"({"Parameters": [{"Name": "a"}, {"Name": "b"},
                                                  {"Name": "c"}]})"));
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[1].body, R"({"MaxResults":1,"NextToken":"t2"})");
  // Operations without a paginator are called once.
  FakeHttp once([](const HttpRequest&, int) {
    return Ok(
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account>"
        "</GetCallerIdentityResult></GetCallerIdentityResponse>");
  });
  ASSERT_TRUE(Client(&once)->CallAllPages("sts", "GetCallerIdentity", Value()).ok());
  EXPECT_EQ(once.requests().size(), 1u);
}

TEST_F(ModeledClientTest, ConcurrentCalls) {
  FakeHttp http([](const HttpRequest& r, int) -> Result<HttpResponse> {
    // Every 7th request of each thread fails; its retry (the thread's next request) does not.
    // (Counted over all threads, one call could draw three failures in a row.)
    thread_local int mine = 0;
    if (++mine % 7 == 0) return HttpResponse{503, {}, ""};
    return Ok(std::string("<DescribeVpcsResponse><vpcSet><item><vpcId>") +
              (r.body.find("VpcId.1=") != std::string::npos ? "x" : "none") +
              "</vpcId></item></vpcSet></DescribeVpcsResponse>");
  });
  RecordingObserver observer;
  auto client = Client(&http, "", &observer);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto out = client->Call("ec2", "DescribeVpcs", Value{{"VpcIds", {"vpc-1"}}});
        if (out.ok() && (*out)["Vpcs"][0]["VpcId"] == "x") ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(observer.records.size(), http.requests().size());
}

}  // namespace
}  // namespace pave::aws
