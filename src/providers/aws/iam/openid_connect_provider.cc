// aws_iam_openid_connect_provider (a spec): the IAM identity provider for an OIDC issuer (an
// EKS cluster's), id = its ARN. Client ids change one by one, thumbprints in one call. IAM
// keys providers by issuer, so Find computes the ARN from the account and the url and adopts
// the provider when its pave tags name this address.
//
// `url` is not force_new: it usually refers to the cluster's oidc_issuer, which the planner
// cannot know while the cluster is being updated (a version upgrade) — that must not plan a
// replacement of the provider and of every service-account trust on it. When the issuer
// really changed (a new cluster), Update makes the new provider and deletes the old one.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_eks_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

std::string OidcIssuerHost(const std::string& url) {
  std::string host = url;
  if (host.rfind("https://", 0) == 0) host = host.substr(8);
  while (!host.empty() && host.back() == '/') host.pop_back();
  return host;
}

namespace {

Result<Value> GetProvider(const SpecEnv& env, const std::string& arn) {
  return env.client->Call("iam", "GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
}

// IAM lists providers by ARN only; details take one GetOpenIDConnectProvider each.
Result<std::vector<std::optional<Value>>> ReadProviders(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string arn = GetString(r.prior, "id");
    Result<Value> out = GetProvider(env, arn);
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    if (!out.ok()) {
      result.push_back(std::nullopt);
      continue;
    }
    std::string host = OidcIssuerHost(GetString(*out, "Url"));
    result.push_back(Value{
        {"id", arn},
        {"url", "https://" + host},
        {"client_ids", StableList(out->value("ClientIDList", Value::array()), r.prior.value("client_ids", Value()))},
        {"thumbprints", StableList(out->value("ThumbprintList", Value::array()), r.prior.value("thumbprints", Value()))},
        {"tags", UserTags(out->value("Tags", Value::array()))},
        {"arn", arn},
        {"issuer_host", host}});
  }
  return result;
}

// The provider of the desired issuer, when its tags say this address made it.
Result<std::optional<std::string>> FindProvider(const SpecEnv& env, const OperationContext& ctx,
                                                const Value& desired) {
  ASSIGN_OR_RETURN(std::string account, env.account->Get());
  std::string arn = "arn:aws:iam::" + account + ":oidc-provider/" + OidcIssuerHost(GetString(desired, "url"));
  Result<Value> out = GetProvider(env, arn);
  if (!out.ok()) return IsNotFound(out.status()) ? Result<std::optional<std::string>>(std::nullopt) : out.status();
  ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, out->value("Tags", Value::array()), "oidc provider " + arn));
  if (!ours) return std::optional<std::string>();
  return std::optional<std::string>(arn);
}

// IAM takes the issuer as https://host; no thumbprints: IAM's own trust of the issuer.
Status ProviderInput(const SpecEnv&, const Value& desired, Value* input) {
  (*input)["Url"] = "https://" + OidcIssuerHost(GetString(desired, "url"));
  if (input->value("ThumbprintList", Value::array()).empty()) input->erase("ThumbprintList");
  return Status::Ok();
}

bool IssuerChanged(const Value& prior, const Value& desired) {
  return OidcIssuerHost(GetString(prior, "url")) != OidcIssuerHost(GetString(desired, "url"));
}

ResourceSpec OidcProviderSpec() {
  return {
      .type = "aws_iam_openid_connect_provider",
      .description = "an IAM OpenID Connect identity provider (an EKS cluster's issuer)",
      .service = "iam",
      .attributes = {
          {.name = "url", .required = true, .description = "the issuer URL, https://...", .create_member = "Url"},
          {.name = "client_ids", .type = AttrType::kList, .unordered = true, .description = "audiences",
           .default_value = Value::array({"sts.amazonaws.com"}), .create_member = "ClientIDList"},
          {.name = "thumbprints", .type = AttrType::kList, .computed = true, .unordered = true,
           .description = "SHA-1 thumbprints of the issuer's CA certificates (default: IAM's own trust)",
           .create_member = "ThumbprintList"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
          {.name = "issuer_host", .computed = true, .stable = true,
           .description = "the url without https://, as trust policies use it"}},
      .create = {.operation = "CreateOpenIDConnectProvider", .id_output = "OpenIDConnectProviderArn",
                 .conflict_codes = {"EntityAlreadyExists"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListOpenIDConnectProviders",
               .result_key = "OpenIDConnectProviderList", .item_key = "Arn"},
      .updates = {{.operation = "AddClientIDToOpenIDConnectProvider", .key_member = "OpenIDConnectProviderArn",
                   .members = {{"client_ids", ""}}, .unset_operation = "RemoveClientIDFromOpenIDConnectProvider",
                   .item_member = "ClientID"},
                  {.operation = "UpdateOpenIDConnectProviderThumbprint", .key_member = "OpenIDConnectProviderArn",
                   .members = {{"thumbprints", "ThumbprintList"}}}},
      .tags = {.style = TagStyle::kKeyValueList, .create_member = "Tags", .tag_operation = "TagOpenIDConnectProvider",
               .untag_operation = "UntagOpenIDConnectProvider", .resource_member = "OpenIDConnectProviderArn",
               .tags_member = "Tags", .keys_member = "TagKeys"},
      .del = {.operation = "DeleteOpenIDConnectProvider", .key_member = "OpenIDConnectProviderArn"},
      .find = FindStyle::kByKey,
      .hooks = {.create_input = ProviderInput, .read_batch = ReadProviders, .find_key = FindProvider,
                .replaced_in_update = IssuerChanged},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewIamOpenIdConnectProviderType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), OidcProviderSpec());
}

}  // namespace pave::aws_provider
