// aws_calls_driver: sustained calls per second of one read call through ModeledAwsClient and
// libcurl, for bench/aws_calls_vs_boto3.sh.
//
//   aws_calls_driver ENDPOINT_URL SERVICE OPERATION INPUT_JSON COUNT [THREADS]
//
// Prints "calls=<n> seconds=<s> calls_per_second=<r> client_cpu_us_per_call=<c>" (the CPU
// this process spent per call: the client's own cost, whatever the server's speed).
// Credentials and region are fixed ("testing", us-east-1): it is meant for moto on loopback.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"

int main(int argc, char** argv) {
  using namespace pave;
  if (argc < 6) {
    std::fprintf(stderr,
                 "usage: aws_calls_driver ENDPOINT SERVICE OPERATION INPUT COUNT [THREADS]\n");
    return 2;
  }
  std::string endpoint = argv[1], service = argv[2], operation = argv[3];
  Value input = Value::parse(argv[4], nullptr, false);
  int count = std::atoi(argv[5]);
  int threads = argc > 6 ? std::atoi(argv[6]) : 1;
  if (input.is_discarded() || count <= 0 || threads <= 0) {
    std::fprintf(stderr, "aws_calls_driver: bad input JSON, count or threads\n");
    return 2;
  }
  aws::CurlHttpClient http(DefaultEnv(), {});
  aws::ResolvedAwsConfig config;
  config.region = "us-east-1";
  config.endpoints.region = "us-east-1";
  config.endpoints.global_url = endpoint;
  config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
      aws::Credentials{"testing", "testing", "", {}, "driver"});
  auto client = aws::NewAwsClient(DefaultEnv(), &http, config);
  if (!client.ok()) {
    std::fprintf(stderr, "aws_calls_driver: %s\n", client.status().ToString().c_str());
    return 1;
  }
  auto warm = (*client)->Call(service, operation, input);  // model parse, connection
  if (!warm.ok()) {
    std::fprintf(stderr, "aws_calls_driver: %s\n", warm.status().ToString().c_str());
    return 1;
  }
  auto cpu_seconds = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  double cpu_start = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  std::atomic<int> failures{0};
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = t; i < count; i += threads) {
        if (!(*client)->Call(service, operation, input).ok()) ++failures;
      }
    });
  }
  for (auto& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu_us = (cpu_seconds() - cpu_start) * 1e6 / count;
  std::printf(
      "calls=%d seconds=%.3f calls_per_second=%.1f client_cpu_us_per_call=%.0f failures=%d\n",
      count, seconds, count / seconds, cpu_us, failures.load());
  return failures.load() == 0 ? 0 : 1;
}
