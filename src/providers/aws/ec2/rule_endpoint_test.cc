// aws_security_group_rule and aws_vpc_endpoint (specs) against a small in-memory EC2: the
// operation chosen by the rule's type, a duplicate rule found by its content, the endpoint's
// route tables changed in one call.
#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

Value FilterValue(const Value& in) { return in["Filters"][0]["Values"]; }

bool Listed(const Value& values, const std::string& v) {
  for (const Value& x : values) {
    if (x == v) return true;
  }
  return false;
}

class FakeEc2 {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "AuthorizeSecurityGroupIngress" || op == "AuthorizeSecurityGroupEgress") {
      const Value& p = in["IpPermissions"][0];
      Value rule = {{"GroupId", in["GroupId"]}, {"IsEgress", op == "AuthorizeSecurityGroupEgress"},
                    {"IpProtocol", p["IpProtocol"]}, {"FromPort", p.value("FromPort", -1)},
                    {"ToPort", p.value("ToPort", -1)}, {"CidrIpv4", p["IpRanges"][0]["CidrIp"]},
                    {"Tags", in.value("TagSpecifications", Value::array({{{"Tags", Value::array()}}}))[0]["Tags"]}};
      for (const auto& [id, r] : rules) {
        if (r["IsEgress"] == rule["IsEgress"] && r["CidrIpv4"] == rule["CidrIpv4"] &&
            r["IpProtocol"] == rule["IpProtocol"]) {
          return Status::AlreadyExists("duplicate").WithReason("InvalidPermission.Duplicate");
        }
      }
      std::string id = "sgr-" + std::to_string(rules.size() + 1);
      rule["SecurityGroupRuleId"] = id;
      rules[id] = rule;
      return Value{{"Return", true}, {"SecurityGroupRules", {rule}}};
    }
    if (op == "DescribeSecurityGroupRules") {
      Value out = Value::array();
      const std::string filter = in["Filters"][0]["Name"];
      for (const auto& [id, r] : rules) {
        if (Listed(FilterValue(in), GetString(r, filter == "group-id" ? "GroupId" : "SecurityGroupRuleId"))) {
          out.push_back(r);
        }
      }
      return Value{{"SecurityGroupRules", out}};
    }
    if (op == "CreateTags") {
      for (const Value& t : in["Tags"]) {
        if (rules.count(in["Resources"][0])) rules[in["Resources"][0]]["Tags"].push_back(t);
      }
      return Value::object();
    }
    if (op == "RevokeSecurityGroupIngress" || op == "RevokeSecurityGroupEgress") {
      rules.erase(in["SecurityGroupRuleIds"][0].get<std::string>());
      return Value{{"Return", true}};
    }
    if (op == "CreateVpcEndpoint") {
      endpoint = {{"VpcEndpointId", "vpce-1"}, {"VpcId", in["VpcId"]}, {"ServiceName", in["ServiceName"]},
                  {"VpcEndpointType", "Gateway"}, {"State", "pending"},
                  {"RouteTableIds", in.value("RouteTableIds", Value::array())},
                  {"Tags", in["TagSpecifications"][0]["Tags"]}};
      return Value{{"VpcEndpoint", endpoint}};
    }
    if (op == "DescribeVpcEndpoints") {
      if (!Listed(FilterValue(in), GetString(endpoint, "VpcId"))) return Value{{"VpcEndpoints", Value::array()}};
      Value shown = endpoint;
      if (endpoint["State"] == "pending") endpoint["State"] = "available";  // available on the next look
      if (endpoint["State"] == "deleting") endpoint["State"] = "deleted";
      return Value{{"VpcEndpoints", {shown}}};
    }
    if (op == "ModifyVpcEndpoint") {
      Value tables = Value::array();
      for (const Value& t : endpoint["RouteTableIds"]) {
        if (!Listed(in.value("RemoveRouteTableIds", Value::array()), t)) tables.push_back(t);
      }
      for (const Value& t : in.value("AddRouteTableIds", Value::array())) tables.push_back(t);
      endpoint["RouteTableIds"] = tables;
      endpoint["State"] = "pending";
      return Value{{"Return", true}};
    }
    if (op == "DeleteVpcEndpoints") {
      endpoint["State"] = "deleting";
      return Value{{"Unsuccessful", Value::array()}};
    }
    if (op == "GetCallerIdentity") return Value{{"Account", "123456789012"}};
    return Status::Unimplemented(op);
  }

  std::map<std::string, Value> rules;
  Value endpoint = Value::object();
};

class RuleEndpointTest : public ::testing::Test {
 protected:
  RuleEndpointTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return ec2_.Handle(op, in); }) {
    deps_ = AwsTypeDeps{.client = &client_, .env = &env_, .poll = PollOptions{},
                        .account = std::make_shared<AccountId>(&client_)};
  }

  static OperationContext Ctx(const std::string& type, const std::string& name) {
    OperationContext ctx;
    ctx.address = {type, name};
    ctx.platform = "shop";
    ctx.idempotency_token = "tok-" + name;
    return ctx;
  }

  static Value Rule(const std::string& type, const std::string& cidr) {
    return {{"security_group_id", "sg-1"}, {"type", type}, {"protocol", "-1"}, {"cidr_ipv4", cidr},
            {"from_port", -1}, {"to_port", -1}, {"description", ""}};
  }

  FakeEc2 ec2_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(RuleEndpointTest, TheRuleTypeChoosesTheOperations) {
  auto rule = NewSecurityGroupRuleType(deps_);
  auto made = rule->Create(Ctx("aws_security_group_rule", "out"), Rule("egress", "0.0.0.0/0"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(client_.Count("AuthorizeSecurityGroupEgress"), 1u);
  EXPECT_EQ(client_.Count("AuthorizeSecurityGroupIngress"), 0u);
  EXPECT_EQ((*made)["id"], "sgr-1");
  EXPECT_EQ((*made)["type"], "egress");
  EXPECT_EQ((*made)["arn"], "arn:aws:ec2:eu-west-1:123456789012:security-group-rule/sgr-1");
  EXPECT_FALSE(made->contains("source_security_group_id"));
  ASSERT_TRUE(rule->Delete(Ctx("aws_security_group_rule", "out"), *made).ok());
  EXPECT_EQ(client_.Count("RevokeSecurityGroupEgress"), 1u);
  EXPECT_TRUE(ec2_.rules.empty());
}

TEST_F(RuleEndpointTest, AnUntaggedDuplicateIsTakenOverAndTaggedAnotherAddresssIsNot) {
  ec2_.rules["sgr-9"] = {{"SecurityGroupRuleId", "sgr-9"}, {"GroupId", "sg-1"}, {"IsEgress", true},
                         {"IpProtocol", "-1"}, {"FromPort", -1}, {"ToPort", -1}, {"CidrIpv4", "0.0.0.0/0"},
                         {"Tags", Value::array()}};  // the allow-all egress rule of a new group
  auto rule = NewSecurityGroupRuleType(deps_);
  auto taken = rule->Create(Ctx("aws_security_group_rule", "out"), Rule("egress", "0.0.0.0/0"));
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ((*taken)["id"], "sgr-9");
  EXPECT_EQ(client_.Count("CreateTags"), 1u);  // now tagged as this address's
  auto again = rule->Create(Ctx("aws_security_group_rule", "other"), Rule("egress", "0.0.0.0/0"));
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("not made by this platform"), std::string::npos)
      << again.status().ToString();
}

TEST_F(RuleEndpointTest, EndpointWaitsAvailableAndMovesRouteTablesInOneCall) {
  auto endpoint = NewVpcEndpointType(deps_);
  OperationContext ctx = Ctx("aws_vpc_endpoint", "s3");
  Value desired = {{"vpc_id", "vpc-1"}, {"service_name", "com.amazonaws.eu-west-1.s3"},
                   {"vpc_endpoint_type", "Gateway"}, {"route_table_ids", {"rtb-a", "rtb-b"}}};
  auto made = endpoint->Create(ctx, desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["state"], "available");
  EXPECT_EQ(client_.calls()[0].input["ClientToken"], "tok-s3");
  desired["route_table_ids"] = {"rtb-c", "rtb-b"};
  auto moved = endpoint->Update(ctx, *made, desired);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_EQ(client_.Count("ModifyVpcEndpoint"), 1u);
  for (const auto& c : client_.calls()) {
    if (c.operation != "ModifyVpcEndpoint") continue;
    EXPECT_EQ(c.input["AddRouteTableIds"], Value({"rtb-c"}));
    EXPECT_EQ(c.input["RemoveRouteTableIds"], Value({"rtb-a"}));
  }
  EXPECT_EQ((*moved)["route_table_ids"], Value({"rtb-c", "rtb-b"}));  // in the order written
  EXPECT_EQ((*moved)["state"], "available");
  ASSERT_TRUE(endpoint->Delete(ctx, *moved).ok());
  EXPECT_EQ(ec2_.endpoint["State"], "deleted");  // waited for, not only asked
}

}  // namespace
}  // namespace pave::aws_provider
