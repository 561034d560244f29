#include "aws/protocol_encoding.h"

#include <gtest/gtest.h>

namespace pave::aws {
namespace {

// 2026-01-02T03:04:05Z, checked with `date -u -d @1767323045`.
constexpr int64_t kEpoch = 1767323045;

TimePoint At(int64_t seconds, int ms = 0) {
  return TimePoint(std::chrono::milliseconds(seconds * 1000 + ms));
}

TEST(UriEncodeTest, Rfc3986) {
  EXPECT_EQ(UriEncode("AZaz09-_.~", false), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b/c+d=e&f", false), "a%20b%2Fc%2Bd%3De%26f");
  EXPECT_EQ(UriEncode("dir/a b.txt", true), "dir/a%20b.txt");
  EXPECT_EQ(UriEncode("\xC3\xA9", false), "%C3%A9");  // é in UTF-8
  EXPECT_EQ(FormEncode({{"Action", "DescribeVpcs"}, {"Filter.1.Name", "tag:Name"}, {"x", ""}}),
            "Action=DescribeVpcs&Filter.1.Name=tag%3AName&x=");
}

TEST(TimestampTest, Formats) {
  EXPECT_EQ(FormatIso8601(At(kEpoch)), "2026-01-02T03:04:05Z");
  EXPECT_EQ(FormatIso8601(At(kEpoch, 120)), "2026-01-02T03:04:05.120Z");
  EXPECT_EQ(FormatIso8601(At(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc822(At(kEpoch)), "Fri, 02 Jan 2026 03:04:05 GMT");
  EXPECT_EQ(FormatUnixTimestamp(At(kEpoch)), Value(kEpoch));
  EXPECT_EQ(FormatUnixTimestamp(At(kEpoch, 500)), Value(1767323045.5));
}

TEST(TimestampTest, ParsesEveryInputForm) {
  for (const char* text : {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z",
                           "2026-01-02t03:04:05z", "2026-01-02T04:04:05+01:00",
                           "2026-01-02T01:34:05-0130", "Fri, 02 Jan 2026 03:04:05 GMT",
                           "1767323045"}) {
    auto t = ParseTimestampText(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status().ToString();
    EXPECT_EQ(*t, At(kEpoch)) << text;
  }
  EXPECT_EQ(*ParseTimestampText("2026-01-02"), At(kEpoch - 3 * 3600 - 4 * 60 - 5));
  EXPECT_EQ(*ParseTimestampText("2026-01-02T03:04:05.123456Z"), At(kEpoch, 123));
  EXPECT_EQ(*ParseTimestampText("1767323045.25"), At(kEpoch, 250));
  EXPECT_EQ(*ParseTimestampValue(Value(kEpoch)), At(kEpoch));
  EXPECT_EQ(*ParseTimestampValue(Value(1421866952.062)), At(1421866952, 62));
}

TEST(TimestampTest, RejectsGarbage) {
  for (const char* text : {"", "yesterday", "2026-13-02T03:04:05Z", "2026-02-30",
                           "2026-01-02T03:04:05Zjunk", "Fri, 02 Foo 2026 03:04:05 GMT"}) {
    EXPECT_FALSE(ParseTimestampText(text).ok()) << text;
  }
  EXPECT_FALSE(ParseTimestampValue(Value(true)).ok());
}

TEST(ScalarTest, TextBothWays) {
  Shape b, i, d, t;
  b.type = ShapeType::kBoolean;
  i.type = ShapeType::kInteger;
  d.type = ShapeType::kDouble;
  t.type = ShapeType::kTimestamp;
  ShapeRef rb{.shape = &b}, ri{.shape = &i}, rd{.shape = &d}, rt{.shape = &t};
  EXPECT_EQ(*ScalarToText(Value(true), rb, TimestampFormat::kIso8601), "true");
  EXPECT_EQ(*ScalarToText(Value(42), ri, TimestampFormat::kIso8601), "42");
  EXPECT_EQ(*ScalarToText(Value(0.5), rd, TimestampFormat::kIso8601), "0.5");
  EXPECT_EQ(*ScalarToText(Value(kEpoch), rt, TimestampFormat::kRfc822),
            "Fri, 02 Jan 2026 03:04:05 GMT");
  EXPECT_EQ(*ScalarToText(Value("2026-01-02T03:04:05Z"), rt, TimestampFormat::kUnixTimestamp),
            "1767323045");
  EXPECT_FALSE(ScalarToText(Value("yes"), rb, TimestampFormat::kIso8601).ok());
  EXPECT_EQ(*ScalarFromText("false", rb), Value(false));
  EXPECT_EQ(*ScalarFromText("-7", ri), Value(-7));
  EXPECT_EQ(*ScalarFromText("2.25", rd), Value(2.25));
  EXPECT_EQ(*ScalarFromText("Fri, 02 Jan 2026 03:04:05 GMT", rt), Value("2026-01-02T03:04:05Z"));
  EXPECT_FALSE(ScalarFromText("12x", ri).ok());
  EXPECT_EQ(*ScalarFromText("TRUE", rb), Value(true));  // botocore reads booleans loosely
  EXPECT_FALSE(ScalarFromText("yes", rb).ok());
}

}  // namespace
}  // namespace pave::aws
