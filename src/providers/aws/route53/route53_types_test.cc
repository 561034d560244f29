#include "providers/aws/route53/route53_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

// A small in-memory Route53: zones with record sets and tags; changes are PENDING until
// GetChange has been asked once.
class FakeRoute53 {
 public:
  std::string AddZone(const std::string& name, const std::string& caller_reference = "") {
    std::string id = "Z" + std::to_string(++next_);
    zones_[id] = {{"Id", "/hostedzone/" + id}, {"Name", name + "."}, {"CallerReference", caller_reference},
                  {"Config", {{"Comment", ""}, {"PrivateZone", false}}}};
    records_[id]["soa"] = RecordSet(name + ".", "SOA", 900, Value::array({"ns-1.awsdns. hostmaster. 1 7200 900 1209600 86400"}));
    records_[id]["ns"] = RecordSet(name + ".", "NS", 172800, Value::array({"ns-1.awsdns.com.", "ns-2.awsdns.net."}));
    return id;
  }

  Result<Value> Handle(const std::string& op, const Value& in) {
    if (op == "CreateHostedZone") {
      for (const auto& [id, z] : zones_) {
        if (z["CallerReference"] == in["CallerReference"]) {
          return Status::AlreadyExists("HostedZoneAlreadyExists: again").WithReason("HostedZoneAlreadyExists");
        }
      }
      std::string id = AddZone(in["Name"], in["CallerReference"]);
      zones_[id]["Config"]["Comment"] = in["HostedZoneConfig"]["Comment"];
      return Value{{"HostedZone", zones_[id]}, {"DelegationSet", {{"NameServers", {"ns-1.awsdns.com", "ns-2.awsdns.net"}}}}};
    }
    if (op == "ListHostedZones" || op == "ListHostedZonesByName") {
      Value out = Value::array();
      for (const auto& [id, z] : zones_) out.push_back(z);
      return Value{{"HostedZones", out}};
    }
    if (op == "GetChange") {
      ++get_change_calls_;
      return Value{{"ChangeInfo", {{"Id", in["Id"]}, {"Status", "INSYNC"}}}};
    }
    std::string id = in.value("HostedZoneId", in.value("Id", in.value("ResourceId", std::string())));
    if (op == "ListTagsForResources" && !batch_tags_supported_) {
      return Status::NotFound("404: Not Found (http 404)").WithReason("404");
    }
    if (op == "ListTagsForResource") {
      return Value{{"ResourceTagSet", {{"ResourceId", in["ResourceId"]}, {"Tags", TagMapToList(tags_[in["ResourceId"]])}}}};
    }
    if (op == "ListTagsForResources") {
      Value sets = Value::array();
      for (const Value& rid : in["ResourceIds"]) sets.push_back({{"ResourceId", rid}, {"Tags", TagMapToList(tags_[rid])}});
      return Value{{"ResourceTagSets", sets}};
    }
    if (!zones_.count(id)) return Status::NotFound("NoSuchHostedZone: " + id).WithReason("NoSuchHostedZone");
    if (op == "GetHostedZone") return Value{{"HostedZone", zones_[id]}, {"DelegationSet", {{"NameServers", {"ns-1.awsdns.com", "ns-2.awsdns.net"}}}}};
    if (op == "ChangeTagsForResource") {
      for (const Value& t : in.value("AddTags", Value::array())) tags_[id][t["Key"].get<std::string>()] = t["Value"];
      for (const Value& k : in.value("RemoveTagKeys", Value::array())) tags_[id].erase(k.get<std::string>());
      return Value::object();
    }
    if (op == "ListResourceRecordSets") {
      Value out = Value::array();
      for (const auto& [key, r] : records_[id]) out.push_back(r);
      if (in.contains("StartRecordName")) {
        Value one = Value::array();
        for (const Value& r : out) {
          if (NormalizeDnsName(r["Name"]) == NormalizeDnsName(in["StartRecordName"]) && r["Type"] == in["StartRecordType"]) one.push_back(r);
        }
        out = one;
      }
      return Value{{"ResourceRecordSets", out}};
    }
    if (op == "ChangeResourceRecordSets") {
      for (const Value& c : in["ChangeBatch"]["Changes"]) {
        const Value& set = c["ResourceRecordSet"];
        std::string key = NormalizeDnsName(set["Name"]) + "/" + set["Type"].get<std::string>();
        if (set["Type"] == "NS" && NormalizeDnsName(set["Name"]) == NormalizeDnsName(zones_[id]["Name"])) key = "ns";
        bool exists = records_[id].count(key) > 0;
        if (c["Action"] == "CREATE" && exists) return Status::InvalidArgument("InvalidChangeBatch: exists").WithReason("InvalidChangeBatch");
        if (c["Action"] == "DELETE" && (!exists || records_[id][key] != set)) {
          return Status::InvalidArgument("InvalidChangeBatch: not found").WithReason("InvalidChangeBatch");
        }
        if (c["Action"] == "DELETE") {
          records_[id].erase(key);
        } else {
          Value stored = set;
          std::string name = set["Name"];
          if (name.back() != '.') stored["Name"] = name + ".";
          records_[id][key] = stored;
        }
      }
      return Value{{"ChangeInfo", {{"Id", "/change/C" + std::to_string(++next_)}, {"Status", "PENDING"}}}};
    }
    if (op == "DeleteHostedZone") {
      if (records_[id].size() > 2) return Status::FailedPrecondition("HostedZoneNotEmpty").WithReason("HostedZoneNotEmpty");
      zones_.erase(id);
      records_.erase(id);
      return Value::object();
    }
    return Value::object();
  }

  bool batch_tags_supported_ = true;
  std::map<std::string, Value> zones_;
  std::map<std::string, std::map<std::string, Value>> records_;
  std::map<std::string, Value> tags_;
  int get_change_calls_ = 0;
  int next_ = 0;
};

class Route53Test : public ::testing::Test {
 protected:
  Route53Test()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return r53_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = std::make_shared<AccountId>(&client_)},
        zone_(NewRoute53ZoneType(deps_)),
        record_(NewRoute53RecordType(deps_)),
        delegation_(NewRoute53DelegationType(deps_)) {}

  static OperationContext Ctx(const std::string& type, bool allow_data_loss = false) {
    OperationContext ctx;
    ctx.address = {type, "main"};
    ctx.platform = "shop";
    ctx.idempotency_token = kToken;
    ctx.allow_data_loss = allow_data_loss;
    return ctx;
  }

  Value MakeZone() {
    auto got = zone_->Create(Ctx("aws_route53_zone"), {{"name", "prod.example.org"}, {"comment", "c"}, {"tags", {{"team", "web"}}}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : Value();
  }

  FakeRoute53 r53_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> zone_, record_, delegation_;
};

TEST_F(Route53Test, NamesAreComparedLikeRoute53) {
  EXPECT_EQ(NormalizeDnsName("\\052.Prod.Example.org."), "*.prod.example.org");
  EXPECT_EQ(BareZoneId("/hostedzone/Z1"), "Z1");
  EXPECT_EQ(BareZoneId("Z1"), "Z1");
}

TEST_F(Route53Test, ZoneCreateUsesTheTokenAsCallerReferenceAndATaggedZone) {
  Value zone = MakeZone();
  EXPECT_EQ(client_.calls()[0].input["CallerReference"], kToken);
  std::string id = zone["zone_id"];
  EXPECT_EQ(zone["id"], id);
  EXPECT_EQ(zone["name"], "prod.example.org");
  EXPECT_EQ(zone["comment"], "c");
  EXPECT_EQ(zone["tags"], Value({{"team", "web"}}));
  EXPECT_EQ(zone["name_servers"].size(), 2u);
  EXPECT_EQ(r53_.tags_[id]["pave:address"], "aws_route53_zone.main");
  EXPECT_EQ(r53_.tags_[id]["pave:token"], kToken);

  // A retry of the same create (a crash after CreateHostedZone) adopts instead of duplicating.
  auto again = zone_->Create(Ctx("aws_route53_zone"),
                             {{"name", "prod.example.org"}, {"comment", "c"}, {"tags", {{"team", "web"}}}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)["zone_id"], id);
  EXPECT_EQ(r53_.zones_.size(), 1u);
  auto found = zone_->Find(Ctx("aws_route53_zone"), {{"name", "prod.example.org"}});
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((**found)["zone_id"], id);

  // Read is one listing for all zones; a gone zone reads as nullopt.
  auto read = zone_->Read({{Ctx("aws_route53_zone").address, zone}, {{"aws_route53_zone", "x"}, {{"id", "Zgone"}}}});
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE((*read)[0].has_value());
  EXPECT_EQ(*(*read)[0], zone);
  EXPECT_FALSE((*read)[1].has_value());
}

TEST_F(Route53Test, ZoneWithOtherRecordsIsDeletedOnlyWithDataLossAllowed) {
  Value zone = MakeZone();
  std::string id = zone["zone_id"];
  r53_.records_[id]["www.prod.example.org/A"] = RecordSet("www.prod.example.org.", "A", 60, Value::array({"192.0.2.1"}));
  Status refused = zone_->Delete(Ctx("aws_route53_zone"), zone);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("www.prod.example.org. A"), std::string::npos) << refused.ToString();
  EXPECT_NE(refused.message().find("--allow-data-loss"), std::string::npos);
  EXPECT_EQ(r53_.zones_.count(id), 1u);

  Status deleted = zone_->Delete(Ctx("aws_route53_zone", true), zone);
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_EQ(r53_.zones_.count(id), 0u);
  // Gone already: fine.
  EXPECT_TRUE(zone_->Delete(Ctx("aws_route53_zone"), zone).ok());
}

TEST_F(Route53Test, RecordCreateWaitsForInsyncReadsBackAndDeletes) {
  std::string id = MakeZone()["zone_id"];
  Value desired = {{"zone_id", id}, {"name", "_abc.prod.example.org."}, {"type", "CNAME"}, {"ttl", 300},
                   {"records", {"_x.acm-validations.aws."}}};
  auto got = record_->Create(Ctx("aws_route53_record"), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(r53_.get_change_calls_, 1);
  EXPECT_EQ((*got)["fqdn"], "_abc.prod.example.org");
  EXPECT_EQ((*got)["name"], "_abc.prod.example.org.");

  auto read = record_->Read({{Ctx("aws_route53_record").address, *got}});
  ASSERT_TRUE(read.ok() && (*read)[0].has_value());
  EXPECT_EQ(*(*read)[0], *got);

  // The same create again (a crash retry) adopts the identical record; other values fail.
  auto again = record_->Create(Ctx("aws_route53_record"), desired);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  Value other = desired;
  other["records"] = {"somebody-else."};
  EXPECT_FALSE(record_->Create(Ctx("aws_route53_record"), other).ok());

  ASSERT_TRUE(record_->Delete(Ctx("aws_route53_record"), *got).ok());
  read = record_->Read({{Ctx("aws_route53_record").address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
  EXPECT_TRUE(record_->Delete(Ctx("aws_route53_record"), *got).ok());
}

TEST_F(Route53Test, RecordRenameIsOneBatchDeletingTheOldAndCreatingTheNew) {
  std::string id = MakeZone()["zone_id"];
  Value desired = {{"zone_id", id}, {"name", "a.prod.example.org"}, {"type", "A"}, {"ttl", 60}, {"records", {"192.0.2.1"}}};
  auto got = record_->Create(Ctx("aws_route53_record"), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  Value renamed = desired;
  renamed["name"] = "b.prod.example.org";
  auto updated = record_->Update(Ctx("aws_route53_record"), *got, renamed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ((*updated)["fqdn"], "b.prod.example.org");
  EXPECT_EQ(r53_.records_[id].count("a.prod.example.org/A"), 0u);
  EXPECT_EQ(r53_.records_[id].count("b.prod.example.org/A"), 1u);
  const auto calls = client_.calls();
  ASSERT_EQ(calls.back().operation, "GetChange");
  const Value batch = calls[calls.size() - 2].input["ChangeBatch"]["Changes"];
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0]["Action"], "DELETE");
  EXPECT_EQ(batch[1]["Action"], "CREATE");

  // Same name and type: an UPSERT of the new values.
  Value ttl = renamed;
  ttl["ttl"] = 300;
  ASSERT_TRUE(record_->Update(Ctx("aws_route53_record"), *updated, ttl).ok());
  EXPECT_EQ(r53_.records_[id]["b.prod.example.org/A"]["TTL"], 300);
}

TEST_F(Route53Test, DelegationWritesNsIntoTheParentWhenItIsInReach) {
  std::string parent = r53_.AddZone("example.org");
  Value desired = {{"domain", "prod.example.org"}, {"parent_zone", "example.org"},
                   {"name_servers", {"ns-1.awsdns.com", "ns-2.awsdns.net"}}, {"ttl", 3600}};
  auto got = delegation_->Create(Ctx("aws_route53_delegation"), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["delegated"], true);
  EXPECT_EQ((*got)["parent_zone_id"], parent);
  ASSERT_EQ(r53_.records_[parent].count("prod.example.org/NS"), 1u);
  EXPECT_EQ(RecordValues(r53_.records_[parent]["prod.example.org/NS"]), Value({"ns-1.awsdns.com", "ns-2.awsdns.net"}));

  auto read = delegation_->Read({{Ctx("aws_route53_delegation").address, *got}});
  ASSERT_TRUE(read.ok() && (*read)[0].has_value());
  EXPECT_EQ(*(*read)[0], *got);

  ASSERT_TRUE(delegation_->Delete(Ctx("aws_route53_delegation"), *got).ok());
  EXPECT_EQ(r53_.records_[parent].count("prod.example.org/NS"), 0u);
  EXPECT_EQ(r53_.records_[parent].size(), 2u);  // its own SOA and NS stay
}

TEST_F(Route53Test, DelegationOutOfReachRecordsWhatToAddAndRetriesOnceTheParentAppears) {
  Value desired = {{"domain", "prod.example.org"}, {"parent_zone", "example.org"},
                   {"name_servers", {"ns-1.awsdns.com", "ns-2.awsdns.net."}}, {"ttl", 3600}};
  auto got = delegation_->Create(Ctx("aws_route53_delegation"), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["delegated"], false);
  EXPECT_EQ((*got)["records_to_add"],
            "prod.example.org. 3600 IN NS ns-1.awsdns.com.\nprod.example.org. 3600 IN NS ns-2.awsdns.net.");
  auto read = delegation_->Read({{Ctx("aws_route53_delegation").address, *got}});
  ASSERT_TRUE(read.ok() && (*read)[0].has_value());
  EXPECT_TRUE(delegation_->Delete(Ctx("aws_route53_delegation"), *got).ok());

  r53_.AddZone("example.org");
  read = delegation_->Read({{Ctx("aws_route53_delegation").address, *got}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value()) << "a parent now in reach makes the next apply delegate";
}

// An endpoint without ListTagsForResources (404): tags come from one ListTagsForResource
// per zone, and the batch form is not asked again for the rest of the run.
TEST_F(Route53Test, ZoneReadFallsBackToPerZoneTagsWhereTheBatchReadIsMissing) {
  Value zone = MakeZone();
  r53_.batch_tags_supported_ = false;
  size_t batch_calls = client_.Count("ListTagsForResources");  // the create's read-back
  for (int run = 0; run < 2; ++run) {
    auto got = zone_->Read({{Ctx("aws_route53_zone").address, zone}});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->at(0).has_value());
    EXPECT_EQ((*got->at(0))["tags"], Value({{"team", "web"}}));
  }
  EXPECT_EQ(client_.Count("ListTagsForResources"), batch_calls + 1);
  EXPECT_EQ(client_.Count("ListTagsForResource"), 2u);
}

}  // namespace
}  // namespace pave::aws_provider
