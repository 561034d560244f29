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
  // The process that took a lock dies: the kernel drops its locks.
  void Die() {
    env_.SimulateCrash();
    env_.SetProcessAlive(env_.ProcessId(), false);
    env_.SetProcessId(env_.ProcessId() + 1);
  }
  MemEnv env_;
  const std::string path_ = "/s/lock";
};

TEST_F(LockTest, RecordsOwner) {
  Result<HeldLockFile> held = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(held->info.id.size(), 32u);
  Result<std::string> text = env_.ReadFile(path_);
  ASSERT_TRUE(text.ok());
  Result<LockInfo> back = DecodeLockInfo(*text, path_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, held->info.id);
  EXPECT_EQ(back->user, "alice");
  EXPECT_EQ(back->host, "build-7");
  EXPECT_EQ(back->pid, 1234);
  EXPECT_EQ(back->operation, "apply");
  EXPECT_EQ(back->created, "2026-11-23T15:00:00Z");
  EXPECT_FALSE(back->pave_version.empty());
  EXPECT_EQ(env_.FileMode(path_), 0600);
}

TEST_F(LockTest, SecondRunIsAbortedWhileTheHolderLives) {
  Result<HeldLockFile> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetProcessId(999);
  Result<HeldLockFile> second = AcquireLockFile(&env_, path_, "destroy");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAborted);
  EXPECT_EQ(second.status().message(),
            "state is locked by alice@build-7 (pid 1234) running apply since "
            "2026-11-23T15:00:00Z: wait for that run to end (the lock goes with its process)");
  first->file.reset();  // the holder ends: its lock goes
  EXPECT_TRUE(AcquireLockFile(&env_, path_, "destroy").ok());
}

TEST_F(LockTest, RecordOfADeadProcessDoesNotBlock) {
  Result<HeldLockFile> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  Die();
  EXPECT_TRUE(env_.FileExists(path_));  // kill -9 leaves the file behind
  Result<HeldLockFile> second = AcquireLockFile(&env_, path_, "plan");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Result<LockInfo> back = DecodeLockInfo(env_.ReadFile(path_).value(), path_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, second->info.id);
  EXPECT_EQ(back->pid, 1235);
  EXPECT_EQ(back->operation, "plan");
}

TEST_F(LockTest, DamagedRecordWithoutHolderDoesNotBlock) {
  ASSERT_TRUE(env_.WriteFileAtomic(path_, "{\"id\":").ok());
  EXPECT_TRUE(AcquireLockFile(&env_, path_, "apply").ok());
}

TEST_F(LockTest, HolderWithUnreadableRecordIsStillAHolder) {
  Result<std::unique_ptr<LockedFile>> raw = env_.LockFile(path_);
  ASSERT_TRUE(raw.ok());
  Result<HeldLockFile> second = AcquireLockFile(&env_, path_, "apply");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAborted);
  EXPECT_NE(second.status().message().find("owner record cannot be read"), std::string::npos);
}

TEST_F(LockTest, FullDiskLeavesNoLockFile) {
  env_.FailWritesAfter(3);
  Result<HeldLockFile> held = AcquireLockFile(&env_, path_, "apply");
  EXPECT_EQ(held.status().code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(env_.FileExists(path_));
}

TEST_F(LockTest, UnlockRefusesLiveLockUnlessForced) {
  Result<HeldLockFile> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  env_.SetProcessId(5678);
  Status s = BreakLockFile(&env_, path_, first->info.id, false);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("still running"), std::string::npos);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(BreakLockFile(&env_, path_, first->info.id, true).ok());
  EXPECT_FALSE(env_.FileExists(path_));
}

TEST_F(LockTest, UnlockOfDeadLockWithItsId) {
  Result<HeldLockFile> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  Die();
  Status wrong = BreakLockFile(&env_, path_, "0000", false);
  EXPECT_EQ(wrong.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(BreakLockFile(&env_, path_, first->info.id, false).ok());
  EXPECT_FALSE(env_.FileExists(path_));
  EXPECT_EQ(BreakLockFile(&env_, path_, first->info.id, false).code(), StatusCode::kNotFound);
  EXPECT_TRUE(AcquireLockFile(&env_, path_, "apply").ok());
}

TEST_F(LockTest, DamagedLockFileNeedsForceToRemove) {
  ASSERT_TRUE(env_.WriteFileAtomic(path_, "{\"id\":").ok());
  EXPECT_FALSE(BreakLockFile(&env_, path_, "", false).ok());
  EXPECT_TRUE(BreakLockFile(&env_, path_, "", true).ok());
}

TEST_F(LockTest, ReleaseRemovesOnlyOwnLock) {
  Result<HeldLockFile> first = AcquireLockFile(&env_, path_, "apply");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(BreakLockFile(&env_, path_, first->info.id, true).ok());
  Result<HeldLockFile> other = AcquireLockFile(&env_, path_, "apply");  // a new file
  ASSERT_TRUE(other.ok());
  Status s = ReleaseLockFile(&env_, path_, first->info.id);
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_TRUE(env_.FileExists(path_));
  EXPECT_TRUE(ReleaseLockFile(&env_, path_, other->info.id).ok());
  EXPECT_FALSE(env_.FileExists(path_));
  EXPECT_TRUE(ReleaseLockFile(&env_, path_, other->info.id).ok());
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
