#include "aws/paginator.h"

#include <gtest/gtest.h>

#include <vector>

namespace pave::aws {
namespace {

TEST(EvalPathTest, PathsIndexesAndAlternatives) {
  Value doc = Value::parse(R"({"A": {"B": 1}, "Contents": [{"Key": "k1"}, {"Key": "k2"}],
                              "Empty": null})");
  EXPECT_EQ(EvalPath(doc, "A.B"), Value(1));
  EXPECT_EQ(EvalPath(doc, "Contents[-1].Key"), Value("k2"));
  EXPECT_EQ(EvalPath(doc, "Contents[0].Key"), Value("k1"));
  EXPECT_TRUE(EvalPath(doc, "Contents[5].Key").is_null());
  EXPECT_TRUE(EvalPath(doc, "A.C").is_null());
  EXPECT_EQ(EvalPath(doc, "NextMarker || Contents[-1].Key"), Value("k2"));
  EXPECT_EQ(EvalPath(doc, "A.B || Contents[-1].Key"), Value(1));
  EXPECT_TRUE(EvalPath(doc, "Empty || Missing").is_null());
}

// A fake service paging `items` by `size`, with the token scheme of `p`.
struct FakePages {
  std::vector<int> items;
  size_t size = 2;
  std::vector<Value> inputs;

  Result<Value> Fetch(const Value& input) {
    inputs.push_back(input);
    size_t start =
        input.contains("NextToken") ? std::stoul(input["NextToken"].get<std::string>()) : 0;
    Value out = {{"Items", Value::array()}, {"Owner", "me"}};
    for (size_t i = start; i < items.size() && i < start + size; ++i)
      out["Items"].push_back(items[i]);
    if (start + size < items.size()) out["NextToken"] = std::to_string(start + size);
    return out;
  }
};

Paginator TokenPaginator() {
  Paginator p;
  p.input_token = {"NextToken"};
  p.output_token = {"NextToken"};
  p.result_key = {"Items"};
  p.limit_key = "MaxResults";
  return p;
}

TEST(CollectAllPagesTest, FollowsTokensAndMergesResultKeys) {
  FakePages pages{.items = {1, 2, 3, 4, 5}};
  auto out = CollectAllPages(TokenPaginator(), Value::parse(R"({"MaxResults": 2})"),
                             [&](const Value& in) { return pages.Fetch(in); });
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(R"({"Items": [1, 2, 3, 4, 5], "Owner": "me"})"));
  ASSERT_EQ(pages.inputs.size(), 3u);
  EXPECT_EQ(pages.inputs[0], Value::parse(R"({"MaxResults": 2})"));
  EXPECT_EQ(pages.inputs[1], Value::parse(R"({"MaxResults": 2, "NextToken": "2"})"));
  EXPECT_EQ(pages.inputs[2], Value::parse(R"({"MaxResults": 2, "NextToken": "4"})"));
}

TEST(CollectAllPagesTest, SinglePageAndEmptyResult) {
  FakePages pages{.items = {}};
  auto out =
      CollectAllPages(TokenPaginator(), Value(), [&](const Value& in) { return pages.Fetch(in); });
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["Items"], Value::array());
  EXPECT_EQ(pages.inputs.size(), 1u);
}

TEST(CollectAllPagesTest, MoreResultsAndSeveralTokens) {
  // Route 53 ListResourceRecordSets: three tokens, IsTruncated.
  Paginator p;
  p.input_token = {"StartRecordName", "StartRecordType"};
  p.output_token = {"NextRecordName", "NextRecordType"};
  p.result_key = {"ResourceRecordSets"};
  p.more_results = "IsTruncated";
  std::vector<Value> inputs;
  int call = 0;
  auto out = CollectAllPages(p, Value::parse(R"({"HostedZoneId": "Z1"})"), [&](const Value& in) {
    inputs.push_back(in);
    ++call;
    if (call == 1) {
      return Result<Value>(Value::parse(R"({"ResourceRecordSets": [{"Name": "a."}],
          "IsTruncated": true, "NextRecordName": "b.", "NextRecordType": "A"})"));
    }
    return Result<Value>(Value::parse(R"({"ResourceRecordSets": [{"Name": "b."}],
        "IsTruncated": false, "NextRecordName": "ignored"})"));
  });
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Value::parse(R"({"ResourceRecordSets": [{"Name": "a."}, {"Name": "b."}],
                                   "IsTruncated": false})"));
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[1], Value::parse(R"({"HostedZoneId": "Z1", "StartRecordName": "b.",
                                        "StartRecordType": "A"})"));
}

TEST(CollectAllPagesTest, NestedResultKeyAndExpressionToken) {
  Paginator p;
  p.input_token = {"Marker"};
  p.output_token = {"NextMarker || Contents[-1].Key"};
  p.result_key = {"Contents"};
  p.more_results = "IsTruncated";
  std::vector<Value> inputs;
  auto out = CollectAllPages(p, Value::object(), [&](const Value& in) {
    inputs.push_back(in);
    if (inputs.size() == 1) {
      return Result<Value>(
          Value::parse(R"({"Contents": [{"Key": "a"}, {"Key": "b"}], "IsTruncated": true})"));
    }
    return Result<Value>(Value::parse(R"({"Contents": [{"Key": "c"}], "IsTruncated": false})"));
  });
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["Contents"].size(), 3u);
  EXPECT_EQ(inputs[1]["Marker"], "b");

  Paginator nested;
  nested.input_token = {"Marker"};
  nested.output_token = {"EngineDefaults.Marker"};
  nested.result_key = {"EngineDefaults.Parameters"};
  int n = 0;
  auto rds = CollectAllPages(nested, Value::object(), [&](const Value&) {
    ++n;
    return Result<Value>(n == 1 ? Value::parse(R"({"EngineDefaults": {"Parameters": [1],
                                                    "Marker": "m"}})")
                                : Value::parse(R"({"EngineDefaults": {"Parameters": [2]}})"));
  });
  ASSERT_TRUE(rds.ok());
  EXPECT_EQ(*rds, Value::parse(R"({"EngineDefaults": {"Parameters": [1, 2]}})"));
}

TEST(CollectAllPagesTest, RepeatedTokenAbortsAndErrorsPropagate) {
  int calls = 0;
  auto loop = CollectAllPages(TokenPaginator(), Value::object(), [&](const Value&) {
    ++calls;
    return Result<Value>(Value::parse(R"({"Items": [1], "NextToken": "same"})"));
  });
  EXPECT_EQ(loop.status().code(), StatusCode::kAborted);
  EXPECT_EQ(calls, 2);
  auto failing = CollectAllPages(TokenPaginator(), Value::object(), [&](const Value& in) {
    if (in.contains("NextToken")) return Result<Value>(Status::Unavailable("throttled"));
    return Result<Value>(Value::parse(R"({"Items": [1], "NextToken": "x"})"));
  });
  EXPECT_EQ(failing.status().code(), StatusCode::kUnavailable);
  int pages = 0;
  auto many = CollectAllPages(
      TokenPaginator(), Value::object(),
      [&](const Value&) {
        ++pages;
        return Result<Value>(Value{{"Items", {pages}}, {"NextToken", std::to_string(pages)}});
      },
      3);
  EXPECT_EQ(many.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace pave::aws
