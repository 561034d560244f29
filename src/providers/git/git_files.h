// git_repository_files: the files under one directory of a git repository's branch, written
// by pave as one commit and pushed (the GitOps half of the platform, issue 17).
//
//   repository  any URL git can push to (ssh, https, file://, a path); force-new
//   branch      "main" by default; force-new
//   path        the directory pave owns in it ("clusters/shop"); force-new
//   files       {relative path: content}: exactly what the directory holds after an apply
//   commit      (computed) the commit pave made last
//
// An apply that changes nothing in the directory makes no commit. Others' commits that came
// in meanwhile are rebased under pave's (never forced over); a rebase that conflicts stops
// with an error that says so, and nothing is pushed. The read clones the branch and reads the
// directory back, so an edit made behind pave's back shows in the plan. Delete removes the
// directory in one commit. git runs with no terminal (GIT_TERMINAL_PROMPT=0): credentials come
// from the user's ssh agent, credential helper or deploy key, never from a prompt.
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"

namespace pave {

// `version` goes into the commit messages ("pave 0.9.0: ...").
std::unique_ptr<ResourceType> NewGitFilesType(std::string version);

// Why `path` may not be written inside a repository's directory ("" when it may): not empty,
// relative, no "." / ".." / empty components, nothing under ".git".
std::string BadRepositoryPath(const std::string& path);

}  // namespace pave
