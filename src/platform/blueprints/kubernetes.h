// KubernetesBlueprint: the `kubernetes:` section — the add-ons a team's cluster runs, each
// with the AWS half it needs (issue 17).
//
//   kubernetes:
//     addons:
//       - aws-load-balancer-controller
//       - external-dns                 # for the platform's dns zone
//       - cluster-autoscaler
//       - external-secrets             # reads the platform's SSM parameters and secrets
//       - metrics-server
//       - argocd
//       - {name: ingress-nginx, version: "4.11.3", values: file:values/ingress.yaml}
//
// Each add-on comes from a catalog (KubernetesAddons()): its chart (repository, name, and the
// version pave pins, which `version` overrides), the namespace and service account it runs
// as, and the IAM permissions it needs. An add-on that calls AWS gets
// aws_iam_role.addon_<name> (trusted only by its service account, through the cluster's OIDC
// provider) with one inline policy, aws_iam_role_policy.addon_<name>, scoped as tightly as the
// add-on allows: external-dns to the platform's zone, external-secrets to the platform's
// parameter and secret paths, the autoscaler to this cluster's node groups, the load balancer
// controller to what it tagged. Needs the cluster section; external-dns also the dns section.
//
// Shows kubernetes.addons.<name>.role_arn in `pave outputs`, and exports
// kubernetes.addons (one entry per add-on: name, namespace, service_account, chart,
// repository, version, role_arn, values) for the GitOps renderer.
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"

namespace pave {

struct KubernetesAddon {
  std::string name;             // "external-dns"
  std::string chart_repository;  // "https://kubernetes-sigs.github.io/external-dns/"
  std::string chart;            // "external-dns"
  std::string version;          // the chart version pave pins
  std::string ns;               // namespace
  std::string service_account;  // "" when the add-on needs no AWS role
};

// The add-ons pave knows, sorted by name.
const std::vector<KubernetesAddon>& KubernetesAddons();

class KubernetesBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "kubernetes"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

}  // namespace pave
