#include "providers/git/git_files.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/subprocess.h"

namespace pave {
namespace {

namespace fs = std::filesystem;

ResourceSchema GitFilesSchema() {
  ResourceSchema s;
  s.type = "git_repository_files";
  s.description = "the files under a directory of a git repository's branch, committed and pushed by pave";
  s.typical_create = std::chrono::milliseconds(2000);
  s.attributes = {
      {.name = "repository", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "the repository's URL (ssh, https, file://) or path"},
      {.name = "branch", .type = AttrType::kString, .force_new = true, .description = "the branch pave commits to",
       .default_value = Value("main")},
      {.name = "path", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "the directory pave owns in the repository"},
      {.name = "files", .type = AttrType::kMap, .required = true,
       .description = "relative path -> content: all the directory holds"},
      {.name = "commit", .type = AttrType::kString, .computed = true, .description = "the commit pave made last"},
  };
  return s;
}

struct Target {
  std::string repository, branch, path;
};

Result<Target> TargetOf(const Value& v) {
  Target t{v.value("repository", ""), v.value("branch", "main"), v.value("path", "")};
  while (!t.path.empty() && t.path.back() == '/') t.path.pop_back();
  if (t.repository.empty()) return Status::InvalidArgument("git_repository_files: repository is empty");
  if (t.branch.empty() || t.branch.find("..") != std::string::npos || t.branch[0] == '-') {
    return Status::InvalidArgument("git_repository_files: \"" + t.branch + "\" is not a branch name");
  }
  if (std::string why = BadRepositoryPath(t.path); !why.empty()) {
    return Status::InvalidArgument("git_repository_files: path \"" + t.path + "\": " + why);
  }
  return t;
}

// A scratch directory, removed with everything in it when this goes away.
class ScratchDir {
 public:
  static Result<std::unique_ptr<ScratchDir>> Make() {
    std::string pattern = (fs::temp_directory_path() / "pave-git-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return Status::Internal("cannot make a scratch directory for git");
    return std::unique_ptr<ScratchDir>(new ScratchDir(pattern));
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// One git command in `dir`; `what` names the step in errors.
Result<ProgramResult> Git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  return RunProgram(args, {.dir = dir, .env = {{"GIT_TERMINAL_PROMPT", "0"}, {"LC_ALL", "C"}}});
}

Status GitOk(const std::string& dir, std::vector<std::string> args, const std::string& what) {
  ASSIGN_OR_RETURN(ProgramResult r, Git(dir, args));
  if (r.exit_code != 0) return Status::FailedPrecondition("git " + what + " failed: " + r.err);
  return Status::Ok();
}

// Clones the branch into `dir`/w. False when the branch (or the whole repository's history)
// does not exist yet.
Result<bool> Clone(const Target& t, const std::string& dir, bool shallow) {
  std::vector<std::string> args = {"clone", "--quiet", "--single-branch", "--no-tags", "--branch", t.branch};
  if (shallow) args.insert(args.end(), {"--depth", "1"});
  args.insert(args.end(), {"--", t.repository, "w"});
  ASSIGN_OR_RETURN(ProgramResult r, Git(dir, args));
  if (r.exit_code == 0) return true;
  if (r.err.find("not found in upstream") != std::string::npos) return false;
  return Status::Unavailable("git clone of " + t.repository + " (branch " + t.branch + ") failed: " + r.err);
}

Result<Value> ReadFiles(const std::string& root) {
  Value files = Value::object();
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    files[fs::relative(it->path(), root).generic_string()] = content.str();
  }
  if (ec) return Status::Internal("reading " + root + ": " + ec.message());
  return files;
}

class GitFilesType : public ResourceType {
 public:
  explicit GitFilesType(std::string version) : version_(std::move(version)), schema_(GitFilesSchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
    std::vector<PropertyProblem> problems;
    const Value files = properties.value("files", Value::object());
    for (const auto& [name, content] : files.items()) {
      if (std::string why = BadRepositoryPath(name); !why.empty()) {
        problems.push_back({"files", "file \"" + name + "\": " + why});
      } else if (!content.is_string()) {
        problems.push_back({"files", "file \"" + name + "\": the content must be a string"});
      }
    }
    return problems;
  }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override { return Write(ctx, desired); }
  Result<Value> Update(const OperationContext& ctx, const Value&, const Value& desired) override {
    return Write(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    Value none = prior;
    none["files"] = Value::object();
    return Write(ctx, none).status();
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(Target t, TargetOf(r.prior));
      ASSIGN_OR_RETURN(auto scratch, ScratchDir::Make());
      ASSIGN_OR_RETURN(bool exists, Clone(t, scratch->path(), /*shallow=*/true));
      const std::string root = scratch->path() + "/w/" + t.path;
      if (!exists || !fs::is_directory(root)) {
        out.emplace_back();
        continue;
      }
      ASSIGN_OR_RETURN(Value files, ReadFiles(root));
      if (files.empty()) {
        out.emplace_back();
        continue;
      }
      Value attrs = r.prior;
      attrs["files"] = std::move(files);
      out.push_back(std::move(attrs));
    }
    return out;
  }

  // A create whose push answer was lost: the directory holding exactly the desired files is
  // what it made.
  Result<std::optional<Value>> Find(const OperationContext&, const Value& desired) override {
    ASSIGN_OR_RETURN(Target t, TargetOf(desired));
    ASSIGN_OR_RETURN(std::vector<std::optional<Value>> got,
                     Read({ReadRequest{.address = {}, .prior = Attributes(t, desired, "")}}));
    if (!got[0] || (*got[0])["files"] != desired.value("files", Value::object())) return std::optional<Value>();
    return got[0];
  }

 private:
  static Value Attributes(const Target& t, const Value& desired, const std::string& commit) {
    return {{"id", t.repository + "#" + t.branch + ":" + t.path},
            {"repository", t.repository},
            {"branch", t.branch},
            {"path", t.path},
            {"files", desired.value("files", Value::object())},
            {"commit", commit}};
  }

  Result<Value> Write(const OperationContext& ctx, const Value& desired) {
    ASSIGN_OR_RETURN(Target t, TargetOf(desired));
    const Value files = desired.value("files", Value::object());
    ASSIGN_OR_RETURN(auto scratch, ScratchDir::Make());
    const std::string w = scratch->path() + "/w";
    ASSIGN_OR_RETURN(bool exists, Clone(t, scratch->path(), /*shallow=*/false));
    if (!exists) {
      if (files.empty()) return Attributes(t, desired, desired.value("commit", ""));  // nothing to remove
      RETURN_IF_ERROR(GitOk(scratch->path(), {"init", "--quiet", "w"}, "init"));
      RETURN_IF_ERROR(GitOk(w, {"remote", "add", "origin", t.repository}, "remote add"));
      RETURN_IF_ERROR(GitOk(w, {"checkout", "--quiet", "--orphan", t.branch}, "checkout"));
    }
    // The directory holds exactly `files`.
    std::error_code ec;
    fs::remove_all(w + "/" + t.path, ec);
    for (const auto& [name, content] : files.items()) {
      if (std::string why = BadRepositoryPath(name); !why.empty()) {
        return Status::InvalidArgument("git_repository_files: file \"" + name + "\": " + why);
      }
      fs::path file = fs::path(w) / t.path / name;
      fs::create_directories(file.parent_path(), ec);
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << (content.is_string() ? content.get<std::string>() : content.dump());
      if (!out) return Status::Internal("cannot write " + file.string());
    }
    RETURN_IF_ERROR(GitOk(w, {"add", "--all", "--", t.path.empty() ? "." : t.path}, "add"));
    ASSIGN_OR_RETURN(ProgramResult staged, Git(w, {"diff", "--cached", "--quiet"}));
    if (staged.exit_code == 0) {  // nothing changed: no commit
      ASSIGN_OR_RETURN(ProgramResult head, Git(w, {"rev-parse", "HEAD"}));
      std::string commit = head.exit_code == 0 ? head.out.substr(0, head.out.find('\n')) : "";
      return Attributes(t, desired, desired.value("commit", "").empty() ? commit : desired.value("commit", ""));
    }
    std::vector<std::string> commit = {"commit", "--quiet", "-m", Message(ctx, t, files)};
    ASSIGN_OR_RETURN(ProgramResult who, Git(w, {"config", "user.email"}));
    if (who.exit_code != 0) commit.insert(commit.begin(), {"-c", "user.name=pave", "-c", "user.email=pave@localhost"});
    RETURN_IF_ERROR(GitOk(w, commit, "commit"));
    RETURN_IF_ERROR(Push(ctx, t, w));
    ASSIGN_OR_RETURN(ProgramResult head, Git(w, {"rev-parse", "HEAD"}));
    return Attributes(t, desired, head.out.substr(0, head.out.find('\n')));
  }

  std::string Message(const OperationContext& ctx, const Target& t, const Value& files) const {
    std::string subject = "pave " + version_ + ": " + (files.empty() ? "remove " : "write ") +
                          (t.path.empty() ? "the repository's files" : t.path + "/") + " of " + ctx.platform;
    return subject + "\n\nWritten by pave " + version_ + " from the platform file (" + ctx.address.ToString() +
           "; state serial " + std::to_string(ctx.state_serial) + ", lineage " + ctx.lineage + ").\nEdits under " +
           (t.path.empty() ? "this branch" : t.path + "/") + " are overwritten by the next pave apply.\n";
  }

  // Pushes; when others pushed meanwhile, rebases pave's commit onto theirs and pushes again
  // (three times at most). Never forces.
  Status Push(const OperationContext& ctx, const Target& t, const std::string& w) {
    for (int attempt = 1;; ++attempt) {
      ASSIGN_OR_RETURN(ProgramResult push, Git(w, {"push", "--quiet", "origin", "HEAD:refs/heads/" + t.branch}));
      if (push.exit_code == 0) return Status::Ok();
      bool behind = push.err.find("rejected") != std::string::npos || push.err.find("fetch first") != std::string::npos;
      if (!behind || attempt >= 3) {
        return Status::Unavailable("git push to " + t.repository + " (branch " + t.branch + ") failed: " + push.err);
      }
      ctx.Progress("the branch moved: rebasing pave's commit onto it");
      ASSIGN_OR_RETURN(ProgramResult pull, Git(w, {"pull", "--quiet", "--rebase", "origin", t.branch}));
      if (pull.exit_code != 0) {
        (void)Git(w, {"rebase", "--abort"});
        return Status::FailedPrecondition("others' commits on " + t.repository + " branch " + t.branch +
                                          " conflict with pave's files under " + t.path +
                                          "/: nothing was pushed; settle it in the repository, then apply again (" +
                                          pull.err + ")");
      }
    }
  }

  std::string version_;
  ResourceSchema schema_;
};

}  // namespace

std::string BadRepositoryPath(const std::string& path) {
  if (path.empty()) return "is empty";
  if (path[0] == '/') return "must be relative";
  std::stringstream parts(path);
  for (std::string part; std::getline(parts, part, '/');) {
    if (part.empty() || part == "." || part == "..") return "has an empty, \".\" or \"..\" component";
    if (part == ".git") return "is inside .git";
  }
  return "";
}

std::unique_ptr<ResourceType> NewGitFilesType(std::string version) {
  return std::make_unique<GitFilesType>(std::move(version));
}

}  // namespace pave
