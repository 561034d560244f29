#include "state/state_codec.h"

#include <gtest/gtest.h>

#include "core/hash.h"

namespace pave {
namespace {

ResourceState Resource(const std::string& address, Value attributes,
                       std::vector<std::string> deps = {}) {
  ResourceState r;
  r.address = *ResourceAddress::Parse(address);
  r.attributes = std::move(attributes);
  for (const auto& d : deps) r.dependencies.push_back(*ResourceAddress::Parse(d));
  return r;
}

StateDocument SampleDocument() {
  StateDocument doc;
  doc.state.lineage = "6c1b2f";
  doc.state.serial = 41;
  doc.state.platform = "acme";
  doc.state.Put(
      Resource("aws_subnet.a", {{"id", "subnet-1"}, {"cidr", "10.0.0.0/24"}}, {"aws_vpc.main"}));
  doc.state.Put(Resource("aws_vpc.main", {{"id", "vpc-1"}, {"tags", {{"b", 1}, {"a", 2.5}}}}));
  doc.written = WrittenBy{"2026-11-23T15:40:02Z", "alice@build-7", "apply", "2 created"};
  return doc;
}

std::string Encode(const StateDocument& doc) {
  Result<std::string> text = EncodeStateDocument(doc);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

// Re-encodes a JSON document with a correct checksum, to test validation behind it.
std::string WithChecksum(Value doc) {
  doc.erase("checksum");
  doc["checksum"] = Sha256Hex(doc.dump());
  return doc.dump(2);
}

TEST(StateCodecTest, RoundTripsEveryField) {
  StateDocument doc = SampleDocument();
  Result<StateDocument> back = DecodeStateDocument(Encode(doc), "s.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->state.lineage, "6c1b2f");
  EXPECT_EQ(back->state.serial, 41);
  EXPECT_EQ(back->state.platform, "acme");
  EXPECT_EQ(back->written.user, "alice@build-7");
  EXPECT_EQ(back->written.summary, "2 created");
  ASSERT_EQ(back->state.size(), 2u);
  const ResourceState* subnet = back->state.Find(*ResourceAddress::Parse("aws_subnet.a"));
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->attributes, doc.state.resources().begin()->attributes);
  ASSERT_EQ(subnet->dependencies.size(), 1u);
  EXPECT_EQ(subnet->dependencies[0].ToString(), "aws_vpc.main");
  EXPECT_EQ(Encode(*back), Encode(doc));  // stable: decode + encode gives the same bytes
}

TEST(StateCodecTest, TheAccountOfAResourceRoundTripsAndIsChecked) {
  StateDocument doc = SampleDocument();
  ResourceState in_shared = Resource("aws_vpc.shared", {{"id", "vpc-2"}});
  in_shared.account = "111111111111";
  doc.state.Put(in_shared);
  ResourceState elsewhere = Resource("aws_guardduty_detector.baseline-eu-central-1", {{"id", "d-1"}});
  elsewhere.account = "111111111111@eu-central-1";  // another account, another region
  doc.state.Put(elsewhere);
  std::string text = Encode(doc);
  Result<StateDocument> back = DecodeStateDocument(text, "s.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->state.Find(*ResourceAddress::Parse("aws_vpc.shared"))->account, "111111111111");
  EXPECT_EQ(back->state.Find(*ResourceAddress::Parse("aws_guardduty_detector.baseline-eu-central-1"))->account,
            "111111111111@eu-central-1");
  EXPECT_EQ(back->state.Find(*ResourceAddress::Parse("aws_vpc.main"))->account, "");
  Value j = Value::parse(text);
  for (Value& r : j["resources"]) {
    if (r["address"] == "aws_vpc.shared") r["account"] = "11111111111x";
  }
  Result<StateDocument> bad = DecodeStateDocument(WithChecksum(j), "s.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("aws_vpc.shared"), std::string::npos) << bad.status().ToString();
}

TEST(StateCodecTest, OutputIsSortedAndIndentedForDiffs) {
  StateDocument doc = SampleDocument();
  doc.state.Put(Resource("aws_eip.nat", {{"id", "eipalloc-1"}},
                         {"aws_vpc.main", "aws_subnet.a", "aws_vpc.main"}));
  std::string text = Encode(doc);
  EXPECT_LT(text.find("aws_eip.nat"), text.find("aws_subnet.a"));
  EXPECT_LT(text.find("\"checksum\""), text.find("\"format_version\""));
  EXPECT_NE(text.find("\n  \"resources\": [\n"), std::string::npos);
  EXPECT_LT(text.find("\"a\": 2.5"), text.find("\"b\": 1"));
  Result<StateDocument> back = DecodeStateDocument(text, "s.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const ResourceState* eip = back->state.Find(*ResourceAddress::Parse("aws_eip.nat"));
  ASSERT_NE(eip, nullptr);
  ASSERT_EQ(eip->dependencies.size(), 2u);  // sorted, duplicates folded
  EXPECT_EQ(eip->dependencies[0].ToString(), "aws_subnet.a");
}

TEST(StateCodecTest, ChangedByteIsChecksumMismatch) {
  std::string text = Encode(SampleDocument());
  size_t at = text.find("subnet-1");
  text[at + 7] = '2';
  Result<StateDocument> back = DecodeStateDocument(text, ".pave/state.json");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(back.status().message(),
            "state file .pave/state.json: checksum mismatch: the file was changed or damaged");
}

TEST(StateCodecTest, TruncationAtEveryByteIsAnError) {
  std::string text = Encode(SampleDocument());
  for (size_t n = 0; n + 1 < text.size(); ++n) {  // the final '\n' is optional
    Result<StateDocument> back = DecodeStateDocument(text.substr(0, n), "s.json");
    ASSERT_FALSE(back.ok()) << "cut at " << n;
    EXPECT_EQ(back.status().code(), StatusCode::kDataLoss) << "cut at " << n;
    EXPECT_EQ(back.status().message().rfind("state file s.json: ", 0), 0u);
  }
}

TEST(StateCodecTest, FlippedBitAtEveryByteIsAnError) {
  std::string text = Encode(SampleDocument());
  for (size_t i = 0; i < text.size(); ++i) {
    std::string damaged = text;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x04);
    Result<StateDocument> back = DecodeStateDocument(damaged, "s.json");
    ASSERT_FALSE(back.ok()) << "flip at " << i;
    // A flip in "format_version" can read as a newer version: that asks for an upgrade.
    EXPECT_TRUE(back.status().code() == StatusCode::kDataLoss ||
                back.status().code() == StatusCode::kFailedPrecondition)
        << back.status().ToString();
  }
}

TEST(StateCodecTest, NewerFormatVersionAsksForUpgrade) {
  Value doc = Value::parse(Encode(SampleDocument()));
  doc["format_version"] = 2;
  Result<StateDocument> back = DecodeStateDocument(WithChecksum(doc), "s.json");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(back.status().message().find("upgrade pave"), std::string::npos);
}

struct BadDocumentCase {
  const char* name;
  std::function<void(Value&)> damage;
  const char* message_part;
};

TEST(StateCodecTest, ValidatesEveryField) {
  std::vector<BadDocumentCase> cases = {
      {"bad address", [](Value& d) { d["resources"][0]["address"] = "AWS.x"; },
       "\"AWS.x\" is not a resource address"},
      {"duplicate", [](Value& d) { d["resources"][1] = d["resources"][0]; },
       "resource aws_subnet.a appears twice"},
      {"serial type", [](Value& d) { d["serial"] = "41"; }, "\"serial\" is missing"},
      {"negative serial", [](Value& d) { d["serial"] = -1; }, "non-negative"},
      {"lineage", [](Value& d) { d["lineage"] = ""; }, "\"lineage\" is empty"},
      {"attributes", [](Value& d) { d["resources"][0]["attributes"] = Value::array(); },
       "(aws_subnet.a): \"attributes\" is missing or not an object"},
      {"dependency", [](Value& d) { d["resources"][0]["dependencies"] = {"nodot"}; },
       "\"nodot\" is not a resource address"},
      {"dup dependency",
       [](Value& d) {
         d["resources"][0]["dependencies"] = {"aws_vpc.main", "aws_vpc.main"};
       },
       "dependency aws_vpc.main is listed twice"},
      {"unknown key", [](Value& d) { d["extra"] = 1; }, "unknown field \"extra\""},
      {"resource key", [](Value& d) { d["resources"][0]["id"] = 1; }, "unknown field \"id\""},
      {"written", [](Value& d) { d["written"].erase("user"); }, "\"user\" is missing"},
      {"resources", [](Value& d) { d["resources"] = Value::object(); }, "\"resources\" is missing"},
  };
  for (const auto& c : cases) {
    Value doc = Value::parse(Encode(SampleDocument()));
    c.damage(doc);
    Result<StateDocument> back = DecodeStateDocument(WithChecksum(doc), "s.json");
    ASSERT_FALSE(back.ok()) << c.name;
    EXPECT_EQ(back.status().code(), StatusCode::kDataLoss) << c.name;
    EXPECT_NE(back.status().message().find(c.message_part), std::string::npos)
        << c.name << ": " << back.status().message();
  }
}

TEST(StateCodecTest, InvalidUtf8AttributeIsRefusedWithoutEchoingIt) {
  StateDocument doc = SampleDocument();
  doc.state.Put(Resource("aws_ssm_parameter.db", {{"value", std::string("se\xff"
                                                                        "cret")}}));
  Result<std::string> text = EncodeStateDocument(doc);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message().find("cret"), std::string::npos);
}

TEST(StateCodecTest, NotJsonNamesTheByte) {
  Result<StateDocument> back = DecodeStateDocument("{\"format_version\": 1,", "s.json");
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("not valid JSON at byte"), std::string::npos);
}

}  // namespace
}  // namespace pave

namespace pave {
namespace {

TEST(StateCodecTest, TaintedRoundTripsAndIsAbsentWhenClean) {
  ResourceState r = Resource("aws_vpc.main", {{"id", "vpc-1"}});
  EXPECT_FALSE(ResourceToJson(r).contains("tainted"));
  r.tainted = "its create failed after it was made: ModifyVpcAttribute";
  Value v = ResourceToJson(r);
  EXPECT_EQ(v["tainted"], r.tainted);
  Result<ResourceState> back = ResourceFromJson(v, "resource");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->tainted, r.tainted);
  v["tainted"] = "";
  EXPECT_EQ(ResourceFromJson(v, "resource").status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace pave
