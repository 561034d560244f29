// aws_ssm_deploy_key (a spec): an SSH key pair for a git deploy key, made with OpenSSL when
// the parameter is created. The private half goes into the SecureString parameter's value and
// nowhere else (not state, not output, not errors); the public half into its description,
// from which every read gives it back as `public_key` (for the git host's deploy key).
// All attributes are force-new: a new key is a new parameter. Reads and tags as
// aws_ssm_parameter's.
#include "core/ssh_key.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/ssm/parameter.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr std::string_view kDescription = "SSH deploy key (ed25519) made by pave; public key: ";

Status MakeKey(const SpecEnv&, const Value& desired, Value* input) {
  ASSIGN_OR_RETURN(SshKeyPair pair, NewEd25519Key("pave " + GetString(desired, "name")));
  (*input)["Value"] = std::move(pair.private_openssh);
  (*input)["Description"] = std::string(kDescription) + pair.public_openssh;
  return Status::Ok();
}

// The public key from the description; a parameter without it is not a deploy key.
bool PublicKey(const SpecEnv&, const Value& item, const Value&, Value* attrs) {
  std::string description = GetString(item, "Description");
  if (description.rfind(kDescription, 0) != 0) return false;
  (*attrs)["public_key"] = description.substr(kDescription.size());
  return true;
}

}  // namespace

ResourceSpec SsmDeployKeySpec() {
  return {
      .type = "aws_ssm_deploy_key",
      .description = "an SSH deploy key made by pave: the private half only in an SSM SecureString",
      .service = "ssm",
      .key_attribute = "name",
      .attributes = {{.name = "name", .required = true, .force_new = true,
                      .description = "the parameter holding the private key, e.g. /shop/gitops/deploy-key",
                      .create_member = "Name", .read_member = "Name"},
                     {.name = "key_id", .force_new = true, .computed = true,
                      .description = "KMS key (id, ARN or alias) encrypting it; alias/aws/ssm when unset",
                      .create_member = "KeyId", .read_member = "KeyId"},
                     {.name = "tags"},
                     {.name = "public_key", .computed = true, .stable = true,
                      .description = "the public key (an authorized_keys line: ssh-ed25519 ...)"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the parameter's ARN"}},
      .arn_format = "arn:aws:ssm:{region}:{account}:parameter/{path}",
      .create = {.operation = "PutParameter", .conflict_codes = {"ParameterAlreadyExists"},
                 .constants = {{"Type", "SecureString"}}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeParameters", .result_key = "Parameters",
               .item_key = "Name"},
      .tags = SsmParameterTags(),
      .del = {.operation = "DeleteParameter", .key_member = "Name"},
      .find = FindStyle::kByKey,
      .hooks = {.read = PublicKey, .create_input = MakeKey, .read_items = DescribeSsmParameters},
  };
}

}  // namespace pave::aws_provider
