#include "engine/planner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/secret.h"
#include "testing/fake_provider.h"

namespace pave {
namespace {

using ::testing::HasSubstr;

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("aws_vpc", {FakeAttr("cidr", AttrType::kString, {.required = true, .force_new = true}), FakeAttr("name"),
                    FakeAttr("enable_dns", AttrType::kBool, {.default_value = Value(true)}),
                    FakeAttr("arn", AttrType::kString, {.computed = true}), FakeAttr("tags", AttrType::kMap)});
    Add("aws_subnet", {FakeAttr("vpc_id", AttrType::kString, {.required = true, .force_new = true}),
                       FakeAttr("vpc_arn"), FakeAttr("name"), FakeAttr("zone", AttrType::kString, {.computed = true})});
    Add("aws_db", {FakeAttr("password", AttrType::kString, {.required = true, .secret = true}),
                   FakeAttr("port", AttrType::kInt, {.default_value = Value(5432)}),
                   FakeAttr("endpoint", AttrType::kString, {.computed = true})});
    Add("aws_param", {FakeAttr("name"), FakeAttr("value", AttrType::kString, {.secret = true})});
    state_.lineage = "lin-1";
    state_.serial = 7;
  }
  void Add(const std::string& type, std::vector<AttributeSchema> attrs) {
    ResourceSchema s;
    s.type = type;
    s.attributes = std::move(attrs);
    registry_.Register(std::make_unique<FakeResourceType>(s));
  }
  void Declare(const std::string& type, const std::string& name, Value props, std::vector<ResourceAddress> deps = {}) {
    int line = static_cast<int>(config_.resources.size()) + 1;
    config_.resources.push_back(ResourceConfig{{type, name}, std::move(props), std::move(deps), {"p.yaml", line, 3}});
  }
  void InState(const std::string& type, const std::string& name, Value attrs, std::vector<ResourceAddress> deps = {}) {
    state_.Put(ResourceState{{type, name}, std::move(attrs), std::move(deps)});
  }
  Plan MustPlan(PlanOptions options = {}) {
    Result<Plan> p = MakePlan(config_, state_, registry_, options);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : Plan{};
  }
  std::string PlanError() {
    Result<Plan> p = MakePlan(config_, state_, registry_, {});
    EXPECT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    return p.status().message();
  }
  static const Change& ChangeOf(const Plan& p, const std::string& address) {
    for (const Change& c : p.changes) {
      if (c.address.ToString() == address) return c;
    }
    ADD_FAILURE() << "no change for " << address;
    static Change none;
    return none;
  }
  static const AttributeChange* Diff(const Change& c, const std::string& name) {
    for (const AttributeChange& a : c.diff) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }
  // A state as the executor would leave it after creating the usual three resources.
  void UsualStateAndConfig() {
    Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}, {"name", "main"}});
    Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}, {"vpc_arn", "${aws_vpc.main.arn}"}});
    Declare("aws_subnet", "b", {{"vpc_id", "${aws_vpc.main.id}"}, {"name", "b-${aws_vpc.main.name}"}});
    InState("aws_vpc", "main", {{"id", "vpc-1"}, {"cidr", "10.0.0.0/16"}, {"name", "main"}, {"enable_dns", true}, {"arn", "arn:vpc-1"}});
    InState("aws_subnet", "a", {{"id", "sn-a"}, {"vpc_id", "vpc-1"}, {"vpc_arn", "arn:vpc-1"}, {"zone", "z1"}}, {{"aws_vpc", "main"}});
    InState("aws_subnet", "b", {{"id", "sn-b"}, {"vpc_id", "vpc-1"}, {"name", "b-main"}, {"zone", "z2"}}, {{"aws_vpc", "main"}});
  }

  ProviderRegistry registry_;
  Config config_{"demo", {}};
  State state_;
};

TEST_F(PlannerTest, CreatesEverythingIntoAnEmptyState) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}, {"name", "a"}});
  Plan p = MustPlan();
  EXPECT_EQ(p.platform, "demo");
  EXPECT_EQ(p.lineage, "lin-1");
  EXPECT_EQ(p.serial, 7);
  ASSERT_EQ(p.changes.size(), 2u);
  EXPECT_EQ(p.changes[0].address.ToString(), "aws_subnet.a");  // sorted by address
  EXPECT_EQ(p.changes[1].address.ToString(), "aws_vpc.main");
  EXPECT_EQ(p.Count(Action::kCreate), 2u);

  const Change& vpc = ChangeOf(p, "aws_vpc.main");
  EXPECT_TRUE(vpc.prior.is_null());
  ASSERT_NE(Diff(vpc, "cidr"), nullptr);
  EXPECT_EQ(Diff(vpc, "cidr")->after, "10.0.0.0/16");
  ASSERT_NE(Diff(vpc, "enable_dns"), nullptr) << "defaults apply";
  EXPECT_EQ(Diff(vpc, "enable_dns")->after, true);
  EXPECT_EQ(vpc.properties["enable_dns"], true);
  EXPECT_EQ(Diff(vpc, "arn"), nullptr) << "computed and not configured";

  const Change& subnet = ChangeOf(p, "aws_subnet.a");
  ASSERT_NE(Diff(subnet, "vpc_id"), nullptr);
  EXPECT_TRUE(Diff(subnet, "vpc_id")->after_unknown);
  EXPECT_TRUE(Diff(subnet, "vpc_id")->after.is_null());
  EXPECT_EQ(subnet.properties["vpc_id"], "${aws_vpc.main.id}") << "references stay for the executor";
  EXPECT_EQ(subnet.depends_on, (std::vector<ResourceAddress>{{"aws_vpc", "main"}}));
}

TEST_F(PlannerTest, MatchingStateIsAllNoOp) {
  UsualStateAndConfig();
  Plan p = MustPlan();
  ASSERT_EQ(p.changes.size(), 3u);
  EXPECT_FALSE(p.HasChanges());
  for (const Change& c : p.changes) {
    EXPECT_EQ(c.action, Action::kNoOp) << c.address.ToString();
    EXPECT_TRUE(c.diff.empty()) << c.address.ToString();
  }
}

TEST_F(PlannerTest, InPlaceChangeIsAnUpdate) {
  UsualStateAndConfig();
  config_.resources[0].properties["tags"] = {{"team", "platform"}};
  Plan p = MustPlan();
  const Change& vpc = ChangeOf(p, "aws_vpc.main");
  EXPECT_EQ(vpc.action, Action::kUpdate);
  ASSERT_EQ(vpc.diff.size(), 1u);
  EXPECT_EQ(vpc.diff[0].name, "tags");
  EXPECT_TRUE(vpc.diff[0].before.is_null());
  EXPECT_EQ(vpc.diff[0].after, (Value{{"team", "platform"}}));
  EXPECT_FALSE(vpc.diff[0].forces_replacement);
  EXPECT_EQ(vpc.prior["id"], "vpc-1");
  // subnet.a references the computed arn of a resource being updated: known only after apply.
  const Change& a = ChangeOf(p, "aws_subnet.a");
  EXPECT_EQ(a.action, Action::kUpdate);
  ASSERT_NE(Diff(a, "vpc_arn"), nullptr);
  EXPECT_TRUE(Diff(a, "vpc_arn")->after_unknown);
  EXPECT_EQ(Diff(a, "vpc_arn")->before, "arn:vpc-1");
  // subnet.b references the id (stable across updates) and a configured name: no change.
  EXPECT_EQ(ChangeOf(p, "aws_subnet.b").action, Action::kNoOp);
}

TEST_F(PlannerTest, StableComputedAttributesKeepTheirValueThroughAnUpdate) {
  registry_ = ProviderRegistry();
  Add("aws_vpc", {FakeAttr("cidr", AttrType::kString, {.required = true, .force_new = true}), FakeAttr("name"),
                  FakeAttr("arn", AttrType::kString, {.computed = true, .stable = true}),
                  FakeAttr("tags", AttrType::kMap)});
  Add("aws_subnet", {FakeAttr("vpc_id", AttrType::kString, {.required = true, .force_new = true}),
                     FakeAttr("vpc_arn"), FakeAttr("name"), FakeAttr("zone", AttrType::kString, {.computed = true})});
  UsualStateAndConfig();
  config_.resources[0].properties["tags"] = {{"team", "platform"}};
  Plan p = MustPlan();
  EXPECT_EQ(ChangeOf(p, "aws_vpc.main").action, Action::kUpdate);
  // The arn is stable: subnet.a, which refers to it, has nothing to do.
  EXPECT_EQ(ChangeOf(p, "aws_subnet.a").action, Action::kNoOp);
  // A replacement still makes it unknown.
  config_.resources[0].properties["cidr"] = "10.1.0.0/16";
  Plan r = MustPlan();
  EXPECT_EQ(ChangeOf(r, "aws_vpc.main").action, Action::kReplace);
  EXPECT_EQ(ChangeOf(r, "aws_subnet.a").action, Action::kReplace);
}

TEST_F(PlannerTest, UnorderedListsAreComparedAsSets) {
  Add("aws_cluster", {FakeAttr("subnets", AttrType::kList, {.unordered = true}),
                      FakeAttr("zones", AttrType::kList)});
  Declare("aws_cluster", "main", {{"subnets", {"sn-b", "sn-a", "sn-c"}}, {"zones", {"b", "a"}}});
  InState("aws_cluster", "main", {{"id", "c-1"}, {"subnets", {"sn-a", "sn-b", "sn-c"}}, {"zones", {"b", "a"}}});
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_cluster.main").action, Action::kNoOp);
  // Another member, or a repeated one, is a change; so is another order of an ordered list.
  config_.resources[0].properties["subnets"] = {"sn-b", "sn-a", "sn-a"};
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_cluster.main").action, Action::kUpdate);
  config_.resources[0].properties["subnets"] = {"sn-c", "sn-b", "sn-a"};
  config_.resources[0].properties["zones"] = {"a", "b"};
  Plan p = MustPlan();
  ASSERT_EQ(ChangeOf(p, "aws_cluster.main").diff.size(), 1u);
  EXPECT_EQ(ChangeOf(p, "aws_cluster.main").diff[0].name, "zones");
}

TEST_F(PlannerTest, InterpolatedReferenceToChangedValueUpdates) {
  UsualStateAndConfig();
  config_.resources[0].properties["name"] = "prod";
  Plan p = MustPlan();
  const Change& b = ChangeOf(p, "aws_subnet.b");
  EXPECT_EQ(b.action, Action::kUpdate);
  ASSERT_NE(Diff(b, "name"), nullptr);
  EXPECT_EQ(Diff(b, "name")->before, "b-main");
  EXPECT_EQ(Diff(b, "name")->after, "b-prod");
  EXPECT_FALSE(Diff(b, "name")->after_unknown);
}

TEST_F(PlannerTest, ForceNewChangeReplacesAndCascadesThroughUnknownIds) {
  UsualStateAndConfig();
  config_.resources[0].properties["cidr"] = "10.1.0.0/16";
  Plan p = MustPlan();
  const Change& vpc = ChangeOf(p, "aws_vpc.main");
  EXPECT_EQ(vpc.action, Action::kReplace);
  ASSERT_NE(Diff(vpc, "cidr"), nullptr);
  EXPECT_TRUE(Diff(vpc, "cidr")->forces_replacement);
  EXPECT_EQ(Diff(vpc, "cidr")->before, "10.0.0.0/16");
  // The new VPC has a new id, and vpc_id is force_new on subnets: both subnets are replaced.
  for (const char* s : {"aws_subnet.a", "aws_subnet.b"}) {
    const Change& c = ChangeOf(p, s);
    EXPECT_EQ(c.action, Action::kReplace) << s;
    ASSERT_NE(Diff(c, "vpc_id"), nullptr) << s;
    EXPECT_TRUE(Diff(c, "vpc_id")->after_unknown);
    EXPECT_TRUE(Diff(c, "vpc_id")->forces_replacement);
  }
  // A configured, non-computed attribute of the replaced VPC is still known.
  const AttributeChange* name = Diff(ChangeOf(p, "aws_subnet.b"), "name");
  EXPECT_EQ(name, nullptr) << "b-main is unchanged";
}

TEST_F(PlannerTest, RemovedOptionalAttributeDiffsToNullAndComputedIsIgnored) {
  UsualStateAndConfig();
  config_.resources[0].properties.erase("name");
  Plan p = MustPlan();
  const Change& vpc = ChangeOf(p, "aws_vpc.main");
  EXPECT_EQ(vpc.action, Action::kUpdate);
  ASSERT_EQ(vpc.diff.size(), 1u) << "arn (computed, not configured) is not compared";
  EXPECT_EQ(vpc.diff[0].name, "name");
  EXPECT_EQ(vpc.diff[0].before, "main");
  EXPECT_TRUE(vpc.diff[0].after.is_null());
  EXPECT_FALSE(vpc.diff[0].after_unknown);
}

TEST_F(PlannerTest, DefaultDiffersFromStateUpdates) {
  UsualStateAndConfig();
  state_.FindMutable({"aws_vpc", "main"})->attributes["enable_dns"] = false;
  Plan p = MustPlan();
  const Change& vpc = ChangeOf(p, "aws_vpc.main");
  EXPECT_EQ(vpc.action, Action::kUpdate);
  ASSERT_NE(Diff(vpc, "enable_dns"), nullptr);
  EXPECT_EQ(Diff(vpc, "enable_dns")->after, true);
}

TEST_F(PlannerTest, AStateWrittenBeforeAnAttributeExistedHoldsItsDefault) {
  UsualStateAndConfig();
  state_.FindMutable({"aws_vpc", "main"})->attributes.erase("enable_dns");  // an older pave's state
  Plan p = MustPlan();
  EXPECT_EQ(ChangeOf(p, "aws_vpc.main").action, Action::kNoOp);
  config_.resources[0].properties["enable_dns"] = false;  // not the default: a real change
  Plan changed = MustPlan();
  const Change& vpc = ChangeOf(changed, "aws_vpc.main");
  EXPECT_EQ(vpc.action, Action::kUpdate);
  ASSERT_NE(Diff(vpc, "enable_dns"), nullptr);
  EXPECT_EQ(Diff(vpc, "enable_dns")->after, false);
}

TEST_F(PlannerTest, AJsonAttributeIsComparedParsed) {
  AttributeSchema policy = FakeAttr("policy", AttrType::kString, {.required = true});
  policy.json = true;
  Add("aws_iam_group_policy", {policy});
  // AWS answers the document normalized; the file has it with spaces and another key order.
  InState("aws_iam_group_policy", "p", {{"id", "g:p"}, {"policy", R"({"Statement":[],"Version":"2012-10-17"})"}});
  Declare("aws_iam_group_policy", "p", {{"policy", R"({"Version": "2012-10-17", "Statement": []})"}});
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_iam_group_policy.p").action, Action::kNoOp);
  config_.resources[0].properties["policy"] = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny"}]})";
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_iam_group_policy.p").action, Action::kUpdate);
  config_.resources[0].properties["policy"] = "not json";  // compared as text: a change
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_iam_group_policy.p").action, Action::kUpdate);
}

TEST_F(PlannerTest, InStateNotInConfigIsDeletedWithStateDependencies) {
  UsualStateAndConfig();
  config_.resources.pop_back();  // drop aws_subnet.b
  Plan p = MustPlan();
  const Change& b = ChangeOf(p, "aws_subnet.b");
  EXPECT_EQ(b.action, Action::kDelete);
  EXPECT_EQ(b.prior["id"], "sn-b");
  EXPECT_EQ(b.depends_on, (std::vector<ResourceAddress>{{"aws_vpc", "main"}}));
  EXPECT_EQ(p.Count(Action::kDelete), 1u);
  EXPECT_EQ(p.Count(Action::kNoOp), 2u);
}

TEST_F(PlannerTest, DestroyDeletesEverythingInState) {
  UsualStateAndConfig();
  PlanOptions o;
  o.destroy = true;
  Plan p = MustPlan(o);
  EXPECT_TRUE(p.destroy);
  ASSERT_EQ(p.changes.size(), 3u);
  EXPECT_EQ(p.Count(Action::kDelete), 3u);
  EXPECT_EQ(ChangeOf(p, "aws_subnet.a").depends_on, (std::vector<ResourceAddress>{{"aws_vpc", "main"}}));
}

TEST_F(PlannerTest, VanishedResourceIsCreatedAgainWithAReason) {
  UsualStateAndConfig();
  state_.Remove({"aws_subnet", "a"});
  PlanOptions o;
  o.vanished = {{"aws_subnet", "a"}};
  Plan p = MustPlan(o);
  const Change& a = ChangeOf(p, "aws_subnet.a");
  EXPECT_EQ(a.action, Action::kCreate);
  EXPECT_EQ(a.reason, "deleted outside pave");
  EXPECT_EQ(ChangeOf(p, "aws_subnet.b").reason, "");
}

TEST_F(PlannerTest, SecretsAppearOnlyAsFingerprints) {
  Declare("aws_db", "main", {{"password", "hunter2-plaintext"}});
  Declare("aws_param", "pw", {{"name", "/db/pw"}, {"value", "${aws_db.main.password}"}});
  Plan p = MustPlan();
  const Change& db = ChangeOf(p, "aws_db.main");
  ASSERT_NE(Diff(db, "password"), nullptr);
  EXPECT_TRUE(Diff(db, "password")->secret);
  EXPECT_EQ(Diff(db, "password")->after, SecretFingerprint("lin-1", Value("hunter2-plaintext")));
  EXPECT_EQ(Diff(db, "port")->after, 5432);
  const Change& param = ChangeOf(p, "aws_param.pw");
  EXPECT_EQ(Diff(param, "value")->after, SecretFingerprint("lin-1", Value("hunter2-plaintext")))
      << "a secret referencing a configured secret is known at plan time";
  for (const Change& c : p.changes) {
    std::string shown = c.prior.dump() + c.properties.dump();
    for (const AttributeChange& a : c.diff) shown += a.before.dump() + a.after.dump();
    EXPECT_THAT(shown, ::testing::Not(HasSubstr("hunter2"))) << c.address.ToString();
  }
  EXPECT_EQ(db.secrets["password"], "hunter2-plaintext") << "kept apart for the executor";
}

TEST_F(PlannerTest, SecretComparedByFingerprint) {
  Declare("aws_db", "main", {{"password", "pw-1"}});
  InState("aws_db", "main", {{"id", "db-1"}, {"port", 5432}, {"endpoint", "e"},
                             {"password", SecretFingerprint("lin-1", Value("pw-1"))}});
  EXPECT_FALSE(MustPlan().HasChanges());
  config_.resources[0].properties["password"] = "pw-2";
  Plan p = MustPlan();
  const Change& db = ChangeOf(p, "aws_db.main");
  EXPECT_EQ(db.action, Action::kUpdate);
  ASSERT_EQ(db.diff.size(), 1u);
  EXPECT_EQ(db.diff[0].before, SecretFingerprint("lin-1", Value("pw-1")));
  EXPECT_EQ(db.diff[0].after, SecretFingerprint("lin-1", Value("pw-2")));
  PlanOptions other;
  other.lineage = "another";
  EXPECT_EQ(ChangeOf(*MakePlan(config_, state_, registry_, other), "aws_db.main").diff[0].after,
            SecretFingerprint("another", Value("pw-2")));
}

TEST_F(PlannerTest, AllConfigErrorsAtOnceWithLocations) {
  Declare("aws_vcp", "main", {{"cidr", "10.0.0.0/16"}});                       // line 1: unknown type
  Declare("aws_vpc", "main", {{"cidr_block", "x"}, {"enable_dns", "yes"}});   // line 2: unknown attr, missing cidr, type
  Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.mian.id}"}});             // line 3: undeclared
  Declare("aws_subnet", "b", {{"vpc_id", "${aws_vpc.main.idd}"}, {"name", "${aws_vpc.main}"}});  // line 4
  Declare("aws_subnet", "c", {{"vpc_id", "x"}}, {{"aws_nat", "gw"}});         // line 5: depends_on undeclared
  std::string err = PlanError();
  EXPECT_THAT(err, HasSubstr("p.yaml:1:3: aws_vcp.main: unknown resource type \"aws_vcp\" (did you mean \"aws_vpc\"?)"));
  EXPECT_THAT(err, HasSubstr("p.yaml:2:3: aws_vpc.main: unknown attribute \"cidr_block\""));
  EXPECT_THAT(err, HasSubstr("p.yaml:2:3: aws_vpc.main: missing required attribute \"cidr\""));
  EXPECT_THAT(err, HasSubstr("p.yaml:2:3: aws_vpc.main: attribute \"enable_dns\" must be a bool, got string"));
  EXPECT_THAT(err, HasSubstr("p.yaml:3:3: aws_subnet.a: attribute \"vpc_id\" refers to undeclared resource aws_vpc.mian"));
  EXPECT_THAT(err, HasSubstr("p.yaml:4:3: aws_subnet.b: attribute \"vpc_id\" refers to unknown attribute \"idd\" of aws_vpc.main"));
  EXPECT_THAT(err, HasSubstr("p.yaml:4:3: aws_subnet.b: attribute \"name\": malformed reference"));
  EXPECT_THAT(err, HasSubstr("p.yaml:5:3: aws_subnet.c: depends_on names undeclared resource aws_nat.gw"));
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 7) << err;
}

TEST_F(PlannerTest, CycleIsAnErrorWithTheFullCycle) {
  Declare("aws_subnet", "a", {{"vpc_id", "${aws_subnet.b.id}"}});
  Declare("aws_subnet", "b", {{"vpc_id", "x"}, {"name", "${aws_vpc.main.name}"}});
  Declare("aws_vpc", "main", {{"cidr", "c"}, {"name", "${aws_subnet.a.name}"}});
  std::string err = PlanError();
  EXPECT_EQ(err, "p.yaml:1:3: dependency cycle: aws_subnet.a -> aws_subnet.b -> aws_vpc.main -> aws_subnet.a");
}

TEST_F(PlannerTest, SecretReferencedFromPlainAttributeIsAnError) {
  Declare("aws_db", "main", {{"password", "pw"}});
  Declare("aws_param", "p", {{"name", "pw is ${aws_db.main.password}"}});
  EXPECT_THAT(PlanError(), HasSubstr("aws_param.p: attribute \"name\" refers to secret ${aws_db.main.password}"));
}

TEST_F(PlannerTest, ResolvedReferenceOfTheWrongTypeIsAnError) {
  Declare("aws_db", "main", {{"password", "pw"}, {"port", 5432}});
  InState("aws_db", "main", {{"id", "db-1"}, {"port", 5432}, {"password", SecretFingerprint("lin-1", Value("pw"))}});
  Declare("aws_param", "p", {{"name", "${aws_db.main.port}"}});
  EXPECT_THAT(PlanError(), HasSubstr("p.yaml:2:3: aws_param.p: attribute \"name\" must be a string, got int"));
}

TEST_F(PlannerTest, DuplicateDeclarationIsAnError) {
  Declare("aws_vpc", "main", {{"cidr", "a"}});
  Declare("aws_vpc", "main", {{"cidr", "b"}});
  EXPECT_THAT(PlanError(), HasSubstr("p.yaml:2:3: aws_vpc.main: declared twice (first at p.yaml:1:3)"));
}

TEST_F(PlannerTest, PlannerNeverCallsProviders) {
  UsualStateAndConfig();
  config_.resources[0].properties["cidr"] = "10.9.0.0/16";
  (void)MustPlan();
  auto* vpc = static_cast<FakeResourceType*>(registry_.Find("aws_vpc"));
  for (FakeMethod m : {FakeMethod::kCreate, FakeMethod::kRead, FakeMethod::kUpdate, FakeMethod::kDelete, FakeMethod::kFind}) {
    EXPECT_EQ(vpc->calls(m), 0) << FakeMethodName(m);
  }
}

TEST_F(PlannerTest, AVersionDowngradeIsRefusedWithTheReason) {
  AttributeSchema version = FakeAttr("version", AttrType::kString, {.computed = true});
  version.monotonic = true;
  Add("aws_cluster", {FakeAttr("name"), version});
  Declare("aws_cluster", "main", {{"name", "c"}, {"version", "1.31"}});
  InState("aws_cluster", "main", {{"id", "c"}, {"name", "c"}, {"version", "1.32"}});
  std::string err = PlanError();
  EXPECT_THAT(err, HasSubstr("p.yaml:1:3: aws_cluster.main: version 1.31 is lower than the current 1.32"));
  EXPECT_THAT(err, HasSubstr("only go up"));

  config_.resources[0].properties["version"] = "1.33";  // upgrades plan as updates
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_cluster.main").action, Action::kUpdate);
  config_.resources[0].properties["version"] = "1.100";  // numeric, not lexical
  InState("aws_cluster", "main", {{"id", "c"}, {"name", "c"}, {"version", "1.99"}});
  EXPECT_EQ(ChangeOf(MustPlan(), "aws_cluster.main").action, Action::kUpdate);
}

TEST_F(PlannerTest, DeletesAndReplacesOfDataHoldersAreMarked) {
  ResourceSchema bucket;
  bucket.type = "aws_bucket";
  bucket.attributes = {FakeAttr("name", AttrType::kString, {.force_new = true})};
  bucket.holds_data = true;
  registry_.Register(std::make_unique<FakeResourceType>(bucket));
  Declare("aws_bucket", "a", {{"name", "a2"}});
  Declare("aws_vpc", "main", {{"cidr", "10.1.0.0/16"}});
  InState("aws_bucket", "a", {{"id", "a"}, {"name", "a"}});
  InState("aws_bucket", "gone", {{"id", "g"}, {"name", "g"}});
  InState("aws_vpc", "main", {{"id", "vpc-1"}, {"cidr", "10.0.0.0/16"}});
  Plan plan = MustPlan();
  EXPECT_EQ(ChangeOf(plan, "aws_bucket.a").action, Action::kReplace);
  EXPECT_TRUE(ChangeOf(plan, "aws_bucket.a").destroys_data);
  EXPECT_TRUE(ChangeOf(plan, "aws_bucket.gone").destroys_data);
  EXPECT_EQ(ChangeOf(plan, "aws_vpc.main").action, Action::kReplace);
  EXPECT_FALSE(ChangeOf(plan, "aws_vpc.main").destroys_data);  // replaced, but holds no data
  PlanOptions destroy;
  destroy.destroy = true;
  EXPECT_TRUE(ChangeOf(MustPlan(destroy), "aws_bucket.a").destroys_data);
}

}  // namespace
}  // namespace pave
