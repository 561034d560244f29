#include "cli/plan_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace pave::cli {
namespace {

Plan SamplePlan() {
  Plan plan;
  plan.platform = "shop";
  plan.lineage = "l1";
  plan.serial = 4;
  Change create{{"aws_vpc", "main"}, Action::kCreate};
  create.diff = {{"cidr_block", nullptr, "10.0.0.0/16"},
                 {"id", nullptr, nullptr, /*after_unknown=*/true}};
  Change update{{"aws_subnet", "a"}, Action::kUpdate};
  update.diff = {{"tags", {{"Name", "a"}}, {{"Name", "b"}}}};
  Change replace{{"aws_subnet", "b"}, Action::kReplace};
  replace.diff = {{"cidr_block", "10.0.1.0/24", "10.0.2.0/24", false, /*forces=*/true}};
  Change secret{{"random_password", "db"}, Action::kUpdate};
  secret.diff = {{"value", "sha256:aaa", "sha256:bbb", false, false, /*secret=*/true}};
  Change drop{{"aws_eip", "old"}, Action::kDelete};
  drop.reason = "no longer in the platform file";
  Change same{{"aws_vpc", "other"}, Action::kNoOp};
  plan.changes = {create, update, replace, secret, drop, same};
  return plan;
}

TEST(PlanViewTest, RendersEveryActionGolden) {
  std::ostringstream out, err;
  Printer printer(out, err, /*color=*/false);
  RenderPlan(SamplePlan(), printer);
  EXPECT_EQ(out.str(),
            "pave will perform these actions:\n"
            "\n"
            "  + aws_vpc.main  (create)\n"
            "      cidr_block  \"10.0.0.0/16\"\n"
            "      id          (known after apply)\n"
            "\n"
            "  ~ aws_subnet.a  (update in place)\n"
            "      tags  {\"Name\":\"a\"} -> {\"Name\":\"b\"}\n"
            "\n"
            "  -/+ aws_subnet.b  (replace)\n"
            "      cidr_block  \"10.0.1.0/24\" -> \"10.0.2.0/24\" # forces replacement\n"
            "\n"
            "  ~ random_password.db  (update in place)\n"
            "      value  (secret changed)\n"
            "\n"
            "  - aws_eip.old  (delete: no longer in the platform file)\n"
            "\n"
            "Plan: 1 to create, 2 to update, 1 to replace, 1 to delete.\n");
}

TEST(PlanViewTest, FilesAreShownOneByOneWithTheLinesThatChanged) {
  Plan plan;
  Change files{{"git_repository_files", "gitops"}, Action::kUpdate};
  files.diff = {{"files",
                 {{"a.yaml", "kind: A\nname: a\n"}, {"gone.yaml", "x: 1\n"}, {"same.yaml", "s: 1\n"}},
                 {{"a.yaml", "kind: A\nname: b\nextra: 1\n"}, {"new.yaml", "n: 1\nm: 2\n"}, {"same.yaml", "s: 1\n"}}}};
  plan.changes = {files};
  std::ostringstream out, err;
  Printer printer(out, err, /*color=*/false);
  RenderPlan(plan, printer);
  EXPECT_EQ(out.str(),
            "pave will perform these actions:\n"
            "\n"
            "  ~ git_repository_files.gitops  (update in place)\n"
            "      files  (entries changed)\n"
            "        ~ a.yaml\n"
            "            - name: a\n"
            "            + name: b\n"
            "            + extra: 1\n"
            "        - gone.yaml  (1 line)\n"
            "        + new.yaml  (2 lines)\n"
            "\n"
            "Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.\n");
}

TEST(PlanViewTest, AMovedResourceIsShownWithWhereItCameFrom) {
  Plan plan;
  Change moved{{"random_id", "tag"}, Action::kNoOp};
  moved.moved_from = ResourceAddress{"random_id", "suffix"};
  Change same{{"aws_vpc", "main"}, Action::kNoOp};
  plan.changes = {same, moved};
  std::ostringstream out, err;
  Printer printer(out, err, false);
  RenderPlan(plan, printer);
  EXPECT_EQ(out.str(),
            "pave will perform these actions:\n"
            "\n"
            "  > random_id.tag  (moved from random_id.suffix)\n"
            "\n"
            "No changes in the cloud. 1 moved (the state follows the rename).\n");
  Value j = PlanToJson(plan);
  ASSERT_EQ(j["changes"].size(), 1u);
  EXPECT_EQ(j["changes"][0]["moved_from"], "random_id.suffix");
  EXPECT_EQ(j["summary"]["moved"], 1);
}

TEST(PlanViewTest, NoChangesSaysSo) {
  Plan plan;
  plan.changes = {Change{{"aws_vpc", "main"}, Action::kNoOp}};
  std::ostringstream out, err;
  Printer printer(out, err, false);
  RenderPlan(plan, printer);
  EXPECT_EQ(out.str(), "No changes. The cloud matches the platform file.\n");
}

TEST(PlanViewTest, JsonHasCountsAndNoSecrets) {
  Value j = PlanToJson(SamplePlan());
  EXPECT_EQ(j["summary"]["create"], 1);
  EXPECT_EQ(j["summary"]["update"], 2);
  EXPECT_EQ(j["summary"]["no_op"], 1);
  EXPECT_EQ(j["changes"].size(), 5u);
  EXPECT_EQ(j["changes"][0]["address"], "aws_vpc.main");
  EXPECT_TRUE(j["changes"][0]["attributes"][1]["after_unknown"].get<bool>());
  EXPECT_EQ(j.dump().find("sha256:aaa"), std::string::npos);
}

TEST(PlanViewTest, ColorOnlyWhenAsked) {
  std::ostringstream out, err;
  Printer printer(out, err, /*color=*/true);
  RenderPlan(SamplePlan(), printer);
  EXPECT_NE(out.str().find("\x1b[32m+\x1b[0m"), std::string::npos);
}

TEST(PlanViewTest, DataLossIsMarkedInTextAndJson) {
  Plan plan;
  Change drop{{"aws_s3_bucket", "logs"}, Action::kDelete};
  drop.reason = "no longer in the platform file";
  drop.destroys_data = true;
  Change replace{{"aws_db_instance", "main"}, Action::kReplace};
  replace.diff = {{"identifier", "a", "b", false, /*forces=*/true}};
  replace.destroys_data = true;
  Change safe{{"aws_eip", "old"}, Action::kDelete};
  plan.changes = {drop, replace, safe};
  std::ostringstream out, err;
  Printer printer(out, err, /*color=*/false);
  RenderPlan(plan, printer, {"p.yaml:9:13: cluster.endpoint private+public is open to 0.0.0.0/0"});
  EXPECT_EQ(out.str(),
            "pave will perform these actions:\n"
            "\n"
            "! - aws_s3_bucket.logs  (delete: no longer in the platform file; destroys data)\n"
            "\n"
            "! -/+ aws_db_instance.main  (replace; destroys data)\n"
            "      identifier  \"a\" -> \"b\" # forces replacement\n"
            "\n"
            "  - aws_eip.old  (delete)\n"
            "\n"
            "Plan: 0 to create, 0 to update, 1 to replace, 2 to delete. 2 of them destroy data (marked !).\n"
            "\n"
            "Warnings:\n"
            "  ! p.yaml:9:13: cluster.endpoint private+public is open to 0.0.0.0/0\n");
  Value j = PlanToJson(plan, {"w1"});
  EXPECT_TRUE(j["changes"][0]["destroys_data"].get<bool>());
  EXPECT_TRUE(j["changes"][1]["destroys_data"].get<bool>());
  EXPECT_FALSE(j["changes"][2]["destroys_data"].get<bool>());
  EXPECT_EQ(j["summary"]["destroys_data"], 2);
  EXPECT_EQ(j["warnings"], Value::array({"w1"}));
}

}  // namespace
}  // namespace pave::cli
