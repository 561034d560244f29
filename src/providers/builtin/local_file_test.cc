#include "providers/builtin/local_file.h"

#include <gtest/gtest.h>

#include "core/hash.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

OperationContext Ctx() {
  OperationContext ctx;
  ctx.address = ResourceAddress{"local_file", "f"};
  return ctx;
}

Value Desired(const std::string& path, const std::string& content,
              const std::string& permission = "0644") {
  return Value{{"path", path}, {"content", content}, {"file_permission", permission}};
}

TEST(LocalFile, CreateWritesTheFileWithItsModeAndParents) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto out = type->Create(Ctx(), Desired("/work/out/a.txt", "hello\n", "0600"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto content = env.ReadFile("/work/out/a.txt");
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "hello\n");
  EXPECT_EQ(env.FileMode("/work/out/a.txt"), 0600);
  EXPECT_EQ((*out)["id"], "/work/out/a.txt");
  EXPECT_EQ((*out)["sha256"], Sha256Hex("hello\n"));
  EXPECT_EQ((*out)["file_permission"], "0600");
}

TEST(LocalFile, DefaultPermissionIs0644) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto out = type->Create(Ctx(), Value{{"path", "a.txt"}, {"content", "x"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(env.FileMode("a.txt"), 0644);
  EXPECT_EQ((*out)["file_permission"], "0644");
}

TEST(LocalFile, ReadReportsGoneFilesAndContentChangedOutside) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto a = type->Create(Ctx(), Desired("a.txt", "one"));
  auto b = type->Create(Ctx(), Desired("b.txt", "two"));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(env.RemoveFile("a.txt").ok());
  ASSERT_TRUE(env.WriteFileAtomic("b.txt", "edited").ok());
  auto read = type->Read({ReadRequest{ResourceAddress{"local_file", "a"}, *a},
                          ReadRequest{ResourceAddress{"local_file", "b"}, *b}});
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_FALSE((*read)[0].has_value());
  ASSERT_TRUE((*read)[1].has_value());
  EXPECT_EQ((*(*read)[1])["content"], "edited");
  EXPECT_EQ((*(*read)[1])["sha256"], Sha256Hex("edited"));
  EXPECT_EQ((*(*read)[1])["path"], "b.txt");
}

TEST(LocalFile, UpdateChangesThePermission) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto created = type->Create(Ctx(), Desired("a.sh", "echo hi", "0644"));
  ASSERT_TRUE(created.ok());
  auto updated = type->Update(Ctx(), *created, Desired("a.sh", "echo hi", "0755"));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(env.FileMode("a.sh"), 0755);
  EXPECT_EQ((*updated)["file_permission"], "0755");
  EXPECT_EQ(*env.ReadFile("a.sh"), "echo hi");
}

TEST(LocalFile, DeleteRemovesAndToleratesAFileAlreadyGone) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto created = type->Create(Ctx(), Desired("a.txt", "x"));
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(type->Delete(Ctx(), *created).ok());
  EXPECT_FALSE(env.FileExists("a.txt"));
  EXPECT_TRUE(type->Delete(Ctx(), *created).ok());
}

TEST(LocalFile, FindAdoptsOnlyAFileWithTheDesiredContent) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  auto none = type->Find(Ctx(), Desired("a.txt", "x"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(env.WriteFileAtomic("a.txt", "x").ok());
  auto found = type->Find(Ctx(), Desired("a.txt", "x"));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((**found)["sha256"], Sha256Hex("x"));
  auto other = type->Find(Ctx(), Desired("a.txt", "y"));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST(LocalFile, BadPermissionsAndPathsAreInvalidArguments) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  for (const char* perm : {"644x", "0888", "12", "07777777", ""}) {
    auto out = type->Create(Ctx(), Desired("a.txt", "x", perm));
    ASSERT_FALSE(out.ok()) << perm;
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_FALSE(type->Create(Ctx(), Desired("", "x")).ok());
  EXPECT_FALSE(env.FileExists("a.txt"));
}

TEST(LocalFile, WriteFailuresAreReported) {
  MemEnv env;
  auto type = NewLocalFileType(&env);
  env.FailWritesAfter(2);
  auto out = type->Create(Ctx(), Desired("a.txt", "more than two bytes"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kResourceExhausted);
}

TEST(ParseFilePermission, OctalModes) {
  EXPECT_EQ(ParseFilePermission("0644"), 0644);
  EXPECT_EQ(ParseFilePermission("755"), 0755);
  EXPECT_EQ(ParseFilePermission("4755"), 04755);
  EXPECT_EQ(ParseFilePermission("0800"), std::nullopt);
  EXPECT_EQ(ParseFilePermission("rw-r--r--"), std::nullopt);
}

}  // namespace
}  // namespace pave
