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
  EXPECT_EQ(ClosestMatch("emial", {"name", "email", "unit"}), "email");  // two letters swapped: one edit
  EXPECT_EQ(ClosestMatch("spot", {"ON_DEMAND", "SPOT"}), "SPOT");         // another case, however short
  EXPECT_EQ(ClosestMatch("SPOT", {"ON_DEMAND", "SPOT"}), "SPOT");
}

}  // namespace
}  // namespace pave
