// aws_acm_certificate. ACM has no batched describe with validation records, so Read asks
// DescribeCertificate and ListTagsForCertificate per certificate (a platform has a handful).
// A create waits until ACM has published the validation record (seconds on AWS).
#include <cctype>

#include "core/hash.h"
#include "providers/aws/acm/acm_types.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"

namespace pave::aws_provider {

std::string AcmIdempotencyToken(const std::string& idempotency_token) {
  bool word = !idempotency_token.empty() && idempotency_token.size() <= 32;
  for (char c : idempotency_token) word = word && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return word ? idempotency_token : Sha256Hex(idempotency_token).substr(0, 32);
}

namespace {

const char* const kAllStatuses[] = {"PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED",
                                    "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"};

ResourceSchema CertificateSchema() {
  ResourceSchema s;
  s.type = "aws_acm_certificate";
  s.description = "a public ACM certificate, validated through DNS";
  s.attributes = {
      Required("domain_name", AttrType::kString, "the domain, e.g. *.prod.example.org", true),
      TagsAttribute(),
      ArnAttribute(),
      Computed("status", AttrType::kString, "PENDING_VALIDATION, ISSUED, ..."),
      Stable("validation_record_name", AttrType::kString, "the CNAME that proves the domain: its name"),
      Stable("validation_record_type", AttrType::kString, "its type (CNAME)"),
      Stable("validation_record_value", AttrType::kString, "its value"),
  };
  s.typical_create = std::chrono::seconds(10);
  return s;
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

class CertificateType : public AwsResourceType {
 public:
  explicit CertificateType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), CertificateSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"DomainName", GetString(desired, "domain_name")},
                   {"ValidationMethod", "DNS"},
                   {"IdempotencyToken", AcmIdempotencyToken(ctx.idempotency_token)},
                   {"Tags", TagMapToList(TagsForCreate(ctx, desired))}};
    ASSIGN_OR_RETURN(Value made, Acm("RequestCertificate", input));
    std::string arn = GetString(made, "CertificateArn");
    if (arn.empty()) return Status::Internal("acm RequestCertificate returned no CertificateArn");
    ctx.CreatedComplete({{"id", arn}});  // only the wait for its validation record is left
    return WaitForValidationRecord(ctx, arn);
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      Result<Value> got = Describe(GetString(r.prior, "id"));
      if (!got.ok()) {
        if (!IsNotFound(got.status())) return got.status();
        out.push_back(std::nullopt);
        continue;
      }
      out.push_back(std::move(*got));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string arn = GetString(prior, "id");
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) {
      Value keys = Value::array();
      for (const Value& k : removed) keys.push_back({{"Key", k}});
      RETURN_IF_ERROR(Acm("RemoveTagsFromCertificate", {{"CertificateArn", arn}, {"Tags", keys}}).status());
    }
    RETURN_IF_ERROR(Acm("AddTagsToCertificate",
                        {{"CertificateArn", arn}, {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}})
                        .status());
    return Describe(arn);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string arn = GetString(prior, "id");
    // In use by a load balancer being deleted in the same run: wait for it to let go.
    Status s = poller().RetryWhile(ctx, "deleting certificate " + GetString(prior, "domain_name"),
                                   {"ResourceInUseException"},
                                   [&]() { return Acm("DeleteCertificate", {{"CertificateArn", arn}}).status(); });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    Value statuses = Value::array();
    for (const char* s : kAllStatuses) statuses.push_back(s);
    ASSIGN_OR_RETURN(Value listed, client()->CallAllPages("acm", "ListCertificates", {{"CertificateStatuses", statuses}}));
    std::vector<Value> candidates;
    for (const Value& c : listed.value("CertificateSummaryList", Value::array())) {
      if (GetString(c, "DomainName") != GetString(desired, "domain_name")) continue;
      ASSIGN_OR_RETURN(Value tags, Acm("ListTagsForCertificate", {{"CertificateArn", GetString(c, "CertificateArn")}}));
      Value item = c;
      item["Tags"] = tags.value("Tags", Value::array());
      candidates.push_back(std::move(item));
    }
    std::optional<Value> mine = PickAdoptable(ctx, candidates);
    if (!mine) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value a, WaitForValidationRecord(ctx, GetString(*mine, "CertificateArn")));
    return std::optional<Value>(std::move(a));
  }

 private:
  Result<Value> Acm(const std::string& op, const Value& input) const { return client()->Call("acm", op, input); }

  Result<Value> WaitForValidationRecord(const OperationContext& ctx, const std::string& arn) {
    Value got;
    RETURN_IF_ERROR(poller().Until(ctx, "waiting for the validation record of " + arn,
                                   [&](std::string* state) -> Result<bool> {
                                     Result<Value> d = Describe(arn);
                                     if (!d.ok() && IsNotFound(d.status())) {
                                       *state = "not visible yet";  // eventual consistency
                                       return false;
                                     }
                                     RETURN_IF_ERROR(d.status());
                                     got = std::move(*d);
                                     *state = "no validation record yet";
                                     return !GetString(got, "validation_record_name").empty();
                                   }));
    return got;
  }

  // The attributes of the certificate `arn`: DescribeCertificate and its tags.
  Result<Value> Describe(const std::string& arn) const {
    ASSIGN_OR_RETURN(Value d, Acm("DescribeCertificate", {{"CertificateArn", arn}}));
    ASSIGN_OR_RETURN(Value tags, Acm("ListTagsForCertificate", {{"CertificateArn", arn}}));
    const Value c = d.value("Certificate", Value::object());
    Value record = ValidationRecord(c);
    return Value{{"id", arn},
                 {"arn", arn},
                 {"domain_name", GetString(c, "DomainName")},
                 {"tags", UserTags(tags.value("Tags", Value::array()))},
                 {"status", GetString(c, "Status")},
                 {"validation_record_name", GetString(record, "Name")},
                 {"validation_record_type", GetString(record, "Type")},
                 {"validation_record_value", GetString(record, "Value")}};
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewAcmCertificateType(AwsTypeDeps deps) {
  return std::make_unique<CertificateType>(std::move(deps));
}

void RegisterAcmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewAcmCertificateType(deps));
  registry->Register(NewAcmCertificateValidationType(deps));
}

}  // namespace pave::aws_provider
