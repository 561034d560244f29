// The local store on the real filesystem (DefaultEnv) in a temporary directory: file modes,
// and the real journal's fsync path.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

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

}  // namespace
}  // namespace pave
