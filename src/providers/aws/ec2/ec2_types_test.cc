// The EC2 types against a small scripted EC2: batching of reads, tags in create calls,
// adoption by token, NAT gateway waits.
#include "providers/aws/ec2/ec2_types.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;
using testing::RecordedCall;

// Filter values of the first filter named `name`, or empty.
std::vector<std::string> FilterValues(const Value& input, const std::string& member, const std::string& name) {
  std::vector<std::string> out;
  for (const Value& f : input.value(member, Value::array())) {
    if (f["Name"] == name) {
      for (const Value& v : f["Values"]) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

struct FakeEc2 {
  std::map<std::string, Value> vpcs;  // id -> DescribeVpcs item
  std::map<std::string, Value> nats;  // id -> item
  std::map<std::string, Value> flow_logs;  // id -> item
  std::map<std::string, Value> groups;     // id -> DescribeSecurityGroups item
  int group_in_use = 0;                    // deletes refused with DependencyViolation
  std::string flow_log_error;  // CreateFlowLogs reports this code in Unsuccessful
  int nat_pending_looks = 0;          // describes that still show "pending"/"deleting"
  int next_id = 1;

  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "GetCallerIdentity") return Value{{"Account", "123456789012"}};
    if (op == "CreateVpc") {
      std::string id = "vpc-" + std::to_string(next_id++);
      vpcs[id] = {{"VpcId", id}, {"CidrBlock", in["CidrBlock"]}, {"OwnerId", "123456789012"},
                  {"Tags", in["TagSpecifications"][0]["Tags"]}};
      return Value{{"Vpc", vpcs[id]}};
    }
    if (op == "DescribeVpcs") return Value{{"Vpcs", MatchVpcs(in)}};
    if (op == "DescribeVpcAttribute") {
      std::string member = in["Attribute"].get<std::string>();
      member[0] = 'E';
      return Value{{member, {{"Value", member == "EnableDnsSupport"}}}};
    }
    if (op == "CreateSecurityGroup") {
      std::string id = "sg-" + std::to_string(next_id++);
      groups[id] = {{"GroupId", id}, {"GroupName", in["GroupName"]}, {"Description", in["Description"]},
                    {"VpcId", in["VpcId"]}, {"OwnerId", "123456789012"},
                    {"Tags", in["TagSpecifications"][0]["Tags"]},
                    {"IpPermissionsEgress", {{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}};
      return Value{{"GroupId", id}};
    }
    if (op == "DescribeSecurityGroups" && !FilterValues(in, "Filters", "group-id").empty()) {
      Value out = Value::array();
      for (const std::string& id : FilterValues(in, "Filters", "group-id")) {
        if (groups.count(id)) out.push_back(groups[id]);
      }
      return Value{{"SecurityGroups", out}};
    }
    if (op == "RevokeSecurityGroupEgress" || op == "AuthorizeSecurityGroupEgress") {
      Value& g = groups.at(in["GroupId"].get<std::string>());
      const bool revoke = op == "RevokeSecurityGroupEgress";
      if (g["IpPermissionsEgress"].empty() == revoke) {
        return Status::InvalidArgument("no change")
            .WithReason(revoke ? "InvalidPermission.NotFound" : "InvalidPermission.Duplicate");
      }
      g["IpPermissionsEgress"] = revoke ? Value::array() : in["IpPermissions"];
      return Value::object();
    }
    if (op == "CreateTags" || op == "DeleteTags") return Value::object();
    if (op == "DeleteSecurityGroup") {
      if (group_in_use > 0) {
        --group_in_use;
        return Status::FailedPrecondition("in use").WithReason("DependencyViolation");
      }
      if (groups.erase(in["GroupId"].get<std::string>()) == 0) {
        return Status::NotFound("no group").WithReason("InvalidGroup.NotFound");
      }
      return Value::object();
    }
    if (op == "DescribeRouteTables" || op == "DescribeSecurityGroups") {
      return Value{{op == "DescribeRouteTables" ? "RouteTables" : "SecurityGroups", Value::array()}};
    }
    if (op == "ModifyVpcAttribute") return Value::object();
    if (op == "CreateNatGateway") {
      std::string id = "nat-" + std::to_string(next_id++);
      nats[id] = {{"NatGatewayId", id}, {"SubnetId", in["SubnetId"]}, {"State", "pending"},
                  {"Tags", in["TagSpecifications"][0]["Tags"]},
                  {"NatGatewayAddresses", {{{"AllocationId", in["AllocationId"]}, {"PublicIp", "1.2.3.4"}}}}};
      return Value{{"NatGateway", nats[id]}};
    }
    if (op == "DescribeNatGateways") {
      Value out = Value::array();
      std::vector<std::string> ids = FilterValues(in, "Filter", "nat-gateway-id");
      for (auto& [id, nat] : nats) {
        if (!ids.empty() && !Contains(ids, id)) continue;
        if (nat_pending_looks > 0) {
          --nat_pending_looks;
        } else if (nat["State"] == "pending") {
          nat["State"] = "available";
        } else if (nat["State"] == "deleting") {
          nat["State"] = "deleted";
        }
        out.push_back(nat);
      }
      return Value{{"NatGateways", out}};
    }
    if (op == "DeleteNatGateway") {
      nats[in["NatGatewayId"].get<std::string>()]["State"] = "deleting";
      return Value::object();
    }
    if (op == "CreateFlowLogs") {
      if (!flow_log_error.empty()) {
        return Value{{"FlowLogIds", Value::array()},
                     {"Unsuccessful", {{{"ResourceId", in["ResourceIds"][0]},
                                        {"Error", {{"Code", flow_log_error}, {"Message", "Access error"}}}}}}};
      }
      std::string id = "fl-" + std::to_string(next_id++);
      flow_logs[id] = {{"FlowLogId", id}, {"ResourceId", in["ResourceIds"][0]}, {"TrafficType", in["TrafficType"]},
                       {"LogGroupName", in.value("LogGroupName", "")}, {"LogDestination", "arn:aws:logs:x"},
                       {"DeliverLogsPermissionArn", in.value("DeliverLogsPermissionArn", "")}};
      return Value{{"FlowLogIds", {id}}};
    }
    if (op == "DescribeFlowLogs") {
      Value out = Value::array();
      for (const std::string& id : FilterValues(in, "Filter", "flow-log-id")) {
        if (flow_logs.count(id)) out.push_back(flow_logs[id]);
      }
      return Value{{"FlowLogs", out}};
    }
    if (op == "DeleteFlowLogs") {
      std::string id = in["FlowLogIds"][0];
      if (flow_logs.erase(id) == 0) {
        return Value{{"Unsuccessful", {{{"ResourceId", id}, {"Error", {{"Code", "InvalidFlowLogId.NotFound"},
                                                                        {"Message", "no such flow log"}}}}}}};
      }
      return Value{{"Unsuccessful", Value::array()}};
    }
    return Status::Unimplemented("fake ec2: " + op);
  }

  Value MatchVpcs(const Value& in) {
    Value out = Value::array();
    std::vector<std::string> ids = FilterValues(in, "Filters", "vpc-id");
    std::vector<std::string> addresses = FilterValues(in, "Filters", "tag:pave:address");
    for (const auto& [id, vpc] : vpcs) {
      if (!ids.empty() && !Contains(ids, id)) continue;
      if (!addresses.empty() && !Contains(addresses, TagListToMap(vpc["Tags"]).value("pave:address", ""))) continue;
      out.push_back(vpc);
    }
    return out;
  }
};

class Ec2TypesTest : public ::testing::Test {
 protected:
  Ec2TypesTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return ec2_.Handle(op, in); }) {
    deps_ = AwsTypeDeps{.client = &client_, .env = &env_, .poll = PollOptions{},
                        .account = std::make_shared<AccountId>(&client_)};
    ctx_.address = {"aws_vpc", "main"};
    ctx_.platform = "shop";
    ctx_.idempotency_token = "tok-7";
  }

  FakeEc2 ec2_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  OperationContext ctx_;
};

TEST_F(Ec2TypesTest, VpcReadIsOneFilteredCallAndReportsMissingOnes) {
  auto vpc = NewVpcType(deps_);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(vpc->Create(ctx_, {{"cidr_block", "10.0.0.0/16"}}).ok());
  size_t before = client_.Count("DescribeVpcs");
  auto got = vpc->Read({{{"aws_vpc", "a"}, {{"id", "vpc-1"}}},
                        {{"aws_vpc", "gone"}, {{"id", "vpc-999"}}},
                        {{"aws_vpc", "c"}, {{"id", "vpc-3"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("DescribeVpcs") - before, 1u);
  for (const RecordedCall& c : client_.calls()) EXPECT_FALSE(c.input.contains("VpcIds")) << c.operation;
  ASSERT_EQ(got->size(), 3u);
  ASSERT_TRUE((*got)[0].has_value());
  EXPECT_EQ((*(*got)[0])["cidr_block"], "10.0.0.0/16");
  EXPECT_EQ((*(*got)[0])["arn"], "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1");
  EXPECT_FALSE((*got)[1].has_value());
  EXPECT_TRUE((*got)[2].has_value());
}

TEST_F(Ec2TypesTest, VpcCreateTagsInTheCreateCallAndTurnsDnsOn) {
  auto vpc = NewVpcType(deps_);
  auto created = vpc->Create(ctx_, {{"cidr_block", "10.1.0.0/16"}, {"tags", {{"team", "net"}}}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::vector<RecordedCall> calls = client_.calls();
  const RecordedCall& create = calls.at(0);
  ASSERT_EQ(create.operation, "CreateVpc");
  Value tags = TagListToMap(create.input["TagSpecifications"][0]["Tags"]);
  EXPECT_EQ(tags["pave:platform"], "shop");
  EXPECT_EQ(tags["pave:address"], "aws_vpc.main");
  EXPECT_EQ(tags["pave:token"], "tok-7");
  EXPECT_EQ(tags["team"], "net");
  EXPECT_EQ((*created)["tags"], Value({{"team", "net"}}));  // managed tags stay hidden
  bool hostnames_on = false;
  for (const RecordedCall& c : calls) {
    if (c.operation == "ModifyVpcAttribute" && c.input.contains("EnableDnsHostnames")) {
      hostnames_on = c.input["EnableDnsHostnames"]["Value"] == true;
    }
  }
  EXPECT_TRUE(hostnames_on);
}

TEST_F(Ec2TypesTest, VpcFindPrefersTheTokenOfTheCrashedCreate) {
  auto vpc = NewVpcType(deps_);
  OperationContext older = ctx_;
  older.idempotency_token = "tok-old";
  ASSERT_TRUE(vpc->Create(older, {{"cidr_block", "10.0.0.0/16"}}).ok());  // vpc-1
  ASSERT_TRUE(vpc->Create(ctx_, {{"cidr_block", "10.0.0.0/16"}}).ok());   // vpc-2
  auto found = vpc->Find(ctx_, {{"cidr_block", "10.0.0.0/16"}});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((**found)["id"], "vpc-2");

  OperationContext other = ctx_;
  other.address = {"aws_vpc", "other"};
  auto none = vpc->Find(other, {{"cidr_block", "10.0.0.0/16"}});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(Ec2TypesTest, NatCreatePassesTheTokenAndPollsUntilAvailable) {
  auto nat = NewNatGatewayType(deps_);
  ctx_.address = {"aws_nat_gateway", "a"};
  ec2_.nat_pending_looks = 2;
  auto created = nat->Create(ctx_, {{"subnet_id", "subnet-1"}, {"allocation_id", "eipalloc-1"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(client_.calls().at(0).input["ClientToken"], "tok-7");
  EXPECT_EQ((*created)["public_ip"], "1.2.3.4");
  EXPECT_EQ((*created)["allocation_id"], "eipalloc-1");
  EXPECT_EQ(env_.total_slept(), std::chrono::milliseconds(1000 + 1500));
}

TEST_F(Ec2TypesTest, NatDeleteWaitsUntilDeletedAndReadSeesItGone) {
  auto nat = NewNatGatewayType(deps_);
  ctx_.address = {"aws_nat_gateway", "a"};
  auto created = nat->Create(ctx_, {{"subnet_id", "subnet-1"}, {"allocation_id", "eipalloc-1"}});
  ASSERT_TRUE(created.ok());
  ec2_.nat_pending_looks = 1;
  ASSERT_TRUE(nat->Delete(ctx_, *created).ok());
  EXPECT_EQ(ec2_.nats.begin()->second["State"], "deleted");
  EXPECT_EQ(env_.total_slept(), std::chrono::milliseconds(1000));  // one look saw "deleting"
  auto got = nat->Read({{ctx_.address, *created}});
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE((*got)[0].has_value());
}

TEST_F(Ec2TypesTest, FlowLogCreateGivesTheVpcAsAListAndFailsOnAnUnsuccessfulItem) {
  auto flow = NewFlowLogType(deps_);
  ctx_.address = {"aws_flow_log", "vpc"};
  Value desired = {{"vpc_id", "vpc-1"}, {"log_group_name", "/vpc/flow"}, {"iam_role_arn", "arn:aws:iam::1:role/r"},
                   {"traffic_type", "ALL"}};
  ec2_.flow_log_error = "InvalidParameter";
  auto refused = flow->Create(ctx_, desired);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "InvalidParameter");
  EXPECT_NE(refused.status().message().find("Access error"), std::string::npos) << refused.status().ToString();
  const Value input = client_.calls().back().input;
  EXPECT_EQ(input["ResourceIds"], Value::array({"vpc-1"}));
  EXPECT_EQ(input["ResourceType"], "VPC");
  EXPECT_EQ(input["ClientToken"], "tok-7");

  ec2_.flow_log_error.clear();
  auto created = flow->Create(ctx_, desired);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)["log_group_name"], "/vpc/flow");
  EXPECT_FALSE(created->contains("log_destination")) << "the same place as log_group_name: not a second diff";
  EXPECT_EQ((*created)["max_aggregation_interval"], 600) << "a member the endpoint left out reads as AWS's default";
  EXPECT_EQ((*created)["arn"], "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/" + GetString(*created, "id"));
  ASSERT_TRUE(flow->Delete(ctx_, *created).ok());
  EXPECT_TRUE(ec2_.flow_logs.empty());
  EXPECT_TRUE(flow->Delete(ctx_, *created).ok()) << "an Unsuccessful NotFound means already gone";
}

// revoke_default_egress: the allow-all egress rule revoked after the create and given back
// when turned off (one call each way; "already so" counts as done); a group still in use is
// asked again until its delete goes through.
TEST_F(Ec2TypesTest, SecurityGroupEgressIsRevokedAndGivenBackAndDeleteWaitsForUse) {
  auto sg = NewSecurityGroupType(deps_);
  ctx_.address = {"aws_security_group", "baseline"};
  Value desired = {{"name", "shop-baseline"}, {"description", "no egress"}, {"vpc_id", "vpc-1"},
                   {"revoke_default_egress", true}};
  auto made = sg->Create(ctx_, desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["revoke_default_egress"], true);
  EXPECT_EQ((*made)["description"], "no egress");
  EXPECT_EQ((*made)["arn"], "arn:aws:ec2:eu-west-1:123456789012:security-group/" + (*made)["id"].get<std::string>());
  const std::string id = (*made)["id"].get<std::string>();
  EXPECT_TRUE(ec2_.groups[id]["IpPermissionsEgress"].empty());
  EXPECT_EQ(client_.Count("RevokeSecurityGroupEgress"), 1u);

  Value open = desired;
  open["revoke_default_egress"] = false;
  auto opened = sg->Update(ctx_, *made, open);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)["revoke_default_egress"], false);
  EXPECT_EQ(ec2_.groups[id]["IpPermissionsEgress"][0]["IpRanges"][0]["CidrIp"], "0.0.0.0/0");
  // Already open (changed behind pave's back): the call's "duplicate" is success.
  ASSERT_TRUE(sg->Update(ctx_, *made, open).ok());
  EXPECT_EQ(client_.Count("AuthorizeSecurityGroupEgress"), 2u);

  auto plain = sg->Create(ctx_, {{"name", "open"}, {"description", "managed by pave"}, {"vpc_id", "vpc-1"},
                                 {"revoke_default_egress", false}});
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(client_.Count("RevokeSecurityGroupEgress"), 1u) << "the default (false) makes no call";

  ec2_.group_in_use = 2;
  ASSERT_TRUE(sg->Delete(ctx_, *opened).ok());
  EXPECT_EQ(ec2_.groups.count(id), 0u);
  EXPECT_EQ(client_.Count("DeleteSecurityGroup"), 3u);
  EXPECT_TRUE(sg->Delete(ctx_, *opened).ok()) << "already gone";
}

TEST_F(Ec2TypesTest, SchemasDeclareArnAndForceNew) {
  auto vpc = NewVpcType(deps_);
  const AttributeSchema* cidr = nullptr;
  bool has_arn = false;
  for (const AttributeSchema& a : vpc->schema().attributes) {
    if (a.name == "cidr_block") cidr = &a;
    if (a.name == "arn") has_arn = a.computed;
  }
  ASSERT_NE(cidr, nullptr);
  EXPECT_TRUE(cidr->required && cidr->force_new);
  EXPECT_TRUE(has_arn);
}

// aws_eip, a spec: the ARN is made from the account; a release refused because an address is
// held by something pave does not manage lets go of that association, then succeeds.
// A VPC with its main route table and default group. The read completes every VPC in one
// round (one Describe of route tables and of groups for all); a create strips the default
// group's rules beside the DNS call, and restores AWS's two when asked to stop restricting.
TEST(VpcTest, ReadCompletesAllVpcsInOneRoundAndTheDefaultGroupIsStrippedOrRestored) {
  std::map<std::string, Value> vpcs, groups;  // by VPC id
  int next = 1;
  std::mutex mu;  // calls come from several threads at once
  FakeAwsClient client([&](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
    std::lock_guard<std::mutex> lock(mu);
    if (op == "CreateVpc") {
      std::string id = "vpc-" + std::to_string(next++);
      vpcs[id] = {{"VpcId", id}, {"CidrBlock", in["CidrBlock"]}, {"OwnerId", "123456789012"},
                  {"Tags", in["TagSpecifications"][0]["Tags"]}};
      groups[id] = {{"GroupId", "sg-" + id}, {"GroupName", "default"}, {"VpcId", id},
                    {"IpPermissions", {{{"IpProtocol", "-1"}, {"UserIdGroupPairs", {{{"GroupId", "sg-" + id}}}}}}},
                    {"IpPermissionsEgress", {{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}};
      return Value{{"Vpc", vpcs[id]}};
    }
    std::vector<std::string> ids = FilterValues(in, "Filters", "vpc-id");
    if (op == "DescribeVpcs" || op == "DescribeRouteTables" || op == "DescribeSecurityGroups") {
      Value out = Value::array();
      for (const std::string& id : ids) {
        if (!vpcs.count(id)) continue;
        if (op == "DescribeVpcs") out.push_back(vpcs[id]);
        if (op == "DescribeSecurityGroups") out.push_back(groups[id]);
        if (op == "DescribeRouteTables") {
          out.push_back({{"RouteTableId", "rtb-" + id}, {"VpcId", id}, {"Associations", {{{"Main", true}}}}});
        }
      }
      const char* key = op == "DescribeVpcs" ? "Vpcs" : op == "DescribeRouteTables" ? "RouteTables" : "SecurityGroups";
      return Value{{key, out}};
    }
    if (op == "DescribeVpcAttribute") {
      std::string member = in["Attribute"].get<std::string>();
      member[0] = 'E';
      return Value{{member, {{"Value", true}}}};
    }
    if (op.find("SecurityGroup") != std::string::npos) {  // Revoke / Authorize, Ingress / Egress
      std::string vpc = in["GroupId"].get<std::string>().substr(3);
      const char* member = op.find("Egress") != std::string::npos ? "IpPermissionsEgress" : "IpPermissions";
      groups[vpc][member] = op.rfind("Revoke", 0) == 0 ? Value::array() : in["IpPermissions"];
      return Value::object();
    }
    if (op == "ModifyVpcAttribute" || op == "CreateTags") return Value::object();
    return Status::Unimplemented("fake ec2: " + op);
  });
  FakeClockEnv env;
  auto vpc = NewVpcType({.client = &client, .env = &env, .poll = PollOptions{}, .account = nullptr});
  OperationContext ctx;
  ctx.address = {"aws_vpc", "main"};
  ctx.platform = "shop";
  auto strict = vpc->Create(ctx, {{"cidr_block", "10.0.0.0/16"}});
  ASSERT_TRUE(strict.ok()) << strict.status().ToString();
  EXPECT_EQ(client.Count("RevokeSecurityGroupIngress"), 1u);
  EXPECT_EQ(client.Count("RevokeSecurityGroupEgress"), 1u);
  EXPECT_EQ((*strict)["restrict_default_security_group"], true);
  EXPECT_EQ((*strict)["enable_dns_hostnames"], true);
  auto open = vpc->Create(ctx, {{"cidr_block", "10.1.0.0/16"}, {"restrict_default_security_group", false}});
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(client.Count("RevokeSecurityGroupIngress"), 1u) << "left as AWS made it";

  size_t tables = client.Count("DescribeRouteTables"), described = client.Count("DescribeSecurityGroups");
  auto got = vpc->Read({{{"aws_vpc", "a"}, {{"id", "vpc-1"}}}, {{"aws_vpc", "b"}, {{"id", "vpc-2"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client.Count("DescribeRouteTables") - tables, 1u);
  EXPECT_EQ(client.Count("DescribeSecurityGroups") - described, 1u);
  ASSERT_TRUE((*got)[0] && (*got)[1]);
  EXPECT_EQ((*(*got)[0])["main_route_table_id"], "rtb-vpc-1");
  EXPECT_EQ((*(*got)[1])["default_security_group_id"], "sg-vpc-2");
  EXPECT_EQ((*(*got)[0])["restrict_default_security_group"], true);
  EXPECT_EQ((*(*got)[1])["restrict_default_security_group"], false);

  auto restored = vpc->Update(ctx, *(*got)[0], {{"cidr_block", "10.0.0.0/16"}, {"restrict_default_security_group", false}});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(client.Count("AuthorizeSecurityGroupIngress"), 1u);
  EXPECT_EQ(client.Count("AuthorizeSecurityGroupEgress"), 1u);
  EXPECT_EQ((*restored)["restrict_default_security_group"], false);
}

TEST(EipTest, ArnFromTheAccountAndReleaseLetsGoOfAForeignAssociation) {
  Value address;  // the one address, null when released
  FakeAwsClient client(
      [&](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
        if (op == "GetCallerIdentity") return Value{{"Account", "123456789012"}};
        if (op == "AllocateAddress") {
          address = {{"AllocationId", "eipalloc-1"},
                     {"Domain", in["Domain"]},
                     {"PublicIp", "203.0.113.1"},
                     {"AssociationId", "eipassoc-9"},
                     {"Tags", in["TagSpecifications"][0]["Tags"]}};
          return Value{{"AllocationId", "eipalloc-1"}};
        }
        if (op == "DescribeAddresses") {
          Value items = Value::array();
          if (!address.is_null()) items.push_back(address);
          return Value{{"Addresses", items}};
        }
        if (op == "ReleaseAddress" && address.contains("AssociationId")) {
          return Status::FailedPrecondition("in use").WithReason("InvalidIPAddress.InUse");
        }
        if (op == "ReleaseAddress") address = Value();
        if (op == "DisassociateAddress") address.erase("AssociationId");
        return Value::object();
      });
  FakeClockEnv env;
  auto eip = NewEipType(AwsTypeDeps{.client = &client,
                                    .env = &env,
                                    .poll = PollOptions{},
                                    .account = std::make_shared<AccountId>(&client)});
  OperationContext ctx;
  ctx.address = {"aws_eip", "nat_a"};
  ctx.platform = "shop";
  ctx.idempotency_token = "tok";
  auto made = eip->Create(ctx, {{"domain", "vpc"}, {"tags", {{"team", "net"}}}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["arn"], "arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-1");
  EXPECT_EQ((*made)["public_ip"], "203.0.113.1");
  EXPECT_EQ((*made)["tags"], Value({{"team", "net"}}));
  ASSERT_TRUE(eip->Delete(ctx, *made).ok());
  EXPECT_TRUE(address.is_null());
  EXPECT_EQ(client.Count("DisassociateAddress"), 1u);
  EXPECT_EQ(client.Count("ReleaseAddress"), 2u);
}

// aws_route_table, a spec: the create carries the token; the ARN names the owner; a delete
// lets go of a subnet pave did not associate (keeping the main association), waiting while
// the table is still in use.
TEST(RouteTableTest, CreateIsIdempotentAndDeleteLetsGoOfSubnets) {
  Value table;  // the one table, null when deleted
  int in_use = 1;
  FakeAwsClient client(
      [&](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
        if (op == "CreateRouteTable") {
          table = {{"RouteTableId", "rtb-1"},
                   {"VpcId", in["VpcId"]},
                   {"OwnerId", "123456789012"},
                   {"Tags", in["TagSpecifications"][0]["Tags"]},
                   {"Associations",
                    {{{"RouteTableAssociationId", "rtbassoc-main"}, {"Main", true}},
                     {{"RouteTableAssociationId", "rtbassoc-2"}, {"Main", false}}}}};
          return Value{{"RouteTable", table}};
        }
        if (op == "DescribeRouteTables") {
          Value items = Value::array();
          if (!table.is_null()) items.push_back(table);
          return Value{{"RouteTables", items}};
        }
        if (op == "DisassociateRouteTable") {
          Value kept = Value::array();
          for (const Value& a : table["Associations"]) {
            if (a["RouteTableAssociationId"] != in["AssociationId"]) kept.push_back(a);
          }
          table["Associations"] = kept;
        }
        if (op == "DeleteRouteTable" && in_use-- > 0) {
          return Status::FailedPrecondition("in use").WithReason("DependencyViolation");
        }
        if (op == "DeleteRouteTable") table = Value();
        return Value::object();
      });
  FakeClockEnv env;
  auto rt = NewRouteTableType(
      AwsTypeDeps{.client = &client, .env = &env, .poll = PollOptions{}, .account = nullptr});
  OperationContext ctx;
  ctx.address = {"aws_route_table", "public"};
  ctx.platform = "shop";
  ctx.idempotency_token = std::string(70, 't');
  auto made = rt->Create(ctx, {{"vpc_id", "vpc-1"}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(client.calls()[0].input["ClientToken"], std::string(64, 't'));
  EXPECT_EQ((*made)["arn"], "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-1");
  EXPECT_EQ((*made)["vpc_id"], "vpc-1");
  ASSERT_TRUE(rt->Delete(ctx, *made).ok());
  EXPECT_TRUE(table.is_null());
  EXPECT_EQ(client.Count("DeleteRouteTable"), 2u);
  for (const RecordedCall& c : client.calls()) {
    if (c.operation == "DisassociateRouteTable") {
      EXPECT_EQ(c.input["AssociationId"], "rtbassoc-2");
    }
  }
}

// aws_route_table_association, a spec: a subnet's leftover association with another table
// is taken over and moved (a new association id), and moving it reads back by the new id.
TEST(RouteTableAssociationTest, ALeftoverAssociationIsMovedAndAMoveTakesTheNewId) {
  // route table -> its associations {id, subnet}
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> tables = {
      {"rtb-old", {{"rtbassoc-1", "subnet-1"}}}, {"rtb-a", {}}, {"rtb-b", {}}};
  int next = 1;
  auto move = [&](const std::string& id, const std::string& to) {
    std::string subnet;
    for (auto& [t, list] : tables) {
      for (auto it = list.begin(); it != list.end(); ++it) {
        if (it->first != id) continue;
        subnet = it->second;
        list.erase(it);
        break;
      }
    }
    std::string made = "rtbassoc-" + std::to_string(++next);
    tables[to].push_back({made, subnet});
    return made;
  };
  FakeAwsClient client([&](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
    if (op == "AssociateRouteTable") {
      for (auto& [t, list] : tables) {
        for (const auto& a : list) {
          if (a.second == in["SubnetId"]) {
            return Status::FailedPrecondition("associated").WithReason("Resource.AlreadyAssociated");
          }
        }
      }
      std::string made = "rtbassoc-" + std::to_string(++next);
      tables[in["RouteTableId"]].push_back({made, in["SubnetId"]});
      return Value{{"AssociationId", made}};
    }
    if (op == "ReplaceRouteTableAssociation") return Value{{"NewAssociationId", move(in["AssociationId"], in["RouteTableId"])}};
    if (op == "DescribeRouteTables") {
      const Value filter = in["Filters"][0];
      Value items = Value::array();
      for (const auto& [t, list] : tables) {
        Value assocs = Value::array();
        bool match = false;
        for (const auto& [id, subnet] : list) {
          assocs.push_back({{"RouteTableAssociationId", id}, {"RouteTableId", t}, {"SubnetId", subnet}});
          for (const Value& v : filter["Values"]) match = match || v == id || v == subnet;
        }
        if (match) items.push_back({{"RouteTableId", t}, {"Associations", assocs}});
      }
      return Value{{"RouteTables", items}};
    }
    return Value::object();
  });
  FakeClockEnv env;
  auto type = NewRouteTableAssociationType(
      AwsTypeDeps{.client = &client, .env = &env, .poll = PollOptions{}, .account = nullptr});
  OperationContext ctx;
  ctx.address = {"aws_route_table_association", "a"};
  ctx.platform = "shop";
  auto made = type->Create(ctx, {{"subnet_id", "subnet-1"}, {"route_table_id", "rtb-a"}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ((*made)["route_table_id"], "rtb-a");
  EXPECT_EQ((*made)["id"], "rtbassoc-2");
  EXPECT_TRUE(tables["rtb-old"].empty());
  auto moved = type->Update(ctx, *made, {{"subnet_id", "subnet-1"}, {"route_table_id", "rtb-b"}});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ((*moved)["id"], "rtbassoc-3");
  EXPECT_EQ((*moved)["route_table_id"], "rtb-b");
}

// aws_subnet, a spec: map_public_ip_on_launch costs a ModifySubnetAttribute only when it is
// not AWS's default; a delete removes leftover interfaces and retries while in use.
TEST(SubnetTest, PublicIpsOnlyWhenAskedAndDeleteClearsLeftoverInterfaces) {
  std::map<std::string, Value> subnets;
  int in_use = 1;
  FakeAwsClient client(
      [&](const std::string&, const std::string& op, const Value& in) -> Result<Value> {
        if (op == "CreateSubnet") {
          std::string id = "subnet-" + std::to_string(subnets.size() + 1);
          subnets[id] = {{"SubnetId", id},
                         {"VpcId", in["VpcId"]},
                         {"CidrBlock", in["CidrBlock"]},
                         {"AvailabilityZone", in["AvailabilityZone"]},
                         {"MapPublicIpOnLaunch", false},
                         {"Tags", in["TagSpecifications"][0]["Tags"]}};
          return Value{{"Subnet", subnets[id]}};
        }
        if (op == "ModifySubnetAttribute") {
          subnets[in["SubnetId"].get<std::string>()]["MapPublicIpOnLaunch"] =
              in["MapPublicIpOnLaunch"]["Value"];
        }
        if (op == "DescribeSubnets") {
          Value items = Value::array();
          for (const Value& id : in["Filters"][0]["Values"]) {
            if (subnets.count(id.get<std::string>()))
              items.push_back(subnets[id.get<std::string>()]);
          }
          return Value{{"Subnets", items}};
        }
        if (op == "DescribeNetworkInterfaces") return Value{{"NetworkInterfaces", Value::array()}};
        if (op == "DeleteSubnet" && in_use-- > 0) {
          return Status::FailedPrecondition("in use").WithReason("DependencyViolation");
        }
        if (op == "DeleteSubnet") subnets.erase(in["SubnetId"].get<std::string>());
        return Value::object();
      });
  FakeClockEnv env;
  auto subnet = NewSubnetType(
      AwsTypeDeps{.client = &client, .env = &env, .poll = PollOptions{}, .account = nullptr});
  OperationContext ctx;
  ctx.address = {"aws_subnet", "a"};
  ctx.platform = "shop";
  Value desired = {{"vpc_id", "vpc-1"},
                   {"cidr_block", "10.0.0.0/24"},
                   {"availability_zone", "eu-west-1a"},
                   {"map_public_ip_on_launch", false}};
  auto private_a = subnet->Create(ctx, desired);
  ASSERT_TRUE(private_a.ok()) << private_a.status().ToString();
  EXPECT_EQ(client.Count("ModifySubnetAttribute"), 0u);
  desired["map_public_ip_on_launch"] = true;
  auto public_a = subnet->Create(ctx, desired);
  ASSERT_TRUE(public_a.ok()) << public_a.status().ToString();
  EXPECT_EQ(client.Count("ModifySubnetAttribute"), 1u);
  EXPECT_EQ((*public_a)["map_public_ip_on_launch"], true);
  ASSERT_TRUE(subnet->Delete(ctx, *public_a).ok());
  EXPECT_EQ(subnets.count(GetString(*public_a, "id")), 0u);
  EXPECT_EQ(client.Count("DescribeNetworkInterfaces"), 2u);  // before each attempt
}

}  // namespace
}  // namespace pave::aws_provider
