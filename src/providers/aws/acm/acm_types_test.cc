#include "providers/aws/acm/acm_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

// A small in-memory ACM: the validation record shows after `record_after` describes and the
// certificate is issued after `issue_after` (never when negative), or ends in `final_status`.
class FakeAcm {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "RequestCertificate") {
      std::string arn = "arn:aws:acm:eu-west-1:1:certificate/c" + std::to_string(certs_.size() + 1);
      certs_[arn] = {{"CertificateArn", arn}, {"DomainName", in["DomainName"]}, {"Status", "PENDING_VALIDATION"}};
      tags_[arn] = in.value("Tags", Value::array());
      return Value{{"CertificateArn", arn}};
    }
    if (op == "ListCertificates") {
      Value out = Value::array();
      for (const auto& [arn, c] : certs_) out.push_back(c);
      return Value{{"CertificateSummaryList", out}};
    }
    std::string arn = in.value("CertificateArn", "");
    auto it = certs_.find(arn);
    if (it == certs_.end()) return Status::NotFound("ResourceNotFoundException: no").WithReason("ResourceNotFoundException");
    Value& c = it->second;
    if (op == "DescribeCertificate") {
      ++describes_;
      if (describes_ > record_after) {
        std::string base = c["DomainName"].get<std::string>();
        if (base.rfind("*.", 0) == 0) base = base.substr(2);
        c["DomainValidationOptions"] = {{{"DomainName", c["DomainName"]},
                                         {"ResourceRecord", {{"Name", "_abc." + base + "."}, {"Type", "CNAME"}, {"Value", "_x.acm-validations.aws."}}}}};
      }
      if (issue_after >= 0 && describes_ > issue_after) c["Status"] = "ISSUED";
      if (!final_status.empty()) {
        c["Status"] = final_status;
        c["FailureReason"] = "CAA_ERROR";
      }
      return Value{{"Certificate", c}};
    }
    if (op == "ListTagsForCertificate") return Value{{"Tags", tags_[arn]}};
    if (op == "DeleteCertificate") certs_.erase(it);
    return Value::object();
  }

  std::map<std::string, Value> certs_;
  std::map<std::string, Value> tags_;
  int describes_ = 0;
  int record_after = 1;
  int issue_after = -1;
  std::string final_status;
};

class AcmTest : public ::testing::Test {
 protected:
  AcmTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) {
          if (op == "DescribeCertificate") looks_.push_back(env_.total_slept());
          return acm_.Handle(op, in);
        }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        cert_(NewAcmCertificateType(deps_)),
        validation_(NewAcmCertificateValidationType(deps_)) {}

  static OperationContext Ctx(const std::string& type) {
    OperationContext ctx;
    ctx.address = {type, "web"};
    ctx.platform = "shop";
    ctx.idempotency_token = kToken;
    return ctx;
  }

  Value MakeCertificate() {
    auto got = cert_->Create(Ctx("aws_acm_certificate"), {{"domain_name", "*.prod.example.org"}, {"tags", {{"team", "web"}}}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : Value();
  }

  FakeAcm acm_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> cert_, validation_;
  std::vector<std::chrono::milliseconds> looks_;  // clock at each DescribeCertificate
};

TEST_F(AcmTest, IdempotencyTokenFitsAcm) {
  EXPECT_EQ(AcmIdempotencyToken(kToken), kToken);
  std::string long_token(40, 'a');
  EXPECT_EQ(AcmIdempotencyToken(long_token).size(), 32u);
  EXPECT_EQ(AcmIdempotencyToken("with-dash").size(), 32u);
}

TEST_F(AcmTest, RequestUsesDnsValidationTheTokenAndTagsAndWaitsForTheValidationRecord) {
  Value cert = MakeCertificate();
  const Value request = client_.calls()[0].input;
  EXPECT_EQ(request["ValidationMethod"], "DNS");
  EXPECT_EQ(request["IdempotencyToken"], kToken);
  EXPECT_TRUE(TaggedAs(request["Tags"], "shop", "aws_acm_certificate.web"));
  EXPECT_EQ(cert["validation_record_name"], "_abc.prod.example.org.");
  EXPECT_EQ(cert["validation_record_type"], "CNAME");
  EXPECT_EQ(cert["validation_record_value"], "_x.acm-validations.aws.");
  EXPECT_EQ(cert["status"], "PENDING_VALIDATION");
  EXPECT_EQ(cert["tags"], Value({{"team", "web"}}));
  EXPECT_GT(env_.total_slept().count(), 0) << "the record came only on the second look";

  auto found = cert_->Find(Ctx("aws_acm_certificate"), {{"domain_name", "*.prod.example.org"}});
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((**found)["arn"], cert["arn"]);

  ASSERT_TRUE(cert_->Delete(Ctx("aws_acm_certificate"), cert).ok());
  auto read = cert_->Read({{Ctx("aws_acm_certificate").address, cert}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(AcmTest, ATagTakenAwayIsRemovedAsAKeyTag) {
  Value cert = MakeCertificate();
  auto got = cert_->Update(Ctx("aws_acm_certificate"), cert, {{"domain_name", "*.prod.example.org"},
                                                              {"tags", {{"owner", "ops"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  bool removed = false, added = false;
  for (const auto& c : client_.calls()) {
    if (c.operation == "RemoveTagsFromCertificate") {
      removed = true;
      EXPECT_EQ(c.input["Tags"], Value::array({{{"Key", "team"}}}));  // ACM takes tags, not key names
    }
    if (c.operation == "AddTagsToCertificate") added = TaggedAs(c.input["Tags"], "shop", "aws_acm_certificate.web");
  }
  EXPECT_TRUE(removed);
  EXPECT_TRUE(added);
}

TEST_F(AcmTest, ValidationWaitsWithGrowingPollsUntilIssued) {
  Value cert = MakeCertificate();
  acm_.issue_after = acm_.describes_ + 6;
  auto got = validation_->Create(Ctx("aws_acm_certificate_validation"), {{"certificate_arn", cert["arn"]}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["status"], "ISSUED");
  EXPECT_EQ((*got)["id"], cert["arn"]);
  ASSERT_GE(looks_.size(), 4u);
  size_t n = looks_.size();
  EXPECT_GT(looks_[n - 1] - looks_[n - 2], looks_[n - 3] - looks_[n - 4]) << "polls grow: no fixed sleep";
  auto read = validation_->Read({{Ctx("aws_acm_certificate_validation").address, *got}});
  ASSERT_TRUE(read.ok() && (*read)[0].has_value());
}

TEST_F(AcmTest, ValidationTimesOutWithAClearError) {
  Value cert = MakeCertificate();
  auto got = validation_->Create(Ctx("aws_acm_certificate_validation"),
                                 {{"certificate_arn", cert["arn"]}, {"timeout_minutes", 2}});
  ASSERT_EQ(got.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_NE(got.status().message().find("not issued within 2 minutes"), std::string::npos) << got.status().ToString();
  EXPECT_NE(got.status().message().find("PENDING_VALIDATION"), std::string::npos);
  EXPECT_LE(env_.total_slept(), std::chrono::minutes(3));
  // A pending certificate reads as not validated: the next plan waits again.
  auto read = validation_->Read({{Ctx("aws_acm_certificate_validation").address, {{"id", cert["arn"]}, {"certificate_arn", cert["arn"]}}}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(AcmTest, ValidationStopsAtOnceWhenAcmGivesUp) {
  Value cert = MakeCertificate();
  acm_.final_status = "FAILED";
  auto got = validation_->Create(Ctx("aws_acm_certificate_validation"), {{"certificate_arn", cert["arn"]}});
  ASSERT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(got.status().message().find("FAILED (CAA_ERROR)"), std::string::npos) << got.status().ToString();
}

}  // namespace
}  // namespace pave::aws_provider
