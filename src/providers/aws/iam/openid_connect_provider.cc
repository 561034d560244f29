// aws_iam_openid_connect_provider: the IAM identity provider for an OIDC issuer (an EKS
// cluster's), id = its ARN. Client ids and thumbprints change in place. IAM keys providers by
// issuer, so Find computes the ARN from the account and the url and adopts the provider when
// its pave tags name this address.
//
// `url` is not force_new: it usually refers to the cluster's oidc_issuer, which the planner
// cannot know while the cluster is being updated (a version upgrade) — that must not plan a
// replacement of the provider and of every service-account trust on it. When the issuer
// really changed (a new cluster), Update makes the new provider and deletes the old one.
#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_eks_types.h"

namespace pave::aws_provider {

std::string OidcIssuerHost(const std::string& url) {
  std::string host = url;
  if (host.rfind("https://", 0) == 0) host = host.substr(8);
  while (!host.empty() && host.back() == '/') host.pop_back();
  return host;
}

namespace {

ResourceSchema OidcSchema() {
  ResourceSchema s;
  s.type = "aws_iam_openid_connect_provider";
  s.description = "an IAM OpenID Connect identity provider (an EKS cluster's issuer)";
  s.attributes = {
      Required("url", AttrType::kString, "the issuer URL, https://..."),
      Unordered(Optional("client_ids", AttrType::kList, "audiences", Value::array({"sts.amazonaws.com"}))),
      Unordered(Computed("thumbprints", AttrType::kList,
               "SHA-1 thumbprints of the issuer's CA certificates (default: IAM's own trust)")),
      TagsAttribute(),
      ArnAttribute(),
      Stable("issuer_host", AttrType::kString, "the url without https://, as trust policies use it"),
  };
  return s;
}

Value Sorted(const Value& list) {
  std::vector<std::string> v;
  if (list.is_array()) {
    for (const Value& x : list) {
      if (x.is_string()) v.push_back(x.get<std::string>());
    }
  }
  std::sort(v.begin(), v.end());
  return Value(v);
}

class OidcProviderType : public AwsResourceType {
 public:
  explicit OidcProviderType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), OidcSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"Url", "https://" + OidcIssuerHost(GetString(desired, "url"))},
                   {"ClientIDList", desired.value("client_ids", Value::array({"sts.amazonaws.com"}))},
                   {"Tags", TagMapToList(TagsForCreate(ctx, desired))}};
    if (!desired.value("thumbprints", Value::array()).empty()) input["ThumbprintList"] = desired["thumbprints"];
    Result<Value> out = Iam("CreateOpenIDConnectProvider", input);
    if (!out.ok() && out.status().reason() == "EntityAlreadyExists") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return out.status().WithContext("oidc provider for " + GetString(desired, "url") +
                                                 " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(out.status());
    return ReadBack(ctx, {{"id", GetString(*out, "OpenIDConnectProviderArn")}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    // IAM lists providers by ARN only; details take one GetOpenIDConnectProvider each.
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      std::string arn = GetString(r.prior, "id");
      Result<Value> out = Iam("GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
      if (!out.ok() && !IsNotFound(out.status())) return out.status();
      if (!out.ok()) {
        result.push_back(std::nullopt);
        continue;
      }
      std::string host = OidcIssuerHost(GetString(*out, "Url"));
      result.push_back(Value{{"id", arn},
                             {"url", "https://" + host},
                             {"client_ids", StableList(out->value("ClientIDList", Value::array()), r.prior.value("client_ids", Value()))},
                             {"thumbprints", StableList(out->value("ThumbprintList", Value::array()), r.prior.value("thumbprints", Value()))},
                             {"tags", UserTags(out->value("Tags", Value::array()))},
                             {"arn", arn},
                             {"issuer_host", host}});
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string arn = GetString(prior, "id");
    if (OidcIssuerHost(GetString(prior, "url")) != OidcIssuerHost(GetString(desired, "url"))) {
      ASSIGN_OR_RETURN(Value made, Create(ctx, desired));
      RETURN_IF_ERROR(Delete(ctx, prior));
      return made;
    }
    RETURN_IF_ERROR(SyncClientIds(arn, prior, desired));
    Value thumbprints = desired.value("thumbprints", Value::array());
    if (!thumbprints.empty() && Sorted(thumbprints) != Sorted(prior.value("thumbprints", Value::array()))) {
      RETURN_IF_ERROR(Iam("UpdateOpenIDConnectProviderThumbprint",
                          {{"OpenIDConnectProviderArn", arn}, {"ThumbprintList", thumbprints}}).status());
    }
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) {
      RETURN_IF_ERROR(Iam("UntagOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}, {"TagKeys", removed}}).status());
    }
    RETURN_IF_ERROR(Iam("TagOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn},
                                                     {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}}).status());
    return ReadBack(ctx, {{"id", arn}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Iam("DeleteOpenIDConnectProvider", {{"OpenIDConnectProviderArn", GetString(prior, "id")}}).status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(std::string account, Account());
    std::string arn = "arn:aws:iam::" + account + ":oidc-provider/" + OidcIssuerHost(GetString(desired, "url"));
    Result<Value> out = Iam("GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
    if (!out.ok()) return IsNotFound(out.status()) ? Result<std::optional<Value>>(std::optional<Value>()) : out.status();
    if (!TaggedAs(out->value("Tags", Value::array()), ctx.platform, ctx.address.ToString())) {
      return std::optional<Value>();
    }
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, {{"id", arn}}}}));
    return got[0];
  }

 private:
  Result<Value> Iam(const std::string& op, const Value& input) { return client()->Call("iam", op, input); }

  Status SyncClientIds(const std::string& arn, const Value& prior, const Value& desired) {
    Value before = Sorted(prior.value("client_ids", Value::array()));
    Value after = Sorted(desired.value("client_ids", Value::array({"sts.amazonaws.com"})));
    for (const Value& id : after) {
      if (std::find(before.begin(), before.end(), id) != before.end()) continue;
      RETURN_IF_ERROR(Iam("AddClientIDToOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}, {"ClientID", id}}).status());
    }
    for (const Value& id : before) {
      if (std::find(after.begin(), after.end(), id) != after.end()) continue;
      RETURN_IF_ERROR(Iam("RemoveClientIDFromOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}, {"ClientID", id}}).status());
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewIamOpenIdConnectProviderType(AwsTypeDeps deps) {
  return std::make_unique<OidcProviderType>(std::move(deps));
}

}  // namespace pave::aws_provider
