#include "state/s3_object_store.h"

#include <fmt/format.h>

#include "core/hash.h"

namespace pave {
namespace {

std::string StringMember(const Value& v, const char* name) {
  auto it = v.is_object() ? v.find(name) : v.end();
  return it != v.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

S3ObjectStore::S3ObjectStore(aws::AwsClient* client, std::string bucket, std::string region)
    : client_(client), bucket_(std::move(bucket)), options_{std::move(region)} {}

std::string S3ObjectStore::Describe(const std::string& key) const {
  return fmt::format("s3://{}/{}", bucket_, key);
}

Status S3ObjectStore::Explain(const Status& error, const std::string& key) const {
  const std::string& code = error.reason();
  if (code == "NoSuchBucket") {
    return Status::NotFound(
               fmt::format("the state bucket {} does not exist: run `pave state init` to "
                           "create it ({})",
                           bucket_, error.message()))
        .WithReason(code);
  }
  if (code == "AccessDenied" || code == "AllAccessDisabled" || code == "InvalidAccessKeyId" ||
      code == "SignatureDoesNotMatch" || code == "403" || code == "Forbidden") {
    return Status::PermissionDenied(
               fmt::format("access to the state {} was denied: the credentials in use need "
                           "s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on "
                           "this bucket ({})",
                           Describe(key), error.message()))
        .WithReason(code);
  }
  if (code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" ||
      code == "IllegalLocationConstraintException") {
    return Status::FailedPrecondition(
               fmt::format("the state bucket {} is in another region than {}: set state.region "
                           "in the platform file to the bucket's region ({})",
                           bucket_, options_.region.empty() ? client_->region() : options_.region,
                           error.message()))
        .WithReason(code);
  }
  return error.WithContext(Describe(key));
}

Result<StoredObject> S3ObjectStore::Get(const std::string& key) {
  Result<Value> out =
      client_->Call("s3", "GetObject", Value{{"Bucket", bucket_}, {"Key", key}}, options_);
  if (!out.ok()) {
    if (out.status().reason() == "NoSuchKey") {
      return Status::NotFound(fmt::format("no {}", Describe(key))).WithReason("NoSuchKey");
    }
    return Explain(out.status(), key);
  }
  StoredObject object;
  if (!Base64Decode(StringMember(*out, "Body"), &object.body)) {
    return Status::DataLoss(fmt::format("{}: the body is not base64", Describe(key)));
  }
  object.etag = StringMember(*out, "ETag");
  return object;
}

Result<std::string> S3ObjectStore::Put(const std::string& key, std::string_view body,
                                       const WriteCondition& condition) {
  Value input{{"Bucket", bucket_}, {"Key", key}, {"Body", Base64Encode(body)}};
  switch (condition.kind) {
    case WriteCondition::Kind::kAlways:
      break;
    case WriteCondition::Kind::kIfAbsent:
      input["IfNoneMatch"] = "*";
      break;
    case WriteCondition::Kind::kIfMatch:
      input["IfMatch"] = condition.etag;
      break;
  }
  Result<Value> out = client_->Call("s3", "PutObject", input, options_);
  if (!out.ok()) {
    std::string code = out.status().reason();
    if (code == kPreconditionFailed || code == "ConditionalRequestConflict" ||
        (condition.kind == WriteCondition::Kind::kIfMatch && code == "NoSuchKey")) {
      return Status::Aborted(
                 fmt::format("{} changed meanwhile ({})", Describe(key), out.status().message()))
          .WithReason(kPreconditionFailed);
    }
    return Explain(out.status(), key);
  }
  return StringMember(*out, "ETag");
}

Status S3ObjectStore::Delete(const std::string& key, const WriteCondition& condition) {
  Value input{{"Bucket", bucket_}, {"Key", key}};
  if (condition.kind == WriteCondition::Kind::kIfMatch) input["IfMatch"] = condition.etag;
  Result<Value> out = client_->Call("s3", "DeleteObject", input, options_);
  if (out.ok()) return Status::Ok();
  std::string code = out.status().reason();
  // Gone already (also when a resent delete finds its first attempt done): what was asked.
  if (code == "NoSuchKey") return Status::Ok();
  if (code == kPreconditionFailed) {
    return Status::Aborted(
               fmt::format("{} changed meanwhile ({})", Describe(key), out.status().message()))
        .WithReason(kPreconditionFailed);
  }
  return Explain(out.status(), key);
}

Result<std::vector<std::string>> S3ObjectStore::List(const std::string& prefix) {
  Result<Value> out = client_->CallAllPages(
      "s3", "ListObjectsV2", Value{{"Bucket", bucket_}, {"Prefix", prefix}}, options_);
  if (!out.ok()) return Explain(out.status(), prefix);
  std::vector<std::string> keys;
  auto contents = out->find("Contents");
  if (contents == out->end() || !contents->is_array()) return keys;
  for (const Value& item : *contents) keys.push_back(StringMember(item, "Key"));
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace pave
