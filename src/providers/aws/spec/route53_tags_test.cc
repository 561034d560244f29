// TagStyle::kRoute53 run generically: a hosted zone spec written here (no tags at create,
// ChangeTagsForResource by bare id after it), checked against the embedded route53 model and
// run against a small in-memory Route53.
#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_check.h"
#include "providers/aws/spec/spec_type.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

ResourceSpec ZoneSpec() {
  return {
      .type = "aws_route53_zone",
      .description = "a hosted zone",
      .service = "route53",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "domain",
                      .create_member = "Name",
                      .read_member = "Name"}},
      .create = {.operation = "CreateHostedZone",
                 .id_output = "HostedZone.Id",
                 .token_member = "CallerReference"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListHostedZones",
               .result_key = "HostedZones",
               .item_key = "Id"},
      .tags = {.style = TagStyle::kRoute53,
               .tag_operation = "ChangeTagsForResource",
               .resource_member = "ResourceId",
               .resource_attribute = "id",
               .resource_constants = {{"ResourceType", "hostedzone"}},
               .tags_member = "AddTags",
               .keys_member = "RemoveTagKeys",
               .list_operation = "ListTagsForResource",
               .list_result = "ResourceTagSet.Tags",
               .batch_list_operation = "ListTagsForResources",
               .batch_ids_member = "ResourceIds",
               .batch_result = "ResourceTagSets"},
      .del = {.operation = "DeleteHostedZone", .key_member = "Id"},
  };
}

class FakeRoute53 {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "CreateHostedZone") {
      std::string id = "/hostedzone/Z" + std::to_string(zones_.size() + 1);
      zones_[id] = {{"Id", id}, {"Name", in["Name"]}};
      return Value{{"HostedZone", zones_[id]}};
    }
    if (op == "ListHostedZones") {
      Value out = Value::array();
      for (const auto& [id, z] : zones_) out.push_back(z);
      return Value{{"HostedZones", out}};
    }
    if (op == "ChangeTagsForResource") {
      Value& tags = tags_[GetString(in, "ResourceId")];
      if (!tags.is_object()) tags = Value::object();
      for (const Value& t : in.value("AddTags", Value::array()))
        tags[GetString(t, "Key")] = t["Value"];
      for (const Value& k : in.value("RemoveTagKeys", Value::array()))
        tags.erase(k.get<std::string>());
    }
    if (op == "ListTagsForResources") {
      Value sets = Value::array();
      for (const Value& id : in["ResourceIds"]) {
        Value list = Value::array();
        for (const auto& [k, v] : tags_[id.get<std::string>()].items())
          list.push_back({{"Key", k}, {"Value", v}});
        sets.push_back({{"ResourceId", id}, {"Tags", list}});
      }
      return Value{{"ResourceTagSets", sets}};
    }
    return Value::object();
  }
  std::map<std::string, Value> zones_;
  std::map<std::string, Value> tags_;  // by bare zone id, as Route53 names them
};

class Route53TagsTest : public ::testing::Test {
 protected:
  Route53TagsTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) {
          return r53_.Handle(op, in);
        }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = nullptr},
        type_(NewSpecType(deps_, ZoneSpec())) {}

  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"aws_route53_zone", "main"};
    ctx.platform = "shop";
    ctx.idempotency_token = "tok";
    return ctx;
  }

  FakeRoute53 r53_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST(Route53TagSpecTest, ASpecWithRoute53TagsMatchesTheModelAndTyposFail) {
  const aws::ModelRegistry& models = aws::ModelRegistry::Embedded();
  EXPECT_EQ(CheckSpec(ZoneSpec(), models), std::vector<std::string>());
  ResourceSpec spec = ZoneSpec();
  spec.tags.keys_member = "RemoveKeys";
  spec.tags.create_member = "Tags";
  auto problems = CheckSpec(spec, models);
  ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "aws_route53_zone: route53 tags are not given at create, not as Tags");
  EXPECT_EQ(problems[1], "aws_route53_zone: ChangeTagsForResource input has no member RemoveKeys");
}

TEST_F(Route53TagsTest, CreateTagsTheZoneByItsBareIdRightAfterTheCreate) {
  auto got = type_->Create(Ctx(), {{"name", "example.org."}, {"tags", {{"team", "web"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const auto calls = client_.calls();
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[0].operation, "CreateHostedZone");
  EXPECT_FALSE(calls[0].input.contains("Tags"));
  EXPECT_EQ(calls[0].input["CallerReference"], "tok");
  const auto& tag = calls[1];
  EXPECT_EQ(tag.operation, "ChangeTagsForResource");
  EXPECT_EQ(tag.input["ResourceType"], "hostedzone");
  EXPECT_EQ(tag.input["ResourceId"], "Z1");
  EXPECT_EQ(r53_.tags_["Z1"]["team"], "web");
  EXPECT_EQ(r53_.tags_["Z1"]["pave:address"], "aws_route53_zone.main");
  EXPECT_EQ(r53_.tags_["Z1"]["pave:token"], "tok");
  EXPECT_EQ((*got)["id"], "/hostedzone/Z1");
  EXPECT_EQ((*got)["tags"], Value({{"team", "web"}}));
}

TEST_F(Route53TagsTest, UpdateAddsAndRemovesInOneCall) {
  auto made = type_->Create(Ctx(), {{"name", "example.org."}, {"tags", {{"team", "web"}}}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  size_t before = client_.Count("ChangeTagsForResource");
  auto got = type_->Update(Ctx(), *made, {{"name", "example.org."}, {"tags", {{"owner", "ops"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("ChangeTagsForResource") - before, 1u);
  EXPECT_FALSE(r53_.tags_["Z1"].contains("team"));
  EXPECT_EQ(r53_.tags_["Z1"]["owner"], "ops");
  EXPECT_EQ((*got)["tags"], Value({{"owner", "ops"}}));
}

TEST_F(Route53TagsTest, ReadTakesTheTagsOfEveryZoneInOneCallAndSeesDrift) {
  auto a = type_->Create(Ctx(), {{"name", "a.example.org."}, {"tags", {{"team", "web"}}}});
  auto b = type_->Create(Ctx(), {{"name", "b.example.org."}, {"tags", {{"team", "db"}}}});
  ASSERT_TRUE(a.ok() && b.ok());
  r53_.tags_["Z2"]["team"] = "changed by hand";
  size_t before = client_.Count("ListTagsForResources");
  auto got = type_->Read({{Ctx().address, *a}, {Ctx().address, *b}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("ListTagsForResources") - before, 1u);
  ASSERT_TRUE((*got)[0] && (*got)[1]);
  EXPECT_EQ((*(*got)[0])["tags"], Value({{"team", "web"}}));
  EXPECT_EQ((*(*got)[1])["tags"], Value({{"team", "changed by hand"}}));
}

}  // namespace
}  // namespace pave::aws_provider
