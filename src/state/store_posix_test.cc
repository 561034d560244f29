// The local store on the real filesystem (DefaultEnv) in a temporary directory: file modes,
// and the real journal's fsync path.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "state/local_store.h"
#include "state/store_test_util.h"

namespace pave {
namespace {

using state_test::Op;
using state_test::Resource;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pave-state-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 07777);
}

TEST(StorePosixTest, FilesArePrivate) {
  TempDir tmp;
  std::string dir = tmp.path() + "/.pave";
  auto store = LocalStateStore::Open(DefaultEnv(), dir);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto lock = (*store)->Lock("apply");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  Result<LoadedState> loaded = (*store)->Load();
  ASSERT_TRUE(loaded.ok());
  ResourceState vpc = Resource("aws_vpc.main", "vpc-1");
  ASSERT_TRUE((*store)->recorder()->Begin(Op("aws_vpc.main")).ok());
  ASSERT_TRUE((*store)->recorder()->Finish(Op("aws_vpc.main"), &vpc).ok());
  EXPECT_EQ(ModeOf(dir + "/journal"), 0600);
  loaded->state.Put(vpc);
  ASSERT_TRUE((*store)->Save(loaded->state, {"apply", "1 created"}).ok());

  EXPECT_EQ(ModeOf(dir), 0700);
  EXPECT_EQ(ModeOf(dir + "/history"), 0700);
  for (const char* name : {"state.json", "journal", "lock", "history/00000001.json"}) {
    EXPECT_EQ(ModeOf(dir + "/" + name), 0600) << name;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }

  // Another process sees the lock; the same store reads its state back.
  auto other = LocalStateStore::Open(DefaultEnv(), dir);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->Lock("apply").status().code(), StatusCode::kAborted);
  Result<LoadedState> back = (*other)->Load();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->state.serial, 1);
  EXPECT_EQ(back->state.size(), 1u);
  ASSERT_TRUE((*lock)->Release().ok());
  EXPECT_FALSE(std::filesystem::exists(dir + "/lock"));
}

TEST(StorePosixTest, KernelLockConflictsBetweenTwoOpensInOneProcess) {
  TempDir tmp;
  std::string path = tmp.path() + "/lock";
  auto first = DefaultEnv()->LockFile(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(DefaultEnv()->LockFile(path).status().code(), StatusCode::kAborted);
  first->reset();
  EXPECT_TRUE(DefaultEnv()->LockFile(path).ok());
}

// A child takes the state lock and is killed with SIGKILL: its lock file stays, but the next
// run takes the lock without `pave state unlock`.
TEST(StorePosixTest, LockOfAKilledProcessDoesNotBlock) {
  TempDir tmp;
  std::string dir = tmp.path() + "/.pave";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = LocalStateStore::Open(DefaultEnv(), dir);
    auto lock = store.ok() ? (*store)->Lock("apply") : store.status();
    char c = lock.ok() ? 'y' : 'n';
    (void)!::write(ready[1], &c, 1);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ::close(ready[0]);
  ASSERT_EQ(c, 'y');

  auto store = LocalStateStore::Open(DefaultEnv(), dir);
  ASSERT_TRUE(store.ok());
  auto held = (*store)->Lock("plan");
  ASSERT_EQ(held.status().code(), StatusCode::kAborted);
  EXPECT_NE(held.status().message().find("(pid " + std::to_string(child) + ") running apply"),
            std::string::npos)
      << held.status().message();

  ASSERT_EQ(::kill(child, SIGKILL), 0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  EXPECT_TRUE(std::filesystem::exists(dir + "/lock"));
  auto after = (*store)->Lock("plan");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ((*after)->info().pid, static_cast<int>(::getpid()));
}

}  // namespace
}  // namespace pave
