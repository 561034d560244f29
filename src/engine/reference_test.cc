#include "engine/reference.h"

#include <gtest/gtest.h>

#include <map>

namespace pave {
namespace {

class ReferenceTest : public ::testing::Test {
 protected:
  ReferenceLookup Lookup() {
    return [this](const ResourceAddress& t, const std::string& a) -> std::optional<Value> {
      auto it = values_.find(t.ToString() + "." + a);
      if (it == values_.end()) return std::nullopt;
      return it->second;
    };
  }
  Resolution Resolve(const Value& v) {
    Result<Resolution> r = ResolveReferences(v, Lookup());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Resolution{};
  }
  std::map<std::string, Value> values_ = {
      {"aws_vpc.main.id", "vpc-1"}, {"aws_db.main.port", 5432}, {"aws_x.y.tags", Value{{"a", "b"}}},
      {"aws_x.y.flag", true}};
};

TEST_F(ReferenceTest, WholeStringKeepsTheValueType) {
  EXPECT_EQ(Resolve("${aws_vpc.main.id}").value, "vpc-1");
  EXPECT_EQ(Resolve("${aws_db.main.port}").value, 5432);
  EXPECT_EQ(Resolve("${aws_x.y.tags}").value, (Value{{"a", "b"}}));
  EXPECT_EQ(Resolve("${aws_x.y.flag}").value, true);
}

TEST_F(ReferenceTest, InsideLongerStringInterpolates) {
  EXPECT_EQ(Resolve("vpc=${aws_vpc.main.id}").value, "vpc=vpc-1");
  EXPECT_EQ(Resolve("${aws_vpc.main.id}:${aws_db.main.port}").value, "vpc-1:5432");
  EXPECT_EQ(Resolve("t=${aws_x.y.tags}").value, R"(t={"a":"b"})");
}

TEST_F(ReferenceTest, EscapeIsALiteral) {
  Resolution r = Resolve("cost $${aws_vpc.main.id} and ${aws_vpc.main.id}");
  EXPECT_TRUE(r.known());
  EXPECT_EQ(r.value, "cost ${aws_vpc.main.id} and vpc-1");
  EXPECT_TRUE(FindReferences(Value("$${aws_a.b.c}")).empty());
  EXPECT_EQ(Resolve("$${aws_a.b.c}").value, "${aws_a.b.c}");
}

TEST_F(ReferenceTest, ResolvesInsideListsAndMaps) {
  Value v = {{"ids", {"${aws_vpc.main.id}", "x"}}, {"nested", {{"port", "${aws_db.main.port}"}}}, {"n", 3}};
  EXPECT_EQ(Resolve(v).value, (Value{{"ids", {"vpc-1", "x"}}, {"nested", {{"port", 5432}}}, {"n", 3}}));
}

TEST_F(ReferenceTest, UnknownReferencesAreReportedAndLeftAsWritten) {
  Resolution r = Resolve(Value{"${aws_nat.a.id}", "p-${aws_db.main.port}-${aws_nat.b.ip}"});
  EXPECT_FALSE(r.known());
  ASSERT_EQ(r.unknown.size(), 2u);
  EXPECT_EQ(r.unknown[0].target.ToString(), "aws_nat.a");
  EXPECT_EQ(r.unknown[0].attribute, "id");
  EXPECT_EQ(r.unknown[1].target.ToString(), "aws_nat.b");
  EXPECT_EQ(r.unknown[1].attribute, "ip");
  EXPECT_EQ(r.value[1], "p-${aws_db.main.port}-${aws_nat.b.ip}");
}

TEST_F(ReferenceTest, MalformedReferencesAreErrors) {
  for (const char* bad : {"${aws_vpc.main}", "x ${aws_vpc.main.id", "${}", "${Aws.x.y}", "${a.b.c.d}"}) {
    Result<Resolution> r = ResolveReferences(Value(bad), Lookup());
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_FALSE(ParseReferences(Value(bad)).ok()) << bad;
  }
  EXPECT_NE(ResolveReferences(Value("x ${aws_vpc.main.id"), Lookup()).status().message().find("unterminated"),
            std::string::npos);
}

TEST(FindReferencesTest, FindsAllInOrderAndSkipsMalformed) {
  Value v = {{"a", "${aws_a.x.id}"}, {"b", {"${aws_b.y.arn} ${aws_c.z.id}"}}, {"c", "${bad}"}, {"d", 1}};
  std::vector<Reference> refs = FindReferences(v);
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(ReferenceText(refs[0]), "${aws_a.x.id}");
  EXPECT_EQ(ReferenceText(refs[1]), "${aws_b.y.arn}");
  EXPECT_EQ(ReferenceText(refs[2]), "${aws_c.z.id}");
  EXPECT_FALSE(ParseReferences(v).ok());
  EXPECT_TRUE(HasReferences(v));
  EXPECT_FALSE(HasReferences(Value{{"a", "$ {x}"}, {"b", 2}}));
}

}  // namespace
}  // namespace pave
