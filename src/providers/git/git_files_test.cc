// git_repository_files against real repositories: a bare repository in a scratch directory is
// the remote, and git itself (an independent client) reads what was pushed.
#include "providers/git/git_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/subprocess.h"

namespace pave {
namespace {

namespace fs = std::filesystem;

class GitFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "pave-git-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    remote_ = dir_ + "/remote.git";
    ASSERT_EQ(Run({"git", "init", "--quiet", "--bare", "--initial-branch=main", remote_}), "");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs a command; its stdout, or a failure of the test.
  std::string Run(const std::vector<std::string>& argv, const std::string& dir = "") {
    auto r = RunProgram(argv, {.dir = dir,
                               .env = {{"GIT_AUTHOR_NAME", "a"}, {"GIT_AUTHOR_EMAIL", "a@x"},
                                       {"GIT_COMMITTER_NAME", "a"}, {"GIT_COMMITTER_EMAIL", "a@x"}}});
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << argv[0] << " " << argv[1] << ": " << (r.ok() ? r->err : "");
    return r.ok() ? r->out : "";
  }
  std::string Log() { return Run({"git", "--git-dir", remote_, "log", "--format=%s", "main"}); }
  std::string Show(const std::string& file) { return Run({"git", "--git-dir", remote_, "show", "main:" + file}); }
  // Another user's clone, with `file` written and pushed.
  void TheyPush(const std::string& file, const std::string& content) {
    std::string clone = dir_ + "/theirs";
    fs::remove_all(clone);
    Run({"git", "clone", "--quiet", remote_, clone});
    fs::create_directories(fs::path(clone + "/" + file).parent_path());
    std::ofstream(clone + "/" + file) << content;
    Run({"git", "add", "--all"}, clone);
    Run({"git", "commit", "--quiet", "-m", "theirs: " + file}, clone);
    Run({"git", "push", "--quiet", "origin", "HEAD:main"}, clone);
  }
  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"git_repository_files", "gitops"};
    ctx.platform = "shop";
    ctx.lineage = "lineage-1";
    return ctx;
  }
  Value Desired(Value files) const {
    return {{"repository", remote_}, {"branch", "main"}, {"path", "clusters/shop"}, {"files", std::move(files)}};
  }
  std::optional<Value> ReadBack(const Value& prior) {
    auto got = type_->Read({ReadRequest{.address = {"git_repository_files", "gitops"}, .prior = prior}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? (*got)[0] : std::nullopt;
  }

  std::string dir_, remote_;
  std::unique_ptr<ResourceType> type_ = NewGitFilesType("1.2.3");
};

TEST_F(GitFilesTest, WritesOneCommitReadsBackAndCommitsNothingWhenNothingChanged) {
  Value files = {{"kustomization.yaml", "resources: [root.yaml]\n"}, {"addons/dns.yaml", "kind: Application\n"}};
  auto made = type_->Create(Ctx(), Desired(files));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(Show("clusters/shop/addons/dns.yaml"), "kind: Application\n");
  EXPECT_EQ(Log(), "pave 1.2.3: write clusters/shop/ of shop\n");
  EXPECT_EQ((*made)["commit"].get<std::string>() + "\n", Run({"git", "--git-dir", remote_, "rev-parse", "main"}));
  std::optional<Value> read = ReadBack(*made);
  ASSERT_TRUE(read);
  EXPECT_EQ((*read)["files"], files);

  auto again = type_->Update(Ctx(), *made, Desired(files));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Log(), "pave 1.2.3: write clusters/shop/ of shop\n") << "no change, no commit";
  EXPECT_EQ((*again)["commit"], (*made)["commit"]);
}

TEST_F(GitFilesTest, OthersFilesStayEditsInsideShowAndDeleteRemovesOnlyTheDirectory) {
  TheyPush("README.md", "ours too\n");
  auto made = type_->Create(Ctx(), Desired({{"a.yaml", "a: 1\n"}, {"b.yaml", "b: 1\n"}}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(Show("README.md"), "ours too\n");
  TheyPush("clusters/shop/a.yaml", "a: 2\n");  // behind pave's back
  EXPECT_EQ((*ReadBack(*made))["files"]["a.yaml"], "a: 2\n") << "the plan shows the edit";
  // One file fewer: the directory holds exactly the desired files; their edit is overwritten.
  auto updated = type_->Update(Ctx(), *made, Desired({{"a.yaml", "a: 1\n"}}));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(Run({"git", "--git-dir", remote_, "ls-tree", "-r", "--name-only", "main"}),
            "README.md\nclusters/shop/a.yaml\n");
  ASSERT_TRUE(type_->Delete(Ctx(), *updated).ok());
  EXPECT_EQ(Run({"git", "--git-dir", remote_, "ls-tree", "-r", "--name-only", "main"}), "README.md\n");
  EXPECT_EQ(Log().substr(0, Log().find('\n')), "pave 1.2.3: remove clusters/shop/ of shop");
  EXPECT_FALSE(ReadBack(*updated)) << "gone once the directory is";
}

// Someone pushes between pave's clone and its push: a `git` ahead of the real one on PATH pushes
// their commit first, on pave's first push only.
class GitFilesRaceTest : public GitFilesTest {
 protected:
  void SetUp() override {
    GitFilesTest::SetUp();
    std::string bin = dir_ + "/bin";
    fs::create_directories(bin);
    std::ofstream(bin + "/git") << "#!/bin/sh\n"
                                   "if [ \"$1\" = push ] && [ ! -e \"$PAVE_RACE_MARKER\" ]; then\n"
                                   "  touch \"$PAVE_RACE_MARKER\"; sh \"$PAVE_RACE_SCRIPT\" >/dev/null 2>&1\n"
                                   "fi\n"
                                   "exec " + real_git_ + " \"$@\"\n";
    fs::permissions(bin + "/git", fs::perms::owner_all);
    old_path_ = ::getenv("PATH");
    ::setenv("PATH", (bin + ":" + old_path_).c_str(), 1);
    ::setenv("PAVE_RACE_MARKER", (dir_ + "/raced").c_str(), 1);
    ::setenv("PAVE_RACE_SCRIPT", (dir_ + "/race.sh").c_str(), 1);
  }
  void TearDown() override {
    ::setenv("PATH", old_path_.c_str(), 1);
    ::unsetenv("PAVE_RACE_MARKER");
    ::unsetenv("PAVE_RACE_SCRIPT");
    GitFilesTest::TearDown();
  }
  // Their push, run by the wrapper: `file` with `content`.
  void TheyWillPush(const std::string& file, const std::string& content) {
    std::string g = real_git_ + " -c user.name=t -c user.email=t@x";
    std::ofstream(dir_ + "/race.sh") << "set -e\nrm -rf '" << dir_ << "/racer'\n"
                                     << g << " clone --quiet '" << remote_ << "' '" << dir_ << "/racer'\n"
                                     << "cd '" << dir_ << "/racer'\nmkdir -p \"$(dirname '" << file << "')\"\n"
                                     << "printf '" << content << "' > '" << file << "'\n"
                                     << g << " add --all\n" << g << " commit --quiet -m 'theirs: " << file << "'\n"
                                     << g << " push --quiet origin HEAD:main\n";
  }
  std::string real_git_ = "/usr/bin/git";
  std::string old_path_;
};

TEST_F(GitFilesRaceTest, OthersCommitPushedMeanwhileIsRebasedUnderPavesNeverForced) {
  auto made = type_->Create(Ctx(), Desired({{"a.yaml", "a: 1\n"}}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  TheyWillPush("docs/theirs.md", "theirs\n");
  ::unlink((dir_ + "/raced").c_str());
  auto updated = type_->Update(Ctx(), *made, Desired({{"a.yaml", "a: 2\n"}}));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_TRUE(fs::exists(dir_ + "/raced")) << "the race happened";
  EXPECT_EQ(Log(), "pave 1.2.3: write clusters/shop/ of shop\ntheirs: docs/theirs.md\n"
                   "pave 1.2.3: write clusters/shop/ of shop\n");
  EXPECT_EQ(Show("docs/theirs.md"), "theirs\n");
  EXPECT_EQ(Show("clusters/shop/a.yaml"), "a: 2\n");
}

TEST_F(GitFilesRaceTest, AConflictingCommitStopsTheApplyAndNothingIsPushed) {
  auto made = type_->Create(Ctx(), Desired({{"a.yaml", "a: 1\n"}}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  TheyWillPush("clusters/shop/a.yaml", "a: theirs\n");
  ::unlink((dir_ + "/raced").c_str());
  auto updated = type_->Update(Ctx(), *made, Desired({{"a.yaml", "a: 2\n"}}));
  ASSERT_FALSE(updated.ok());
  EXPECT_NE(updated.status().message().find("conflict with pave's files under clusters/shop/"), std::string::npos)
      << updated.status().ToString();
  EXPECT_EQ(Show("clusters/shop/a.yaml"), "a: theirs\n") << "theirs stays; nothing forced";
  EXPECT_EQ(Log(), "theirs: clusters/shop/a.yaml\npave 1.2.3: write clusters/shop/ of shop\n");
}

TEST_F(GitFilesTest, PathsThatWouldLeaveTheDirectoryAreRefused) {
  EXPECT_EQ(BadRepositoryPath("addons/dns.yaml"), "");
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", ".git/config", "a//b", "./a"}) {
    EXPECT_NE(BadRepositoryPath(bad), "") << bad;
  }
  auto problems = type_->CheckProperties(Desired({{"../escape.yaml", "x"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].attribute, "files");
  Value outside = Desired({{"a.yaml", "x"}});
  outside["path"] = "../elsewhere";
  EXPECT_EQ(type_->Create(Ctx(), outside).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Run({"git", "--git-dir", remote_, "rev-list", "--all"}), "") << "nothing was pushed";
}

}  // namespace
}  // namespace pave
