#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

TEST(DiagnosticTest, FormatsLocationAndHint) {
  Diagnostic d{Severity::kError, {"platform.yaml", 12, 5}, "unknown key \"cidrr\"", "did you mean \"cidr\"?"};
  EXPECT_EQ(d.ToString(), "platform.yaml:12:5: unknown key \"cidrr\" (did you mean \"cidr\"?)");
}

TEST(DiagnosticTest, SuggestsCloseMatchesOnly) {
  EXPECT_EQ(ClosestMatch("cidrr", {"cidr", "zones", "nat"}), "cidr");
  EXPECT_EQ(ClosestMatch("netwrok", {"network", "cluster"}), "network");
  EXPECT_EQ(ClosestMatch("banana", {"network", "cluster"}), "");
}

}  // namespace
}  // namespace pave
