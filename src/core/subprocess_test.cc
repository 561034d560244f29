#include "core/subprocess.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

TEST(RunProgramTest, CollectsBothStreamsTheExitCodeAndRunsWhereAsked) {
  auto r = RunProgram({"sh", "-c", "pwd; echo oops >&2; echo \"$PAVE_TEST_VAR\"; exit 3"},
                      {.dir = "/tmp", .env = {{"PAVE_TEST_VAR", "given"}}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "/tmp\ngiven\n");
  EXPECT_EQ(r->err, "oops\n");
}

TEST(RunProgramTest, ABigOutputOnBothStreamsDoesNotStall) {
  // More than a pipe holds on each stream: read concurrently, or the child blocks forever.
  auto r = RunProgram({"sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out.size(), 300000u);
  EXPECT_EQ(r->err.size(), 300000u);
}

TEST(RunProgramTest, StdinIsEmptyAndAMissingProgramIsNotFound) {
  auto r = RunProgram({"cat"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out, "");
  auto missing = RunProgram({"pave-no-such-program"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pave
