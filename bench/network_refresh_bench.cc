// network_refresh_bench: API calls and wall time to refresh N subnets with pave's batched
// Read (one DescribeSubnets per page, filtered by subnet-id) versus one read per resource
// (what Terraform does). Runs against whatever AWS_ENDPOINT_URL points at (moto: see
// bench/refresh_bench.sh). Usage: network_refresh_bench [N=1000]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "aws/config.h"
#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave {
namespace {

// Counts HTTP requests: the API calls really made, pages included.
class CountingHttp : public aws::HttpClient {
 public:
  explicit CountingHttp(aws::HttpClient* inner) : inner_(inner) {}
  Result<aws::HttpResponse> Send(const aws::HttpRequest& r) override {
    ++count_;
    return inner_->Send(r);
  }
  int count() const { return count_; }

 private:
  aws::HttpClient* inner_;
  std::atomic<int> count_{0};
};

int Fail(const Status& s) {
  std::fprintf(stderr, "network_refresh_bench: %s\n", s.ToString().c_str());
  return 1;
}

std::string SubnetCidr(int i) {  // /26 blocks of 10.0.0.0/16
  return "10.0." + std::to_string(i / 4) + "." + std::to_string((i % 4) * 64) + "/26";
}

int Run(int n) {
  Env* env = DefaultEnv();
  aws::CurlHttpClient curl;
  CountingHttp http(&curl);
  auto config = aws::ResolveAwsConfig(env, &http, {});
  if (!config.ok()) return Fail(config.status());
  auto client = aws::NewAwsClient(env, &http, *config);
  if (!client.ok()) return Fail(client.status());
  aws_provider::AwsTypeDeps deps{.client = client->get(), .env = env, .poll = {},
                                 .account = std::make_shared<aws_provider::AccountId>(client->get())};
  auto vpc = (*client)->Call("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/16"}});
  if (!vpc.ok()) return Fail(vpc.status());
  std::string vpc_id = (*vpc)["Vpc"]["VpcId"];
  std::vector<ReadRequest> requests;
  for (int i = 0; i < n; ++i) {
    auto s = (*client)->Call("ec2", "CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", SubnetCidr(i)},
                                                     {"AvailabilityZone", config->region + "a"}});
    if (!s.ok()) return Fail(s.status());
    requests.push_back({{"aws_subnet", "s" + std::to_string(i)}, {{"id", (*s)["Subnet"]["SubnetId"]}}});
  }
  auto type = aws_provider::NewSubnetType(deps);

  auto measure = [&](const char* name, auto&& read) {
    int before = http.count();
    auto start = std::chrono::steady_clock::now();
    size_t found = read();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("| %-34s | %6d | %9d | %8.2f |\n", name, n, http.count() - before, secs);
    return found;
  };
  std::printf("| %-34s | %6s | %9s | %8s |\n|%s|%s|%s|%s|\n", "refresh of N subnets", "N", "API calls",
              "seconds", std::string(36, '-').c_str(), std::string(8, '-').c_str(),
              std::string(11, '-').c_str(), std::string(10, '-').c_str());
  size_t batched = measure("pave: batched Read (filter)", [&] {
    auto got = type->Read(requests);
    size_t k = 0;
    if (got.ok()) {
      for (const auto& v : *got) k += v.has_value();
    }
    return k;
  });
  size_t single = measure("one read per resource", [&] {
    size_t k = 0;
    for (const ReadRequest& r : requests) {
      auto got = type->Read({r});
      k += got.ok() && (*got)[0].has_value();
    }
    return k;
  });
  if (batched != static_cast<size_t>(n) || single != static_cast<size_t>(n)) {
    std::fprintf(stderr, "found %zu batched, %zu one by one, of %d\n", batched, single, n);
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace pave

int main(int argc, char** argv) { return pave::Run(argc > 1 ? std::atoi(argv[1]) : 1000); }
