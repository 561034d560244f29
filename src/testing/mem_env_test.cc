#include "testing/mem_env.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

TEST(MemEnvTest, FilesNeedTheirDirectory) {
  MemEnv env;
  EXPECT_EQ(env.WriteFileAtomic("/d/f", "x").code(), StatusCode::kNotFound);
  ASSERT_TRUE(env.CreateDirs("/d/e", 0700).ok());
  EXPECT_EQ(env.DirMode("/d"), 0700);
  ASSERT_TRUE(env.WriteFileAtomic("/d/f", "x", 0640).ok());
  EXPECT_EQ(env.ReadFile("/d/f").value(), "x");
  EXPECT_EQ(env.FileMode("/d/f"), 0640);
  EXPECT_EQ(env.ListDir("/d").value(), (std::vector<std::string>{"e", "f"}));
  EXPECT_EQ(env.ReadFile("/d/g").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env.ListDir("/nope").status().code(), StatusCode::kNotFound);
}

TEST(MemEnvTest, CrashDropsUnsyncedAppends) {
  MemEnv env;
  auto f = env.OpenAppend("/j");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append("synced;").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Append("lost").ok());
  EXPECT_EQ(env.ReadFile("/j").value(), "synced;lost");  // the page cache sees it
  EXPECT_EQ(env.SyncedSize("/j"), 7u);
  env.SimulateCrash();
  EXPECT_EQ(env.ReadFile("/j").value(), "synced;");
  EXPECT_FALSE((*f)->Append("after").ok());  // the process that held it is gone
}

TEST(MemEnvTest, CrashCanTearAnAppend) {
  MemEnv env;
  auto f = env.OpenAppend("/j");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append("abcdef").ok());
  env.SimulateCrash(2);
  EXPECT_EQ(env.ReadFile("/j").value(), "ab");
}

TEST(MemEnvTest, AtomicWriteIsAllOrNothingAndAppendFollowsItsInode) {
  MemEnv env;
  auto f = env.OpenAppend("/j");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(env.WriteFileAtomic("/j", "new").ok());
  ASSERT_TRUE((*f)->Append("old inode").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  env.SimulateCrash();
  EXPECT_EQ(env.ReadFile("/j").value(), "new");
}

TEST(MemEnvTest, FullDisk) {
  MemEnv env;
  env.FailWritesAfter(5);
  auto f = env.OpenAppend("/j");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->Append("abc").code(), StatusCode::kOk);
  EXPECT_EQ((*f)->Append("defg").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(env.ReadFile("/j").value(), "abcde");  // a partial write
  EXPECT_EQ(env.WriteFileAtomic("/k", "x").code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(env.FileExists("/k"));
  env.FailWritesAfter(std::nullopt);
  EXPECT_TRUE(env.WriteFileAtomic("/k", "x").ok());
}

TEST(MemEnvTest, ExclusiveCreateTruncateRemove) {
  MemEnv env;
  ASSERT_TRUE(env.CreateFileExclusive("/l", "a").ok());
  EXPECT_EQ(env.CreateFileExclusive("/l", "b").code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(env.WriteFileAtomic("/t", "abcdef").ok());
  ASSERT_TRUE(env.Truncate("/t", 2).ok());
  EXPECT_EQ(env.ReadFile("/t").value(), "ab");
  ASSERT_TRUE(env.RemoveFile("/l").ok());
  EXPECT_EQ(env.RemoveFile("/l").code(), StatusCode::kNotFound);
}

TEST(MemEnvTest, ClockEnvironmentAndProcesses) {
  MemEnv env;
  auto start = env.Now();
  auto mono = env.MonotonicNow();
  env.SleepFor(std::chrono::seconds(3));
  EXPECT_EQ(env.Now() - start, std::chrono::seconds(3));
  EXPECT_EQ(env.MonotonicNow() - mono, std::chrono::seconds(3));
  EXPECT_FALSE(env.GetEnv("AWS_REGION"));
  env.SetEnv("AWS_REGION", "eu-north-1");
  EXPECT_EQ(env.GetEnv("AWS_REGION"), "eu-north-1");
  env.UnsetEnv("AWS_REGION");
  EXPECT_FALSE(env.GetEnv("AWS_REGION"));
  EXPECT_TRUE(env.ProcessAlive(env.ProcessId()));
  EXPECT_FALSE(env.ProcessAlive(77));
  env.SetProcessAlive(77, true);
  EXPECT_TRUE(env.ProcessAlive(77));
  unsigned char a[8], b[8];
  ASSERT_TRUE(env.RandomBytes(a, sizeof a).ok());
  ASSERT_TRUE(env.RandomBytes(b, sizeof b).ok());
  EXPECT_NE(std::string(a, a + 8), std::string(b, b + 8));
}

}  // namespace
}  // namespace pave
