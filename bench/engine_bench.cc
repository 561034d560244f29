// Engine benchmarks: planning against a loaded state of 1k / 10k / 100k resources, and apply
// wall time against the critical-path bound, on synthetic graphs served by the fake provider.
//
//   build/bench/bench/engine_bench --benchmark_counters_tabular=true
//
// Synthetic graph (n resources of one type): every 100th resource is a hub; every 10th is
// the head of a chain that references its hub's id; the others reference the previous link's
// id (a chain of 10) and interpolate the hub's computed arn. So plans resolve both whole and
// interpolated references, along chains and fan-outs.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "engine/apply_graph.h"
#include "engine/executor.h"
#include "engine/planner.h"
#include "testing/fake_provider.h"
#include "testing/mem_recorder.h"

namespace pave {
namespace {

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Resident memory now (not the peak), from /proc/self/statm.
double CurrentRssMb() {
  long pages_total = 0, pages_resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  int n = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident);
  std::fclose(f);
  return n == 2 ? static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : 0;
}

ResourceSchema NodeSchema(const std::string& type, std::chrono::milliseconds typical) {
  ResourceSchema s;
  s.type = type;
  s.typical_create = typical;
  s.attributes = {FakeAttr("name", AttrType::kString, {.required = true}),
                  FakeAttr("parent", AttrType::kString, {.force_new = true}),
                  FakeAttr("hub_arn"),
                  FakeAttr("size", AttrType::kInt, {.default_value = Value(1)}),
                  FakeAttr("tags", AttrType::kMap),
                  FakeAttr("arn", AttrType::kString, {.computed = true})};
  return s;
}

std::string Name(size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "n%07zu", i);  // zero-padded: address order is index order
  return buf;
}

size_t HubOf(size_t i) { return i - i % 100; }

// The config and the state after it was applied, for n resources of type "bench_node" (the
// hubs of type `hub_type`).
struct Synthetic {
  Config config;
  State state;
};

Synthetic MakeSynthetic(size_t n, const std::string& hub_type = "bench_node") {
  Synthetic s;
  s.config.platform = "bench";
  s.state.lineage = "bench-lineage";
  s.config.resources.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    auto address = [&](size_t j) { return ResourceAddress{j % 100 == 0 ? hub_type : "bench_node", Name(j)}; };
    ResourceConfig rc{address(i), Value::object(), {}, {"bench.yaml", static_cast<int>(i + 1), 1}};
    ResourceState rs{rc.address, Value::object(), {}};
    rc.properties["name"] = "node-" + std::to_string(i);
    rc.properties["tags"] = {{"team", "t" + std::to_string(i % 5)}};
    rs.attributes = rc.properties;
    rs.attributes["size"] = 1;
    rs.attributes["id"] = "id-" + std::to_string(i);
    rs.attributes["arn"] = "arn:id-" + std::to_string(i);
    if (i % 100 != 0) {
      size_t parent = i % 10 == 0 ? HubOf(i) : i - 1;
      rc.properties["parent"] = "${" + address(parent).ToString() + ".id}";
      rs.attributes["parent"] = "id-" + std::to_string(parent);
      rs.dependencies.push_back(address(parent));
      if (i % 10 != 0) {
        rc.properties["hub_arn"] = "hub is ${" + address(HubOf(i)).ToString() + ".arn}";
        rs.attributes["hub_arn"] = "hub is arn:id-" + std::to_string(HubOf(i));
        rs.dependencies.push_back(address(HubOf(i)));
      }
      std::sort(rs.dependencies.begin(), rs.dependencies.end());
    }
    s.config.resources.push_back(std::move(rc));
    s.state.Put(std::move(rs));
  }
  return s;
}

void BM_Plan(benchmark::State& bm, bool with_changes) {
  size_t n = static_cast<size_t>(bm.range(0));
  ProviderRegistry registry;
  registry.Register(std::make_unique<FakeResourceType>(NodeSchema("bench_node", std::chrono::milliseconds(1000))));
  Synthetic s = MakeSynthetic(n);
  if (with_changes) {  // 1% renamed: half hubs (their dependents see an unknown arn), half links
    for (size_t i = 0; i < n; i += 100) s.config.resources[i + (i / 100) % 2].properties["name"] = "renamed";
  }
  size_t changes = 0;
  double inputs_mb = CurrentRssMb();  // config and state in memory, before any plan
  for (auto _ : bm) {
    Result<Plan> plan = MakePlan(s.config, s.state, registry, {});
    if (!plan.ok()) {
      bm.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    changes = plan->changes.size() - plan->Count(Action::kNoOp);
    benchmark::DoNotOptimize(plan);
  }
  bm.counters["resources"] = static_cast<double>(n);
  bm.counters["changes"] = static_cast<double>(changes);
  bm.counters["peak_rss_mb"] = PeakRssMb();
  bm.counters["inputs_rss_mb"] = inputs_mb;
}

void BM_PlanNoChanges(benchmark::State& bm) { BM_Plan(bm, false); }
void BM_PlanOnePercentEdited(benchmark::State& bm) { BM_Plan(bm, true); }
BENCHMARK(BM_PlanNoChanges)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PlanOnePercentEdited)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

// Apply of a fresh synthetic graph: `slow` resources (the hubs, 40 ms) and fast ones (5 ms).
// The bound is the longest chain of latencies, or total work / parallelism if larger.
void BM_Apply(benchmark::State& bm) {
  size_t n = static_cast<size_t>(bm.range(0));
  int parallelism = static_cast<int>(bm.range(1));
  constexpr auto kFast = std::chrono::milliseconds(5), kSlow = std::chrono::milliseconds(40);
  double bound_ms = 0, wall_total_ms = 0;
  int runs = 0;
  for (auto _ : bm) {
    ProviderRegistry registry;
    auto fast = std::make_unique<FakeResourceType>(NodeSchema("bench_node", kFast));
    auto slow = std::make_unique<FakeResourceType>(NodeSchema("bench_hub", kSlow));
    fast->SetLatency(FakeMethod::kCreate, kFast);
    slow->SetLatency(FakeMethod::kCreate, kSlow);
    registry.Register(std::move(fast));
    registry.Register(std::move(slow));
    Synthetic s = MakeSynthetic(n, "bench_hub");
    State state;
    state.lineage = "bench-lineage";
    Result<Plan> plan = MakePlan(s.config, state, registry, {});
    if (!plan.ok()) {
      bm.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    Result<ApplyGraph> graph = BuildApplyGraph(*plan, state, registry);
    if (!graph.ok()) {
      bm.SkipWithError(graph.status().ToString().c_str());
      return;
    }
    int64_t critical = 0, total = 0;
    for (size_t i = 0; i < graph->ops.size(); ++i) {
      critical = std::max(critical, graph->priority[i]);
      total += registry.Find(plan->changes[graph->ops[i].change].address.type)->schema().typical_create.count();
    }
    bound_ms = std::max(static_cast<double>(critical), static_cast<double>(total) / parallelism);
    MemRecorder recorder;
    ApplyOptions options;
    options.parallelism = parallelism;
    options.recorder = &recorder;

    auto start = std::chrono::steady_clock::now();
    ApplyResult r = Apply(*plan, &state, registry, options);
    double wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!r.ok()) {
      bm.SkipWithError("apply failed");
      return;
    }
    bm.SetIterationTime(wall_ms / 1000.0);  // only Apply is timed, not building the inputs
    wall_total_ms += wall_ms;
    ++runs;
  }
  double wall_ms = runs > 0 ? wall_total_ms / runs : 0;
  bm.counters["resources"] = static_cast<double>(n);
  bm.counters["parallelism"] = parallelism;
  bm.counters["bound_ms"] = bound_ms;
  bm.counters["wall_ms"] = wall_ms;
  bm.counters["wall_over_bound"] = bound_ms > 0 ? wall_ms / bound_ms : 0;
}
// 300 resources: 3 hubs with 99 dependents each, in chains of 10. Widest level: 30, so 64
// workers are never the limit; with 8 the bound is total work / 8.
BENCHMARK(BM_Apply)->Args({300, 64})->Args({300, 8})->Args({1000, 128})->Unit(benchmark::kMillisecond)->Iterations(5)->UseManualTime();

}  // namespace
}  // namespace pave

BENCHMARK_MAIN();
