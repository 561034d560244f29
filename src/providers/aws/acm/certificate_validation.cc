// aws_acm_certificate_validation: waits until a certificate is ISSUED. It makes nothing in
// AWS; it exists so that what needs an issued certificate (a listener, an ingress) can depend
// on it, and so that the wait is one step of the plan with its own progress. ACM checks the
// validation record on its own schedule: polling starts at 1 s and grows to 15 s.
#include "providers/aws/acm/acm_types.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"

namespace pave::aws_provider {
namespace {

ResourceSchema ValidationSchema() {
  ResourceSchema s;
  s.type = "aws_acm_certificate_validation";
  s.description = "waits until an ACM certificate is issued";
  s.attributes = {
      Required("certificate_arn", AttrType::kString, "the certificate to wait for", true),
      Optional("validation_record_fqdns", AttrType::kList,
               "the validation records (a dependency: the wait starts once they exist)", Value::array()),
      Optional("timeout_minutes", AttrType::kInt, "how long to wait for ISSUED", Value(kDefaultValidationTimeoutMinutes)),
      Computed("status", AttrType::kString, "the certificate's status: ISSUED once the wait is over"),
  };
  s.typical_create = std::chrono::minutes(3);
  return s;
}

// Statuses after which waiting cannot help.
bool IsFinalFailure(const std::string& status) {
  return status == "FAILED" || status == "VALIDATION_TIMED_OUT" || status == "REVOKED" || status == "EXPIRED" ||
         status == "INACTIVE";
}

class ValidationType : public AwsResourceType {
 public:
  explicit ValidationType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), ValidationSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override { return Wait(ctx, desired); }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      Result<Value> c = Describe(GetString(r.prior, "certificate_arn"));
      if (!c.ok() && !IsNotFound(c.status())) return c.status();
      // Gone, or no longer issued: the wait has to happen again.
      if (!c.ok() || GetString(*c, "Status") != "ISSUED") {
        out.push_back(std::nullopt);
        continue;
      }
      Value a = r.prior;
      a["status"] = "ISSUED";
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)prior;
    return Wait(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    (void)prior;
    return Status::Ok();  // nothing in AWS: the certificate is its own resource
  }

 private:
  Result<Value> Describe(const std::string& arn) const {
    ASSIGN_OR_RETURN(Value d, client()->Call("acm", "DescribeCertificate", {{"CertificateArn", arn}}));
    return d.value("Certificate", Value::object());
  }

  Result<Value> Wait(const OperationContext& ctx, const Value& desired) {
    std::string arn = GetString(desired, "certificate_arn");
    int64_t minutes = GetInt(desired, "timeout_minutes", kDefaultValidationTimeoutMinutes);
    PollOptions options = deps_.poll;
    options.timeout = std::chrono::minutes(minutes);
    Poller waiter(deps_.env, options);
    Value certificate;
    Status s = waiter.Until(ctx, "waiting for the certificate to be issued", [&](std::string* state) -> Result<bool> {
      Result<Value> c = Describe(arn);
      if (!c.ok() && IsNotFound(c.status())) {
        *state = "not visible yet";
        return false;
      }
      RETURN_IF_ERROR(c.status());
      certificate = std::move(*c);
      *state = GetString(certificate, "Status");
      if (IsFinalFailure(*state)) {
        std::string reason = GetString(certificate, "FailureReason");
        return Status::FailedPrecondition("certificate for " + GetString(certificate, "DomainName") + " is " + *state +
                                          (reason.empty() ? "" : " (" + reason + ")") +
                                          ": ACM will not issue it; replace the certificate");
      }
      return *state == "ISSUED";
    });
    if (s.code() == StatusCode::kDeadlineExceeded) {
      return Status::DeadlineExceeded(
          "certificate for " + GetString(certificate, "DomainName", arn) + " was not issued within " +
          std::to_string(minutes) + " minutes (still " + GetString(certificate, "Status", "unknown") +
          "): check that its validation record resolves in public DNS, i.e. that the zone is delegated");
    }
    RETURN_IF_ERROR(s);
    Value a = desired;
    a["id"] = arn;
    a["status"] = "ISSUED";
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewAcmCertificateValidationType(AwsTypeDeps deps) {
  return std::make_unique<ValidationType>(std::move(deps));
}

}  // namespace pave::aws_provider
