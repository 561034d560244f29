// Torture tests of the local store's crash safety: every byte offset of every file, every
// step of a run, every point where the disk can fill up. The rule checked everywhere: Load
// either returns every resource whose finish record is intact (and reports every begun,
// unfinished operation as pending), or stops with a clear error. It never silently drops one.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "state/journal.h"
#include "state/local_store.h"
#include "state/store_test_util.h"

namespace pave {
namespace {

using state_test::Addr;
using state_test::Op;
using state_test::OpenStore;
using state_test::Resource;
using state_test::RestartProcess;

const char* const kDir = "/w/.pave";
const char* const kJournal = "/w/.pave/journal";
const char* const kState = "/w/.pave/state.json";

// What must survive: finished resources (address -> id) and operations in flight.
struct Model {
  std::map<std::string, std::string> resources;
  std::set<std::string> in_flight;
};

// One run of pave, step by step, keeping the model of what is durable so far.
class ScriptedRun {
 public:
  explicit ScriptedRun(MemEnv* env) : store_(OpenStore(env, kDir)) {}

  using Step = std::function<Status(ScriptedRun&)>;

  static Step Lock() {
    return [](ScriptedRun& r) {
      auto lock = r.store_->Lock("apply");
      if (lock.ok()) r.lock_ = std::move(lock).value();
      return lock.status();
    };
  }
  static Step Load() {
    return [](ScriptedRun& r) {
      auto loaded = r.store_->Load();
      if (loaded.ok()) r.state_ = std::move(loaded->state);
      return loaded.status();
    };
  }
  static Step Begin(std::string address, Operation op = Operation::kCreate) {
    return [address, op](ScriptedRun& r) {
      Status s = r.store_->recorder()->Begin(Op(address, op));
      if (s.ok()) r.model_.in_flight.insert(address);
      return s;
    };
  }
  // Finishes a create/update with `id`, or a delete when `id` is empty.
  static Step Finish(std::string address, std::string id) {
    return [address, id](ScriptedRun& r) {
      ResourceState result = Resource(address, id);
      Operation op = id.empty() ? Operation::kDelete : Operation::kCreate;
      Status s = r.store_->recorder()->Finish(Op(address, op), id.empty() ? nullptr : &result);
      if (!s.ok()) return s;
      r.model_.in_flight.erase(address);
      if (id.empty()) {
        r.model_.resources.erase(address);
        r.state_.Remove(Addr(address));
      } else {
        r.model_.resources[address] = id;
        r.state_.Put(result);
      }
      return s;
    };
  }
  static Step Fail(std::string address) {
    return [address](ScriptedRun& r) {
      Status s = r.store_->recorder()->Fail(Op(address), Status::Unavailable("throttled"));
      if (s.ok()) r.model_.in_flight.erase(address);
      return s;
    };
  }
  static Step Save() {
    return [](ScriptedRun& r) { return r.store_->Save(r.state_, {"apply", "step"}); };
  }

  // Runs steps until one fails; returns how many succeeded.
  size_t Run(const std::vector<Step>& steps, size_t limit) {
    for (size_t i = 0; i < steps.size() && i < limit; ++i) {
      if (!steps[i](*this).ok()) return i;
    }
    return std::min(limit, steps.size());
  }

  const Model& model() const { return model_; }

 private:
  std::unique_ptr<LocalStateStore> store_;
  std::unique_ptr<StateLock> lock_;
  State state_;
  Model model_;
};

using R = ScriptedRun;

std::vector<R::Step> ApplySteps() {
  return {R::Lock(),
          R::Load(),
          R::Begin("aws_vpc.a"),
          R::Finish("aws_vpc.a", "vpc-1"),
          R::Begin("aws_subnet.a"),
          R::Save(),
          R::Finish("aws_subnet.a", "subnet-1"),
          R::Begin("aws_internet_gateway.main"),
          R::Fail("aws_internet_gateway.main"),
          R::Begin("aws_nat_gateway.a"),
          R::Finish("aws_nat_gateway.a", "nat-1"),
          R::Save(),
          R::Begin("aws_nat_gateway.a", Operation::kDelete),
          R::Finish("aws_nat_gateway.a", ""),
          R::Begin("aws_eip.b"),
          R::Save(),
          R::Finish("aws_eip.b", "eipalloc-1"),
          R::Save()};
}

std::map<std::string, std::string> ResourcesOf(const State& state) {
  std::map<std::string, std::string> out;
  for (const ResourceState& r : state.resources()) {
    out[r.address.ToString()] = r.attributes.value("id", "");
  }
  return out;
}

std::set<std::string> PendingOf(const LoadedState& loaded) {
  std::set<std::string> out;
  for (const PendingOperation& p : loaded.pending) out.insert(p.address.ToString());
  return out;
}

// The next run after a crash: breaks the stale lock, loads, checks the model, then makes one
// more change and saves, and checks that this sticks too.
void RecoverAndContinue(MemEnv* env, const Model& model, const std::string& context) {
  SCOPED_TRACE(context);
  RestartProcess(env);
  auto store = OpenStore(env, kDir);
  if (env->FileExists(std::string(kDir) + "/lock")) {
    auto info = DecodeLockInfo(env->ReadFile(std::string(kDir) + "/lock").value(), "lock");
    ASSERT_TRUE(info.ok());
    ASSERT_TRUE(store->ForceUnlock(info->id, false).ok());
  }
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(ResourcesOf(loaded->state), model.resources);
  EXPECT_EQ(PendingOf(*loaded), model.in_flight);

  ResourceState extra = Resource("aws_vpc.after", "vpc-9");
  ASSERT_TRUE(store->recorder()->Begin(Op("aws_vpc.after")).ok());
  ASSERT_TRUE(store->recorder()->Finish(Op("aws_vpc.after"), &extra).ok());
  loaded->state.Put(extra);
  ASSERT_TRUE(store->Save(loaded->state, {"recover", ""}).ok());
  Result<LoadedState> after = store->Load();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  std::map<std::string, std::string> want = model.resources;
  want["aws_vpc.after"] = "vpc-9";
  EXPECT_EQ(ResourcesOf(after->state), want);
  EXPECT_TRUE(after->pending.empty());
}

TEST(StoreTortureTest, CrashAfterEveryStep) {
  std::vector<R::Step> steps = ApplySteps();
  for (size_t k = 0; k <= steps.size(); ++k) {
    MemEnv env;
    ScriptedRun run(&env);
    ASSERT_EQ(run.Run(steps, k), k);
    env.SimulateCrash();
    RecoverAndContinue(&env, run.model(), "crash after step " + std::to_string(k));
  }
}

// The disk fills up after `budget` bytes, at every write boundary and inside every journal
// record (byte by byte through its header, then every 11th byte: JournalCutAtEveryByte covers
// each byte of a record); then the machine crashes, keeping whatever part of the failed
// append reached the disk.
TEST(StoreTortureTest, DiskFullAtEveryWriteThenCrash) {
  std::vector<R::Step> steps = ApplySteps();
  uint64_t budget = 0;
  size_t runs = 0;
  for (;; ++runs) {
    MemEnv env;
    env.FailWritesAfter(budget);
    ScriptedRun run(&env);
    size_t done = run.Run(steps, steps.size());
    uint64_t next_budget = budget + 1;
    if (env.BytesWritten() < budget) {
      // A refused all-or-nothing write fails the same way for every budget up to its end.
      next_budget = env.BytesWritten() + env.LastRefusedWriteSize();
    } else if (Result<std::string> journal = env.ReadFile(kJournal); journal.ok()) {
      size_t partial = journal->size() - (journal->rfind('\n') + 1);  // npos + 1 == 0
      if (partial >= 24) next_budget = budget + 11;
    }
    env.FailWritesAfter(std::nullopt);
    env.SimulateCrash(/*keep_unsynced=*/uint64_t{1} << 20);
    RecoverAndContinue(
        &env, run.model(),
        "disk full after " + std::to_string(budget) + " bytes, step " + std::to_string(done));
    if (::testing::Test::HasFailure()) return;
    if (done == steps.size()) break;  // the whole run fit: every write point was covered
    budget = next_budget;
  }
  EXPECT_GT(budget, 5000u);  // state, history and journal were all written
  EXPECT_GT(runs, 300u);
}

// --- damage to the files of a finished (crashed) run ---

struct JournalFixture {
  MemEnv env;
  std::string journal;
  std::vector<size_t> line_ends;  // offset after each line's '\n'; line 0 is the header
};

// Saves version 1 with aws_vpc.old, then journals: create a, create b, delete old, begin c.
void MakeCrashedRun(JournalFixture* f) {
  ScriptedRun run(&f->env);
  std::vector<R::Step> steps = {R::Lock(),
                                R::Load(),
                                R::Begin("aws_vpc.old"),
                                R::Finish("aws_vpc.old", "vpc-0"),
                                R::Save(),
                                R::Begin("aws_vpc.a"),
                                R::Finish("aws_vpc.a", "vpc-1"),
                                R::Begin("aws_vpc.b"),
                                R::Finish("aws_vpc.b", "vpc-2"),
                                R::Begin("aws_vpc.old", Operation::kDelete),
                                R::Finish("aws_vpc.old", ""),
                                R::Begin("aws_vpc.c")};
  ASSERT_EQ(run.Run(steps, steps.size()), steps.size());
  f->env.SimulateCrash();
  RestartProcess(&f->env);
  f->journal = f->env.ReadFile(kJournal).value();
  for (size_t i = 0; i < f->journal.size(); ++i) {
    if (f->journal[i] == '\n') f->line_ends.push_back(i + 1);
  }
  ASSERT_EQ(f->line_ends.size(), 8u);  // header + 7 records
}

// The expected outcome when only journal lines [1, intact_lines) are intact.
Model ExpectedFromLines(size_t intact_lines) {
  struct Line {
    const char* begin;   // address begun on this line, or null
    const char* finish;  // address finished on this line, or null
    const char* id;      // new id; "" for a delete
  };
  const Line lines[] = {{nullptr, nullptr, nullptr},     {"aws_vpc.a", nullptr, nullptr},
                        {nullptr, "aws_vpc.a", "vpc-1"}, {"aws_vpc.b", nullptr, nullptr},
                        {nullptr, "aws_vpc.b", "vpc-2"}, {"aws_vpc.old", nullptr, nullptr},
                        {nullptr, "aws_vpc.old", ""},    {"aws_vpc.c", nullptr, nullptr}};
  Model m;
  m.resources["aws_vpc.old"] = "vpc-0";
  for (size_t i = 1; i < intact_lines; ++i) {
    if (lines[i].begin) m.in_flight.insert(lines[i].begin);
    if (!lines[i].finish) continue;
    m.in_flight.erase(lines[i].finish);
    if (*lines[i].id) {
      m.resources[lines[i].finish] = lines[i].id;
    } else {
      m.resources.erase(lines[i].finish);
    }
  }
  return m;
}

Result<LoadedState> LoadWithJournal(MemEnv* env, const std::string& journal) {
  EXPECT_TRUE(env->WriteFileAtomic(kJournal, journal).ok());
  return OpenStore(env, kDir)->Load();
}

TEST(StoreTortureTest, JournalCutAtEveryByte) {
  JournalFixture f;
  MakeCrashedRun(&f);
  for (size_t cut = 0; cut <= f.journal.size(); ++cut) {
    SCOPED_TRACE("journal cut at byte " + std::to_string(cut));
    Result<LoadedState> loaded = LoadWithJournal(&f.env, f.journal.substr(0, cut));
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    size_t intact = 0;
    while (intact < f.line_ends.size() && f.line_ends[intact] <= cut) ++intact;
    Model want = ExpectedFromLines(intact);
    EXPECT_EQ(ResourcesOf(loaded->state), want.resources);
    EXPECT_EQ(PendingOf(*loaded), want.in_flight);
    bool torn = cut != 0 && (intact == 0 || f.line_ends[intact - 1] != cut);
    EXPECT_EQ(loaded->warnings.size(), torn ? 1u : 0u);
  }
  // And the next run continues after a cut in the middle of the last record.
  ASSERT_TRUE(f.env.WriteFileAtomic(kJournal, f.journal.substr(0, f.journal.size() - 7)).ok());
  RecoverAndContinue(&f.env, ExpectedFromLines(7), "after a torn last record");
}

TEST(StoreTortureTest, JournalByteFlippedAnywhere) {
  JournalFixture f;
  MakeCrashedRun(&f);
  for (size_t i = 0; i < f.journal.size(); ++i) {
    for (unsigned char bit : {0x01, 0x80}) {
      SCOPED_TRACE("journal byte " + std::to_string(i) + " ^ " + std::to_string(bit));
      std::string damaged = f.journal;
      damaged[i] = static_cast<char>(damaged[i] ^ bit);
      Result<LoadedState> loaded = LoadWithJournal(&f.env, damaged);
      size_t line = 0;
      while (f.line_ends[line] <= i) ++line;
      size_t line_start = line == 0 ? 0 : f.line_ends[line - 1];
      if (i + 1 == f.journal.size()) {  // a whole last record, then a stray byte
        ASSERT_FALSE(loaded.ok());
        EXPECT_NE(loaded.status().message().find("is followed by stray bytes"), std::string::npos);
        continue;
      }
      if (line + 1 == f.line_ends.size()) {  // the last record: read as a torn write
        ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
        Model want = ExpectedFromLines(line);
        EXPECT_EQ(ResourcesOf(loaded->state), want.resources);
        EXPECT_EQ(PendingOf(*loaded), want.in_flight);
        continue;
      }
      ASSERT_FALSE(loaded.ok());
      EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
      EXPECT_NE(loaded.status().message().find("journal /w/.pave/journal: record at byte " +
                                               std::to_string(line_start) + " is "),
                std::string::npos)
          << loaded.status().message();
    }
  }
}

TEST(StoreTortureTest, StateFileCutOrFlippedAnywhereStopsWithAClearError) {
  JournalFixture f;
  MakeCrashedRun(&f);
  std::string state = f.env.ReadFile(kState).value();
  for (size_t cut = 0; cut < state.size(); ++cut) {
    ASSERT_TRUE(f.env.WriteFileAtomic(kState, state.substr(0, cut)).ok());
    Result<LoadedState> loaded = OpenStore(&f.env, kDir)->Load();
    if (cut + 1 == state.size()) {  // only the final newline is gone: still the same document
      ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
      EXPECT_EQ(ResourcesOf(loaded->state), ExpectedFromLines(8).resources);
      continue;
    }
    ASSERT_FALSE(loaded.ok()) << "cut at " << cut;
    EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(
        loaded.status().message().find("the previous version is /w/.pave/history/00000001.json"),
        std::string::npos)
        << loaded.status().message();
  }
  for (size_t i = 0; i < state.size(); ++i) {
    std::string damaged = state;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    ASSERT_TRUE(f.env.WriteFileAtomic(kState, damaged).ok());
    Result<LoadedState> loaded = OpenStore(&f.env, kDir)->Load();
    ASSERT_FALSE(loaded.ok()) << "flip at " << i;
    EXPECT_NE(loaded.status().message().find("state file /w/.pave/state.json: "),
              std::string::npos);
  }
}

TEST(StoreTortureTest, StateFileOlderThanJournalIsDataLoss) {
  MemEnv env;
  ScriptedRun run(&env);
  std::vector<R::Step> steps = {R::Lock(), R::Load(), R::Save(), R::Save(), R::Begin("aws_vpc.a")};
  ASSERT_EQ(run.Run(steps, steps.size()), steps.size());
  ASSERT_TRUE(
      env.WriteFileAtomic(kState, env.ReadFile("/w/.pave/history/00000001.json").value()).ok());
  Result<LoadedState> loaded = OpenStore(&env, kDir)->Load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("the state file was replaced by an older one"),
            std::string::npos);
}

}  // namespace
}  // namespace pave
