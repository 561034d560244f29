#include "state/journal.h"

#include <gtest/gtest.h>

#include "core/hash.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

PendingOperation Op(const std::string& address, Operation op = Operation::kCreate,
                    const std::string& token = "tok") {
  return PendingOperation{*ResourceAddress::Parse(address), op, token};
}

JournalRecord Begin(const std::string& address) {
  return JournalRecord{JournalOp::kBegin, Op(address)};
}

JournalRecord Finish(const std::string& address, std::optional<std::string> id) {
  JournalRecord r{JournalOp::kFinish, Op(address)};
  if (id) r.resource = ResourceState{*ResourceAddress::Parse(address), Value{{"id", *id}}, {}};
  return r;
}

std::string Line(const JournalRecord& r) {
  Result<std::string> line = EncodeJournalRecord(r);
  EXPECT_TRUE(line.ok());
  return line.ok() ? *line : "";
}

std::string SampleJournal() {
  return EncodeJournalHeader({"lin", 3}) + Line(Begin("aws_vpc.main")) +
         Line(Finish("aws_vpc.main", "vpc-1")) + Line(Begin("aws_subnet.a"));
}

TEST(JournalTest, FrameIsLengthChecksumBody) {
  EXPECT_EQ(FrameJournalBody("{}"), "00000002 " + Sha256Hex("{}").substr(0, 8) + " {}\n");
}

TEST(JournalTest, ParsesHeaderAndRecords) {
  JournalRecord fail{JournalOp::kFail, Op("aws_subnet.a")};
  fail.error = "InvalidSubnet.Conflict";
  fail.time = "2026-11-23T15:40:02Z";
  fail.run = "r1";
  Result<JournalContents> j = ParseJournal(SampleJournal() + Line(fail), "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_TRUE(j->header);
  EXPECT_EQ(j->header->lineage, "lin");
  EXPECT_EQ(j->header->serial, 3);
  ASSERT_EQ(j->records.size(), 4u);
  EXPECT_EQ(j->records[1].op, JournalOp::kFinish);
  ASSERT_TRUE(j->records[1].resource);
  EXPECT_EQ(j->records[1].resource->attributes["id"], "vpc-1");
  EXPECT_EQ(j->records[3].error, "InvalidSubnet.Conflict");
  EXPECT_EQ(j->records[3].time, "2026-11-23T15:40:02Z");
  EXPECT_EQ(j->records[3].run, "r1");
  EXPECT_EQ(j->records[3].operation.idempotency_token, "tok");
  EXPECT_FALSE(j->dropped_at);
}

TEST(JournalTest, ABegunCreateKeepsItsRequest) {
  JournalRecord begin = Begin("aws_subnet.a");
  begin.operation.request = Value{{"cidr_block", "10.0.1.0/24"}, {"vpc_id", "vpc-1"}};
  JournalRecord finish = Finish("aws_subnet.a", "subnet-1");
  finish.operation.request = begin.operation.request;
  EXPECT_EQ(Line(finish).find("request"), std::string::npos) << "only a begin carries it";
  Result<JournalContents> j = ParseJournal(EncodeJournalHeader({"lin", 3}) + Line(begin), "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(j->records.size(), 1u);
  EXPECT_EQ(j->records[0].operation.request["cidr_block"], "10.0.1.0/24");
  // Journals written before the field existed read as before.
  Result<JournalContents> old = ParseJournal(SampleJournal(), "j");
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->records[0].operation.request.is_null());
}

TEST(JournalTest, ARecordKeepsTheAccountItActsIn) {
  JournalRecord begin = Begin("aws_vpc.net");
  begin.operation.account = "111111111111";
  JournalRecord bad = Begin("aws_vpc.net");
  bad.operation.account = "shared";
  JournalRecord regional = Begin("aws_vpc.west");
  regional.operation.account = "@eu-west-2";  // pave's account, another region
  Result<JournalContents> j = ParseJournal(EncodeJournalHeader({"lin", 3}) + Line(begin) + Line(regional), "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ(j->records[0].operation.account, "111111111111");
  EXPECT_EQ(j->records[1].operation.account, "@eu-west-2");
  EXPECT_EQ(Line(Begin("aws_vpc.net")).find("account"), std::string::npos) << "absent for pave's own account";
  Result<JournalContents> damaged = ParseJournal(EncodeJournalHeader({"lin", 3}) + Line(bad) + Line(begin), "j");
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find("12-digit"), std::string::npos) << damaged.status().ToString();
}

TEST(JournalTest, CutShortLastRecordIsDropped) {
  std::string full = SampleJournal();
  std::string last = Line(Begin("aws_subnet.a"));
  size_t last_at = full.size() - last.size();
  for (size_t cut = last_at + 1; cut < full.size(); ++cut) {
    Result<JournalContents> j = ParseJournal(full.substr(0, cut), "j");
    ASSERT_TRUE(j.ok()) << "cut at " << cut << ": " << j.status().ToString();
    EXPECT_EQ(j->records.size(), 2u);
    EXPECT_EQ(j->valid_size, last_at);
    EXPECT_EQ(j->dropped_at, last_at);
  }
}

TEST(JournalTest, ChecksumBadLastRecordIsDropped) {
  std::string full = SampleJournal();
  full[full.size() - 5] ^= 0x01;
  Result<JournalContents> j = ParseJournal(full, "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ(j->records.size(), 2u);
  EXPECT_TRUE(j->dropped_at);
}

TEST(JournalTest, DamageBeforeTheLastRecordIsDataLossWithOffset) {
  std::string full = SampleJournal();
  size_t second = EncodeJournalHeader({"lin", 3}).size() + Line(Begin("aws_vpc.main")).size();
  full[second + 30] ^= 0x01;  // inside the finish record's body
  Result<JournalContents> j = ParseJournal(full, ".pave/journal");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(j.status().message().find("journal .pave/journal: record at byte " +
                                      std::to_string(second) + " is damaged (checksum mismatch)"),
            std::string::npos)
      << j.status().message();
}

TEST(JournalTest, ZeroFilledTailAfterCrashIsDropped) {
  std::string full = SampleJournal() + std::string(100, '\0');
  Result<JournalContents> j = ParseJournal(full, "j");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->records.size(), 3u);
}

TEST(JournalTest, TornHeaderAloneMeansEmpty) {
  std::string header = EncodeJournalHeader({"lin", 0});
  Result<JournalContents> j = ParseJournal(header.substr(0, 10), "j");
  ASSERT_TRUE(j.ok());
  EXPECT_FALSE(j->header);
  EXPECT_EQ(j->valid_size, 0u);
}

TEST(JournalTest, MissingHeaderIsDataLoss) {
  Result<JournalContents> j = ParseJournal(Line(Begin("aws_vpc.main")), "j");
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.status().message().find("not a journal header"), std::string::npos);
}

TEST(JournalTest, NewerFormatAsksForUpgrade) {
  std::string body =
      Value{{"journal", "pave"}, {"format_version", 9}, {"lineage", "l"}, {"serial", 0}}.dump();
  Result<JournalContents> j = ParseJournal(FrameJournalBody(body), "j");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), StatusCode::kFailedPrecondition);
}

TEST(JournalTest, IntactRecordWithBadFieldsIsDataLoss) {
  std::string body = Value{{"op", "explode"}, {"address", "aws_vpc.main"}}.dump();
  Result<JournalContents> j =
      ParseJournal(EncodeJournalHeader({"l", 0}) + FrameJournalBody(body), "j");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), StatusCode::kDataLoss);
}

TEST(JournalTest, ReplayAppliesFinishesAndReportsOpenBegins) {
  State state;
  state.Put(ResourceState{*ResourceAddress::Parse("aws_eip.old"), Value{{"id", "e"}}, {}});
  JournalRecord del_begin{JournalOp::kBegin, Op("aws_eip.old", Operation::kDelete)};
  JournalRecord del_finish{JournalOp::kFinish, Op("aws_eip.old", Operation::kDelete)};
  JournalRecord fail{JournalOp::kFail, Op("aws_igw.main")};
  std::vector<JournalRecord> records = {Begin("aws_vpc.main"),
                                        Begin("aws_igw.main"),
                                        Finish("aws_vpc.main", "vpc-1"),
                                        del_begin,
                                        del_finish,
                                        fail,
                                        Begin("aws_subnet.a")};
  std::vector<JournalRecord> open = ReplayJournal(records, true, &state);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].operation.address.ToString(), "aws_subnet.a");
  EXPECT_EQ(state.size(), 1u);
  ASSERT_NE(state.Find(*ResourceAddress::Parse("aws_vpc.main")), nullptr);

  State untouched;
  EXPECT_EQ(ReplayJournal(records, false, &untouched).size(), 1u);
  EXPECT_EQ(untouched.size(), 0u);
}

TEST(JournalTest, AMoveRecordCarriesTheResourceToItsDeposedAddress) {
  ResourceAddress lb = *ResourceAddress::Parse("aws_lb.web");
  ResourceAddress deposed = ResourceAddress::Deposed(lb, "0a1b2c3d");
  JournalRecord move{JournalOp::kMove};
  move.operation.address = lb;
  move.to = deposed;
  EXPECT_EQ(Line(move).find("\"operation\""), std::string::npos) << "a move calls no provider";
  Result<JournalContents> j = ParseJournal(EncodeJournalHeader({"lin", 3}) + Line(move) + Line(Begin("aws_lb.web")) +
                                               Line(Finish("aws_lb.web", "lb-2")),
                                           "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(j->records.size(), 3u);
  EXPECT_EQ(j->records[0].op, JournalOp::kMove);
  EXPECT_EQ(j->records[0].to, deposed);

  State state;
  state.Put(ResourceState{lb, Value{{"id", "lb-1"}}, {}});
  EXPECT_TRUE(ReplayJournal(j->records, true, &state).empty());
  ASSERT_NE(state.Find(deposed), nullptr) << "the old instance is kept, deposed";
  EXPECT_EQ(state.Find(deposed)->attributes["id"], "lb-1");
  EXPECT_EQ(state.Find(deposed)->address, deposed);
  EXPECT_EQ(state.Find(lb)->attributes["id"], "lb-2");

  // A move naming two types, or with a field it does not have, is damage.
  Value bad{{"op", "move"}, {"address", "aws_lb.web"}, {"to", "aws_vpc.web~deposed-1"}, {"time", ""}, {"run", ""}};
  EXPECT_EQ(ParseJournal(EncodeJournalHeader({"l", 0}) + FrameJournalBody(bad.dump()) + Line(Begin("aws_lb.web")), "j")
                .status()
                .code(),
            StatusCode::kDataLoss);
  bad["to"] = "aws_lb.web~deposed-1";
  bad["token"] = "t";
  EXPECT_EQ(ParseJournal(EncodeJournalHeader({"l", 0}) + FrameJournalBody(bad.dump()) + Line(Begin("aws_lb.web")), "j")
                .status()
                .code(),
            StatusCode::kDataLoss);
}

TEST(JournalTest, WriterAppendsSyncedRecords) {
  MemEnv env;
  ASSERT_TRUE(WriteJournal(&env, "/j", {"lin", 1}, {Begin("aws_vpc.main")}).ok());
  auto writer = JournalWriter::Open(&env, "/j");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(Finish("aws_vpc.main", "vpc-1")).ok());
  env.SimulateCrash();
  Result<std::string> data = env.ReadFile("/j");
  ASSERT_TRUE(data.ok());
  Result<JournalContents> j = ParseJournal(*data, "/j");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->records.size(), 2u);
  EXPECT_EQ(env.FileMode("/j"), 0600);
}

}  // namespace
}  // namespace pave
