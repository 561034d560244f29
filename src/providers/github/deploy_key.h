// github_deploy_key: a public SSH key registered on a GitHub repository as a deploy key
// (GitHub REST API, "Deploy keys": POST/GET/DELETE /repos/{owner}/{repo}/keys[/{id}]).
//
//   repository  "owner/name"; force-new
//   title       how GitHub lists it; force-new
//   key         the public key ("ssh-ed25519 ..."); force-new
//   read_only   true by default (ArgoCD only pulls); force-new
//   key_id      (computed) GitHub's id of the key
//
// The token comes from GITHUB_TOKEN when a call is made (never from the platform file, never
// into state); GITHUB_API_URL overrides https://api.github.com as the gh CLI reads it (GitHub
// Enterprise: https://HOST/api/v3). A create whose answer was lost is found by listing the
// repository's keys: a key pave made is unique, so the same key is the one it made.
#pragma once

#include <memory>

#include "aws/http.h"
#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

std::unique_ptr<ResourceType> NewGithubDeployKeyType(Env* env, aws::HttpClient* http);

}  // namespace pave
