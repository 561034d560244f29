// State backends: load and save of a state of 10k resources, local directory vs S3 (moto on
// loopback), and journal records per second under a parallel apply (T threads, each
// recording begin + finish for its operations, as the executor's workers do).
//
//   build/<dir>/bench/state_bench [resources=10000] [threads=16] [ops_per_thread=50]
//
// Prints one line per measurement. moto is a Python server: S3 figures are its latency, far
// from real S3's (tens of ms per PUT) — what they show is the number of round trips.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "state/local_store.h"
#include "state/s3_object_store.h"
#include "state/s3_store.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

State BigState(int n) {
  State state;
  for (int i = 0; i < n; ++i) {
    std::string name = fmt::format("aws_subnet.s{}", i);
    state.Put(
        ResourceState{*ResourceAddress::Parse(name),
                      Value{{"id", fmt::format("subnet-{:017x}", i)},
                            {"cidr_block", fmt::format("10.{}.{}.0/24", i / 256 % 256, i % 256)},
                            {"vpc_id", "vpc-0123456789abcdef0"},
                            {"tags", {{"Name", name}, {"team", "net"}}}},
                      {}});
  }
  return state;
}

int LoadSave(const char* backend, StateStore& store, int n) {
  auto lock = store.Lock("bench");
  if (!lock.ok()) return fmt::print(stderr, "{}\n", lock.status().ToString()), 1;
  auto loaded = store.Load();
  if (!loaded.ok()) return fmt::print(stderr, "{}\n", loaded.status().ToString()), 1;
  State state = BigState(n);
  state.lineage = loaded->state.lineage;
  auto start = Clock::now();
  Status saved = store.Save(state, {"bench", ""});
  double save = Seconds(start);
  if (!saved.ok()) return fmt::print(stderr, "{}\n", saved.ToString()), 1;
  start = Clock::now();
  auto again = store.Load();
  double load = Seconds(start);
  if (!again.ok() || again->state.size() != static_cast<size_t>(n)) return 1;
  fmt::print("{:<6} save {} resources: {:7.1f} ms   load: {:7.1f} ms\n", backend, n, save * 1000,
             load * 1000);
  return 0;
}

int Journal(const char* backend, StateStore& store, int threads, int per_thread) {
  auto lock = store.Lock("bench");
  if (!lock.ok() || !store.Load().ok()) return 1;
  std::atomic<int> failures{0};
  auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        std::string name = fmt::format("aws_vpc.t{}_{}", t, i);
        PendingOperation op{*ResourceAddress::Parse(name), Operation::kCreate, "tok-" + name};
        ResourceState r{op.address, Value{{"id", "vpc-" + name}}, {}};
        if (!store.recorder()->Begin(op).ok()) ++failures;
        if (!store.recorder()->Finish(op, &r).ok()) ++failures;
      }
    });
  }
  for (auto& w : workers) w.join();
  double took = Seconds(start);
  int records = 2 * threads * per_thread;
  fmt::print("{:<6} journal: {} records from {} threads in {:.2f} s = {:.0f} records/s{}\n",
             backend, records, threads, took, records / took,
             failures ? fmt::format(" ({} FAILED)", failures.load()) : "");
  return failures ? 1 : 0;
}

int Main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  int threads = argc > 2 ? std::atoi(argv[2]) : 16;
  int per_thread = argc > 3 ? std::atoi(argv[3]) : 50;
  auto moto = testing::MotoServer::Start();
  if (!moto.ok()) return fmt::print(stderr, "{}\n", moto.status().ToString()), 1;
  testing::OverlayEnv env;
  aws::CurlHttpClient http(&env, {});
  aws::ResolvedAwsConfig config;
  config.region = "us-east-1";
  config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
      aws::Credentials{"testing", "testing", "", {}, "bench"});
  config.endpoints.region = "us-east-1";
  config.endpoints.global_url = (*moto)->endpoint();
  auto client = aws::NewAwsClient(&env, &http, config, {});
  if (!client.ok() || !(*client)->Call("s3", "CreateBucket", Value{{"Bucket", "bench"}}).ok()) {
    return 1;
  }
  S3ObjectStore objects(client->get(), "bench", "");
  std::string dir = fmt::format("/tmp/pave-state-bench-{}", env.ProcessId());
  int rc = 0;
  {
    auto local = LocalStateStore::Open(&env, dir + "/a");
    auto s3 = S3StateStore::Open(&env, &objects, "a/state.json");
    if (!local.ok() || !s3.ok()) return 1;
    rc |= LoadSave("local", **local, n);
    rc |= LoadSave("s3", **s3, n);
  }
  {
    auto local = LocalStateStore::Open(&env, dir + "/b");
    auto s3 = S3StateStore::Open(&env, &objects, "b/state.json");
    if (!local.ok() || !s3.ok()) return 1;
    rc |= Journal("local", **local, threads, per_thread);
    rc |= Journal("s3", **s3, threads, per_thread);
    fmt::print("s3     journal objects (PUTs) written: {}\n", (*s3)->journal_objects_written());
  }
  int removed = std::system(fmt::format("rm -rf {}", dir).c_str());
  (void)removed;
  return rc;
}

}  // namespace
}  // namespace pave

int main(int argc, char** argv) { return pave::Main(argc, argv); }
