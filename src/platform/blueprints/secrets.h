// SecretsBlueprint: the `secrets:` section — values from the environment or files, stored
// encrypted under the platform's KMS key, never in state.
//
//   secrets:
//     - {name: github-token, from: env:GITHUB_TOKEN}             # SSM SecureString (default)
//     - {name: tls-key, from: file:certs/tls.key, store: secretsmanager, description: "..."}
//
// Expands to the platform's data key, aws_kms_key.platform (rotation on, 30-day deletion
// window) with aws_kms_alias.platform ("alias/<platform>"), unless an earlier section made it;
// and per entry aws_ssm_parameter.<name> named "/<platform>/<name>" (store: ssm) or
// aws_secretsmanager_secret.<name> named "<platform>/<name>" (store: secretsmanager), whose
// value is "${env:NAME}" / "${file:path}", resolved by the platform loader into a secret
// attribute. Exports secrets.kms_key_arn and secrets.kms_key_id (for EKS, RDS, S3 ...) and
// secrets.<name>.arn / secrets.<name>.store_name per entry.
#pragma once

#include <string>

#include "platform/blueprint.h"

namespace pave {

class SecretsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "secrets"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The platform's data key: adds aws_kms_key.platform and its alias at `node` the first time
// (exporting secrets.kms_key_arn and secrets.kms_key_id), and returns the key's ARN reference
// "${aws_kms_key.platform.arn}". Sections that encrypt data (secrets, buckets) share it.
std::string PlatformDataKeyArn(BlueprintContext& ctx, const YAML::Node& node);

}  // namespace pave
