// aws_acm_certificate (a spec). ACM has no batched describe with validation records, so Read
// asks DescribeCertificate and ListTagsForCertificate per certificate (a platform has a
// handful; several at once). A create waits until ACM has published the validation record (seconds on AWS).
#include "providers/aws/acm/acm_types.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

std::string AcmIdempotencyToken(const std::string& idempotency_token) {
  return RequestToken(idempotency_token, 1, 32, /*word_only=*/true);
}

namespace {

const char* const kAllStatuses[] = {"PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED",
                                    "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"};

Result<Value> Acm(const SpecEnv& env, const std::string& op, const Value& input) {
  return env.client->Call("acm", op, input);
}

// The validation record of the certificate's own domain (ACM lists one per name).
Value ValidationRecord(const Value& certificate) {
  std::string domain = GetString(certificate, "DomainName");
  Value first;
  for (const Value& o : certificate.value("DomainValidationOptions", Value::array())) {
    if (!o.contains("ResourceRecord")) continue;
    if (GetString(o, "DomainName") == domain) return o["ResourceRecord"];
    if (first.is_null()) first = o["ResourceRecord"];
  }
  return first;
}

// The validation record ACM published (none yet: empty).
bool CertificateRecord(const SpecEnv&, const Value& certificate, const Value&, Value* attrs) {
  Value record = ValidationRecord(certificate);
  (*attrs)["validation_record_name"] = GetString(record, "Name");
  (*attrs)["validation_record_type"] = GetString(record, "Type");
  (*attrs)["validation_record_value"] = GetString(record, "Value");
  return true;
}

Status CertificateTags(const SpecEnv& env, const Value&, Value* attrs) {
  ASSIGN_OR_RETURN(Value tags, Acm(env, "ListTagsForCertificate", {{"CertificateArn", GetString(*attrs, "id")}}));
  (*attrs)["tags"] = UserTags(tags.value("Tags", Value::array()));
  return Status::Ok();
}

// Of the certificates for the domain (in any status), the one this create tagged.
Result<std::optional<std::string>> FindCertificate(const SpecEnv& env, const OperationContext& ctx,
                                                   const Value& desired) {
  Value statuses = Value::array();
  for (const char* s : kAllStatuses) statuses.push_back(s);
  ASSIGN_OR_RETURN(Value listed, env.client->CallAllPages("acm", "ListCertificates", {{"CertificateStatuses", statuses}}));
  std::vector<Value> candidates;
  for (const Value& c : listed.value("CertificateSummaryList", Value::array())) {
    if (GetString(c, "DomainName") != GetString(desired, "domain_name")) continue;
    ASSIGN_OR_RETURN(Value tags, Acm(env, "ListTagsForCertificate", {{"CertificateArn", GetString(c, "CertificateArn")}}));
    Value item = c;
    item["Tags"] = tags.value("Tags", Value::array());
    candidates.push_back(std::move(item));
  }
  std::optional<Value> mine = AwsResourceType::PickAdoptable(ctx, candidates);
  if (!mine) return std::optional<std::string>();
  return std::optional<std::string>(GetString(*mine, "CertificateArn"));
}

ResourceSpec CertificateSpec() {
  return {
      .type = "aws_acm_certificate",
      .description = "a public ACM certificate, validated through DNS",
      .service = "acm",
      .attributes = {
          {.name = "domain_name", .required = true, .force_new = true,
           .description = "the domain, e.g. *.prod.example.org", .create_member = "DomainName",
           .read_member = "DomainName"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
           .read_member = "CertificateArn"},
          {.name = "status", .computed = true, .description = "PENDING_VALIDATION, ISSUED, ...",
           .read_member = "Status"},
          {.name = "validation_record_name", .computed = true, .stable = true,
           .description = "the CNAME that proves the domain: its name"},
          {.name = "validation_record_type", .computed = true, .stable = true, .description = "its type (CNAME)"},
          {.name = "validation_record_value", .computed = true, .stable = true, .description = "its value"}},
      .create = {.operation = "RequestCertificate", .id_output = "CertificateArn", .token_member = "IdempotencyToken",
                 .constants = {{"ValidationMethod", "DNS"}}},
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeCertificate", .result_key = "Certificate",
               .get_members = {{"id", "CertificateArn"}}},
      .tags = {.style = TagStyle::kKeyValueList, .create_member = "Tags", .tag_operation = "AddTagsToCertificate",
               .untag_operation = "RemoveTagsFromCertificate", .resource_member = "CertificateArn",
               .tags_member = "Tags", .keys_member = "Tags", .keys_as_tags = true,
               .list_operation = "ListTagsForCertificate", .list_result = "Tags"},
      // In use by a load balancer being deleted in the same run: wait for it to let go.
      .del = {.operation = "DeleteCertificate", .key_member = "CertificateArn",
              .retry_codes = {"ResourceInUseException"}},
      .find = FindStyle::kByKey,
      .typical_create = std::chrono::seconds(10),
      .hooks = {.read = CertificateRecord, .read_detail = CertificateTags, .find_key = FindCertificate,
                .ready = [](const Value& attrs) { return !GetString(attrs, "validation_record_name").empty(); }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewAcmCertificateType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), CertificateSpec());
}

void RegisterAcmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewAcmCertificateType(deps));
  registry->Register(NewAcmCertificateValidationType(deps));
}

}  // namespace pave::aws_provider
