// pave kubeconfig, pave eks token, pave credentials: reaching the platform's EKS cluster.
// The lead wires them into app.cc.
//
//   pave kubeconfig [--write]    kubeconfig YAML for aws_eks_cluster.main in the state; the
//                                user runs `pave eks token --cluster NAME --region REGION`
//                                (with AWS_PROFILE when a profile is in use). --write merges
//                                it into ~/.kube/config (or the first file of KUBECONFIG)
//                                like `aws eks update-kubeconfig`: entries of the same name
//                                are replaced, the others kept, current-context set; written
//                                temp + rename, mode 0600.
//   pave eks token [--cluster N] the ExecCredential JSON `aws eks get-token` prints; the
//                                cluster defaults to PAVE_CLUSTER.
//   pave credentials [--json]    export lines for a shell: AWS_REGION, AWS_PROFILE (when
//                                set), KUBECONFIG, PAVE_CLUSTER; --json: the same as an object.
#pragma once

#include <string>

#include "cli/commands.h"
#include "core/value.h"

namespace pave::cli {

struct KubeconfigOptions {
  bool write = false;
};
int RunKubeconfig(CommandContext& ctx, const KubeconfigOptions& options);

struct EksTokenOptions {
  std::string cluster;  // --cluster (required)
  std::string region;   // --region; empty: the AWS configuration's region
};
int RunEksToken(CommandContext& ctx, const EksTokenOptions& options);

int RunCredentials(CommandContext& ctx);

// --- the pure parts, for tests ---

// What the commands need to know about the cluster, from its state attributes.
struct ClusterAccess {
  std::string name;
  std::string region;  // from the cluster's ARN
  std::string endpoint;
  std::string certificate_authority;
  std::string arn;
};
// From aws_eks_cluster attributes; InvalidArgument when the ARN or endpoint is missing.
Result<ClusterAccess> ClusterAccessFrom(const Value& attributes);

// The kubeconfig document. `pave_command` is the program kubectl runs ("pave" or a path);
// `profile` ("" for none) is passed as AWS_PROFILE.
std::string RenderKubeconfig(const ClusterAccess& cluster, const std::string& pave_command,
                             const std::string& profile);

// `ours` (a kubeconfig document) merged into `existing` (empty: none yet): its clusters,
// contexts and users replace those of the same name, every other entry and key is kept, and
// current-context becomes ours. InvalidArgument when `existing` is not a kubeconfig.
Result<std::string> MergeKubeconfig(const std::string& existing, const std::string& ours);

// Where --write merges: the first file of KUBECONFIG, else $HOME/.kube/config.
std::string KubeconfigTarget(Env* env);

// "export NAME='value'" lines, newline-terminated.
std::string RenderCredentials(const ClusterAccess& cluster, const std::string& profile,
                              const std::string& kubeconfig_path);

}  // namespace pave::cli
