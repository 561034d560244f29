// GitopsBlueprint: the `gitops:` section — the Kubernetes half of the platform, written into
// the team's git repository for ArgoCD to sync (issue 17).
//
//   gitops:
//     repository: git@github.com:acme/shop-platform.git   # any URL git can push to
//     branch: main                                         # default main
//     path: clusters/shop                                  # default clusters/<metadata.name>
//     deployKey: true                                      # or {github: OWNER/NAME}
//
// Expands to git_repository_files.gitops: under `path`,
//   kustomization.yaml          the entry point: `kubectl apply -k <path>` once bootstraps
//   root.yaml                   the app-of-apps root: an ArgoCD Application syncing addons/
//   addons/kustomization.yaml   every add-on's Application
//   addons/<name>.yaml          an ArgoCD Application per `kubernetes.addons` entry: its Helm
//                               chart at the pinned version, with values wired with what pave
//                               knows (cluster name, region, VPC, zone, the add-on's role ARN
//                               on its service account) and the entry's values file over them
// committed and pushed as one commit when anything changed. Outputs gitops.commit.
//
// deployKey: aws_ssm_deploy_key.gitops (an ed25519 key pair; the private half only in the
// SecureString /<name>/gitops/deploy-key, under the platform key when there is one) and, for a
// GitHub repository when GITHUB_TOKEN is set, github_deploy_key.gitops (read-only); without
// the token validate warns and `pave outputs gitops.deploy_key` shows the key to register.
#pragma once

#include "platform/blueprint.h"

namespace pave {

class GitopsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "gitops"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// `v` as block-style YAML (maps sorted by key; a string plain when it reads back the same,
// else double-quoted), `indent` spaces in; a document ends with a newline.
std::string ToYaml(const Value& v, int indent = 0);

}  // namespace pave
