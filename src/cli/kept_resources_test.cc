#include "cli/kept_resources.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/progress_view.h"

namespace pave::cli {
namespace {

// 2026-12-04T12:00:00Z
const auto kNow = std::chrono::system_clock::from_time_t(1796385600);

TEST(KeptResourcesTest, ReadsScheduledDeletionsAndFinalSnapshots) {
  auto key =
      KeptFromNote({"aws_kms_key", "main"}, "key k-1 scheduled for deletion in 7 days", kNow);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->until, "2026-12-11");
  auto db =
      KeptFromNote({"aws_db_instance", "app"}, "database app: final snapshot app-final-1", kNow);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->until, "");
  EXPECT_TRUE(KeptFromNote({"aws_organizations_account", "app"},
                           "account app (123456789012) left in place in the organization: not closed", kNow)
                  .has_value());
  EXPECT_FALSE(KeptFromNote({"aws_eks_cluster", "main"}, "cluster: DELETING", kNow).has_value());
  EXPECT_FALSE(KeptFromNote({"aws_secretsmanager_secret", "s"},
                            "restored secret s, which was scheduled for deletion", kNow)
                   .has_value());
}

TEST(KeptResourcesTest, TheProgressViewCollectsThemAndTheBlockNamesThem) {
  std::ostringstream out, err;
  Printer printer(out, err, false);
  std::vector<KeptResource> kept;
  {
    ProgressView view(DefaultEnv(), &printer, ViewMode::kPlain);
    view.OnEvent({EventKind::kChangeStarted, {"aws_kms_key", "main"}, Action::kDelete});
    view.OnEvent({EventKind::kChangeProgress,
                  {"aws_kms_key", "main"},
                  Action::kDelete,
                  "key k-1 scheduled for deletion in 30 days"});
    view.OnEvent({EventKind::kChangeProgress,
                  {"aws_eks_cluster", "main"},
                  Action::kDelete,
                  "cluster: DELETING"});
    view.OnEvent({EventKind::kChangeProgress,
                  {"aws_db_instance", "app"},
                  Action::kDelete,
                  "database app: final snapshot app-final-1"});
    kept = view.kept();
  }
  ASSERT_EQ(kept.size(), 2u);
  std::ostringstream block_out, block_err;
  Printer block(block_out, block_err, false);
  PrintKept(kept, block);
  EXPECT_EQ(block_out.str(), "");
  std::string text = block_err.str();
  EXPECT_NE(text.find("Kept (recoverable):\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  aws_kms_key.main: key k-1 scheduled for deletion in 30 days (on 20"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  aws_db_instance.app: database app: final snapshot app-final-1\n"),
            std::string::npos)
      << text;
  Value j = KeptToJson(kept);
  EXPECT_EQ(j[0]["address"], "aws_kms_key.main");
  EXPECT_TRUE(j[0].contains("until"));
  EXPECT_FALSE(j[1].contains("until"));
}

}  // namespace
}  // namespace pave::cli
