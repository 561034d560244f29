#include "state/lock.h"

#include <gtest/gtest.h>

#include "testing/mem_env.h"

namespace pave {
namespace {

class LockTest : public ::testing::Test {
 protected:
  LockTest() {
    EXPECT_TRUE(env_.CreateDirs("/s").ok());
    env_.SetUserName("alice");
    env_.SetHostName("build-7");
    env_.SetProcessId(1234);
  }
  MemEnv env_;
  const std::string path_ = "/s/lock";
};

TEST_F(LockTest, RecordsOwner) {
  Result<LockInfo> info = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->id.size(), 32u);
  Result<std::string> text = env_.ReadFile(path_);
  ASSERT_TRUE(text.ok());
  Result<LockInfo> back = DecodeLockInfo(*text, path_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, info->id);
  EXPECT_EQ(back->user, "alice");
  EXPECT_EQ(back->host, "build-7");
  EXPECT_EQ(back->pid, 1234);
  EXPECT_EQ(back->operation, "apply");
  EXPECT_EQ(back->created, "2026-11-23T15:00:00Z");
  EXPECT_FALSE(back->pave_version.empty());
  EXPECT_EQ(env_.FileMode(path_), 0600);
}

TEST_F(LockTest, SecondRunIsAbortedWithOwnerAndHowToUnlock) {
  Result<LockInfo> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetProcessId(999);
  env_.SetProcessAlive(1234, true);
  Result<LockInfo> second = AcquireLockFile(&env_, path_, "destroy");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAborted);
  EXPECT_EQ(second.status().message(),
            "state is locked by alice@build-7 (pid 1234) running apply since "
            "2026-11-23T15:00:00Z; if that process is gone, run `pave state unlock " +
                first->id + "`");
}

TEST_F(LockTest, StaleLockIsNamedButNotBrokenAutomatically) {
  ASSERT_TRUE(AcquireLockFile(&env_, path_, "apply").ok());
  env_.SetProcessId(5678);  // the next run; 1234 is gone
  Result<LockInfo> second = AcquireLockFile(&env_, path_, "apply");
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("(that process is gone)"), std::string::npos);
  EXPECT_TRUE(env_.FileExists(path_));
}

TEST_F(LockTest, LockFromAnotherHostNeedsForce) {
  Result<LockInfo> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetHostName("laptop");
  Result<LockInfo> second = AcquireLockFile(&env_, path_, "apply");
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("pave state unlock --force " + first->id),
            std::string::npos);
  Status s = BreakLockFile(&env_, path_, first->id, false);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("on another host"), std::string::npos);
  EXPECT_TRUE(BreakLockFile(&env_, path_, first->id, true).ok());
  EXPECT_FALSE(env_.FileExists(path_));
}

TEST_F(LockTest, UnlockRefusesLiveLockUnlessForced) {
  Result<LockInfo> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetProcessId(5678);
  env_.SetProcessAlive(1234, true);
  Status s = BreakLockFile(&env_, path_, first->id, false);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("still running"), std::string::npos);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(BreakLockFile(&env_, path_, first->id, true).ok());
  EXPECT_FALSE(env_.FileExists(path_));
}

TEST_F(LockTest, UnlockOfStaleLockWithItsId) {
  Result<LockInfo> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetProcessId(5678);
  Status wrong = BreakLockFile(&env_, path_, "0000", false);
  EXPECT_EQ(wrong.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(BreakLockFile(&env_, path_, first->id, false).ok());
  EXPECT_FALSE(env_.FileExists(path_));
  EXPECT_EQ(BreakLockFile(&env_, path_, first->id, false).code(), StatusCode::kNotFound);
  EXPECT_TRUE(AcquireLockFile(&env_, path_, "apply").ok());
}

TEST_F(LockTest, DamagedLockFileIsReportedAndNeedsForce) {
  ASSERT_TRUE(env_.WriteFileAtomic(path_, "{\"id\":").ok());
  Result<LockInfo> second = AcquireLockFile(&env_, path_, "apply");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAborted);
  EXPECT_NE(second.status().message().find("cannot be read"), std::string::npos);
  EXPECT_FALSE(BreakLockFile(&env_, path_, "", false).ok());
  EXPECT_TRUE(BreakLockFile(&env_, path_, "", true).ok());
}

TEST_F(LockTest, ReleaseRemovesOnlyOwnLock) {
  Result<LockInfo> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(BreakLockFile(&env_, path_, first->id, true).ok());
  Result<LockInfo> other = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(other.ok());
  Status s = ReleaseLockFile(&env_, path_, first->id);
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(ReleaseLockFile(&env_, path_, other->id).ok());
  EXPECT_FALSE(env_.FileExists(path_));
  EXPECT_TRUE(ReleaseLockFile(&env_, path_, other->id).ok());
}

TEST_F(LockTest, StateLockReleasesOnceOnDestruction) {
  int releases = 0;
  {
    StateLock lock(LockInfo{"id"}, [&releases] {
      ++releases;
      return Status::Ok();
    });
    EXPECT_TRUE(lock.Release().ok());
    EXPECT_TRUE(lock.Release().ok());
  }
  EXPECT_EQ(releases, 1);
}

}  // namespace
}  // namespace pave
