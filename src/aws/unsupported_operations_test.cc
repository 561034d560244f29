#include "aws/unsupported_operations.h"

#include <gtest/gtest.h>

#include "aws/modeled_client.h"

namespace pave::aws {
namespace {

Status ErrorOf(const std::string& code, int http) {
  return AwsErrorStatus(AwsError{.code = code, .message = "m", .http_status = http});
}

TEST(UnsupportedOperationsTest, ClassifiesWhatAnEndpointSaysForAnUnknownOperation) {
  // ParseError makes the status code the code when the body names none.
  EXPECT_TRUE(IsOperationUnsupported(ErrorOf("404", 404)));
  EXPECT_TRUE(IsOperationUnsupported(ErrorOf("501", 501)));
  EXPECT_TRUE(IsOperationUnsupported(ErrorOf("UnknownOperationException", 400)));
  EXPECT_TRUE(IsOperationUnsupported(ErrorOf("InvalidAction", 400)));
  EXPECT_FALSE(IsOperationUnsupported(ErrorOf("NoSuchHostedZone", 404)));
  EXPECT_FALSE(IsOperationUnsupported(ErrorOf("Throttling", 400)));
  EXPECT_FALSE(IsOperationUnsupported(Status::Ok()));
}

TEST(UnsupportedOperationsTest, RemembersOnlyUnsupportedAnswers) {
  UnsupportedOperations memo;
  EXPECT_FALSE(memo.RememberIfUnsupported("route53", "ListTagsForResources",
                                          ErrorOf("NoSuchHostedZone", 404)));
  EXPECT_FALSE(memo.IsKnownUnsupported("route53", "ListTagsForResources"));
  EXPECT_TRUE(
      memo.RememberIfUnsupported("route53", "ListTagsForResources", ErrorOf("404", 404)));
  EXPECT_TRUE(memo.IsKnownUnsupported("route53", "ListTagsForResources"));
  EXPECT_FALSE(memo.IsKnownUnsupported("route53", "ListTagsForResource"));
}

}  // namespace
}  // namespace pave::aws
