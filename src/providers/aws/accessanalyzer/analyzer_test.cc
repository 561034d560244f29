// aws_accessanalyzer_analyzer: its spec against the embedded model, and the generic type run
// through it against a small in-memory Access Analyzer (moto has no Access Analyzer).
#include "providers/aws/accessanalyzer/analyzer.h"

#include <gtest/gtest.h>

#include <map>

#include "aws/model_registry.h"
#include "providers/aws/spec/spec_check.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

class FakeAccessAnalyzer {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    std::string name = in.value("analyzerName", "");
    if (op == "CreateAnalyzer") {
      if (analyzers_.count(name)) return Status::AlreadyExists("exists").WithReason("ConflictException");
      analyzers_[name] = {{"name", name},
                          {"type", in["type"]},
                          {"arn", "arn:aws:access-analyzer:eu-west-1:1:analyzer/" + name},
                          {"status", "ACTIVE"},
                          {"tags", in.value("tags", Value::object())}};
      return Value{{"arn", analyzers_[name]["arn"]}};
    }
    if (op == "ListAnalyzers") {
      Value out = Value::array();
      for (const auto& [n, a] : analyzers_) out.push_back(a);
      return Value{{"analyzers", out}};
    }
    if (op == "TagResource" || op == "UntagResource") {
      for (auto& [n, a] : analyzers_) {
        if (a["arn"] != in["resourceArn"]) continue;
        if (op == "TagResource") a["tags"].update(in["tags"]);
        for (const Value& k : in.value("tagKeys", Value::array())) a["tags"].erase(k.get<std::string>());
      }
      return Value::object();
    }
    if (!analyzers_.count(name)) return Status::NotFound("gone").WithReason("ResourceNotFoundException");
    if (op == "DeleteAnalyzer") analyzers_.erase(name);
    return Value::object();
  }
  std::map<std::string, Value> analyzers_;
};

class AccessAnalyzerTest : public ::testing::Test {
 protected:
  AccessAnalyzerTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return aa_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = nullptr},
        type_(NewAccessAnalyzerType(deps_)) {}

  static OperationContext Ctx(const std::string& lineage = "lineage-1") {
    OperationContext ctx;
    ctx.address = {"aws_accessanalyzer_analyzer", "baseline"};
    ctx.platform = "shop";
    ctx.lineage = lineage;
    ctx.idempotency_token = "0123456789abcdef0123456789abcdef";
    return ctx;
  }

  FakeAccessAnalyzer aa_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST_F(AccessAnalyzerTest, SpecMatchesTheEmbeddedModel) {
  EXPECT_EQ(CheckSpec(AccessAnalyzerSpec(), aws::ModelRegistry::Embedded()), std::vector<std::string>());
}

TEST_F(AccessAnalyzerTest, CreateReadAndDelete) {
  Value desired = {{"name", "shop"}, {"type", "ACCOUNT"}, {"tags", {{"team", "sec"}}}};
  auto made = type_->Create(Ctx(), desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Value create = client_.calls()[0].input;
  EXPECT_EQ(create["analyzerName"], "shop");
  EXPECT_EQ(create["clientToken"], "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(aa_.analyzers_["shop"]["tags"]["pave:address"], "aws_accessanalyzer_analyzer.baseline");
  EXPECT_EQ((*made)["id"], "shop");
  EXPECT_EQ((*made)["arn"], "arn:aws:access-analyzer:eu-west-1:1:analyzer/shop");
  EXPECT_EQ((*made)["status"], "ACTIVE");
  EXPECT_EQ((*made)["tags"], Value({{"team", "sec"}}));

  ASSERT_TRUE(type_->Delete(Ctx(), *made).ok());
  EXPECT_TRUE(aa_.analyzers_.empty());
  EXPECT_TRUE(type_->Delete(Ctx(), *made).ok());  // gone already: fine
  auto read = type_->Read({{Ctx().address, *made}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(AccessAnalyzerTest, ANameTakenByAnotherStateIsRefusedNotAdopted) {
  Value desired = {{"name", "shop"}, {"type", "ACCOUNT"}, {"tags", Value::object()}};
  ASSERT_TRUE(type_->Create(Ctx("lineage-other"), desired).ok());
  auto again = type_->Create(Ctx("lineage-1"), desired);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(aa_.analyzers_["shop"]["tags"]["pave:lineage"], "lineage-other");
}

}  // namespace
}  // namespace pave::aws_provider
