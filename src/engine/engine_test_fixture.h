// Shared fixture of the engine tests: a registry of fake types writing to one call log, an
// in-memory recorder on the same log, an event sink, and helpers to plan and apply.
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "engine/executor.h"
#include "engine/planner.h"
#include "testing/fake_provider.h"
#include "testing/mem_recorder.h"

namespace pave {

class RecordingSink : public EventSink {
 public:
  void OnEvent(const Event& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<Event> Of(EventKind kind) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<Event> out;
    for (const Event& e : events_) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

class EngineFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    AddType("aws_vpc", {FakeAttr("cidr", AttrType::kString, {.required = true, .force_new = true}), FakeAttr("name"),
                        FakeAttr("arn", AttrType::kString, {.computed = true})});
    AddType("aws_subnet", {FakeAttr("vpc_id", AttrType::kString, {.required = true, .force_new = true}),
                           FakeAttr("cidr", AttrType::kString, {.force_new = true}), FakeAttr("name")});
    AddType("aws_nat", {FakeAttr("subnet_id", AttrType::kString, {.required = true, .force_new = true}), FakeAttr("name")});
    AddType("aws_db", {FakeAttr("password", AttrType::kString, {.required = true, .secret = true}), FakeAttr("name"),
                       FakeAttr("endpoint", AttrType::kString, {.computed = true})});
    AddType("aws_param", {FakeAttr("name"), FakeAttr("value", AttrType::kString, {.secret = true})});
    state_.lineage = "lineage-1";
  }

  FakeResourceType* AddType(const std::string& type, std::vector<AttributeSchema> attrs, int typical_ms = 1000,
                            bool create_before_destroy = false) {
    ResourceSchema s;
    s.type = type;
    s.attributes = std::move(attrs);
    s.typical_create = std::chrono::milliseconds(typical_ms);
    s.create_before_destroy = create_before_destroy;
    auto t = std::make_unique<FakeResourceType>(std::move(s), &log_);
    FakeResourceType* raw = t.get();
    registry_.Register(std::move(t));
    return raw;
  }
  FakeResourceType* Type(const std::string& type) { return static_cast<FakeResourceType*>(registry_.Find(type)); }

  void Declare(const std::string& type, const std::string& name, Value props, std::vector<ResourceAddress> deps = {}) {
    config_.resources.push_back(ResourceConfig{{type, name}, std::move(props), std::move(deps), {"p.yaml", 1, 1}});
  }
  ResourceConfig* Declared(const std::string& type, const std::string& name) {
    for (ResourceConfig& r : config_.resources) {
      if (r.address == ResourceAddress{type, name}) return &r;
    }
    return nullptr;
  }

  Plan PlanOrDie(bool destroy = false) {
    PlanOptions o;
    o.destroy = destroy;
    Result<Plan> p = MakePlan(config_, state_, registry_, o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : Plan{};
  }
  ApplyOptions Options(int parallelism = 4) {
    ApplyOptions o;
    o.parallelism = parallelism;
    o.events = &sink_;
    o.recorder = &recorder_;
    o.platform = "demo";
    return o;
  }
  ApplyResult ApplyPlan(const Plan& plan, int parallelism = 4) {
    return Apply(plan, &state_, registry_, Options(parallelism));
  }
  // Plans and applies; expects success and that a second plan has nothing to do.
  void Converge(int parallelism = 4, bool destroy = false) {
    ApplyResult r = ApplyPlan(PlanOrDie(destroy), parallelism);
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].first.ToString() + ": " + r.errors[0].second.ToString());
    if (!destroy) {
      Plan again = PlanOrDie();
      for (const Change& c : again.changes) EXPECT_EQ(c.action, Action::kNoOp) << c.address.ToString();
    }
  }
  int At(const std::string& entry) const {
    int i = log_.IndexOf(entry);
    EXPECT_GE(i, 0) << "not in the call log: " << entry;
    return i;
  }
  std::string IdOf(const std::string& type, const std::string& name) const {
    const ResourceState* r = state_.Find({type, name});
    return r ? r->attributes.value("id", "") : "";
  }

  CallLog log_;
  MemRecorder recorder_{&log_};
  RecordingSink sink_;
  ProviderRegistry registry_;
  pave::Config config_{"demo", {}};
  State state_;
};

}  // namespace pave
