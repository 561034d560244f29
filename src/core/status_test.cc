#include "core/status.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, MacrosPropagateErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(3).message(), "odd");
}

TEST(StatusTest, ContextAndReasonSurvive) {
  Status s = Status::NotFound("no vpc").WithReason("InvalidVpcID.NotFound").WithContext("read aws_vpc.main");
  EXPECT_EQ(s.message(), "read aws_vpc.main: no vpc");
  EXPECT_EQ(s.reason(), "InvalidVpcID.NotFound");
  EXPECT_EQ(s.ToString(), "NOT_FOUND: read aws_vpc.main: no vpc");
}

}  // namespace
}  // namespace pave
