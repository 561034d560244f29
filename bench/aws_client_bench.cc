// Per-call overhead of the AWS client without a network: validate + serialize + sign + parse
// a canned response, for one call of each protocol family (ec2, json, rest-xml), plus the
// one-time cost of parsing an embedded model. Results: docs/performance.md (AWS client).
#include <benchmark/benchmark.h>

#include <memory>

#include "aws/model_registry.h"
#include "aws/modeled_client.h"

namespace pave::aws {
namespace {

// Answers every request with the same response.
class CannedHttp : public HttpClient {
 public:
  explicit CannedHttp(HttpResponse response) : response_(std::move(response)) {}
  Result<HttpResponse> Send(const HttpRequest&) override { return response_; }

 private:
  HttpResponse response_;
};

std::unique_ptr<AwsClient> Client(HttpClient* http) {
  ResolvedAwsConfig config;
  config.region = "eu-west-1";
  config.endpoints.region = "eu-west-1";
  config.credentials = std::make_shared<StaticCredentialsProvider>(
      Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token", {}, "bench"});
  return std::move(NewAwsClient(DefaultEnv(), http, config)).value();
}

std::string VpcsXml(int n) {
  std::string xml =
      "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><vpcSet>";
  for (int i = 0; i < n; ++i) {
    xml += "<item><vpcId>vpc-" + std::to_string(1000 + i) +
           "</vpcId><ownerId>123456789012"
           "</ownerId><state>available</state><cidrBlock>10." +
           std::to_string(i) +
           ".0.0/16</cidrBlock><cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock>"
           "<associationId>vpc-cidr-assoc-1</associationId><cidrBlockState><state>associated"
           "</state></cidrBlockState></item></cidrBlockAssociationSet><dhcpOptionsId>dopt-1"
           "</dhcpOptionsId><instanceTenancy>default</instanceTenancy><isDefault>false"
           "</isDefault><tagSet><item><key>Name</key><value>prod</value></item></tagSet></item>";
  }
  return xml + "</vpcSet></DescribeVpcsResponse>";
}

void BM_Ec2DescribeVpcs(benchmark::State& state) {
  CannedHttp http(HttpResponse{200, {}, VpcsXml(static_cast<int>(state.range(0)))});
  auto client = Client(&http);
  Value input = Value::parse(R"({"Filters": [{"Name": "tag:Name", "Values": ["prod"]}]})");
  for (auto _ : state) {
    auto out = client->Call("ec2", "DescribeVpcs", input);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Ec2DescribeVpcs)->Arg(1)->Arg(20);

void BM_JsonDynamoDbGetItem(benchmark::State& state) {
  CannedHttp http(HttpResponse{
      200,
      {{"x-amzn-requestid", "R1"}},
      R"({"Item": {"id": {"S": "lock"}, "owner": {"S": "alice@host"}, "expires": {"N": "1767323045"},
                   "serial": {"N": "42"}, "lineage": {"S": "0b5e0c1e-7f0d-4c8c-9a57-8d1b2f8f1a11"}}})"});
  auto client = Client(&http);
  Value input = Value::parse(R"({"TableName": "pave-locks", "Key": {"id": {"S": "lock"}},
                                 "ConsistentRead": true})");
  for (auto _ : state) {
    auto out = client->Call("dynamodb", "GetItem", input);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_JsonDynamoDbGetItem);

void BM_RestXmlRoute53ListRecords(benchmark::State& state) {
  std::string xml =
      "<ListResourceRecordSetsResponse xmlns=\"https://route53.amazonaws.com/doc/"
      "2013-04-01/\"><ResourceRecordSets>";
  for (int i = 0; i < 10; ++i) {
    xml += "<ResourceRecordSet><Name>host" + std::to_string(i) +
           ".example.com.</Name><Type>A"
           "</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2." +
           std::to_string(i) + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }
  xml +=
      "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
      "</ListResourceRecordSetsResponse>";
  CannedHttp http(HttpResponse{200, {}, xml});
  auto client = Client(&http);
  Value input = Value::parse(R"({"HostedZoneId": "/hostedzone/Z1D633PJN98FT9"})");
  for (auto _ : state) {
    auto out = client->Call("route53", "ListResourceRecordSets", input);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_RestXmlRoute53ListRecords);

// First use of a service model in a process: inflate + parse + build.
void BM_ModelFirstUse(benchmark::State& state, const char* service) {
  for (auto _ : state) {
    ModelRegistry registry(EmbeddedModelBlobs());
    auto model = registry.Get(service);
    if (!model.ok()) state.SkipWithError(model.status().ToString().c_str());
    benchmark::DoNotOptimize(model);
  }
}
BENCHMARK_CAPTURE(BM_ModelFirstUse, ec2, "ec2")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ModelFirstUse, sts, "sts")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ModelFirstUse, s3, "s3")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pave::aws

BENCHMARK_MAIN();
