#include "cli/progress_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace pave::cli {
namespace {

TEST(ProgressViewTest, JsonLinesPerEvent) {
  std::ostringstream out, err;
  Printer printer(out, err, false);
  {
    ProgressView view(DefaultEnv(), &printer, ViewMode::kJson);
    view.OnEvent({EventKind::kChangeStarted, {"aws_vpc", "main"}, Action::kCreate});
    view.OnEvent({EventKind::kChangeSucceeded, {"aws_vpc", "main"}, Action::kCreate, "vpc-1",
                  std::chrono::milliseconds(1500)});
    view.OnEvent({EventKind::kChangeFailed, {"aws_subnet", "a"}, Action::kCreate, "",
                  std::chrono::milliseconds(0), 0, Status::Unavailable("throttled")});
    EXPECT_EQ(view.succeeded(), 1u);
    EXPECT_EQ(view.failed(), 1u);
  }
  std::istringstream lines(out.str());
  std::string line;
  std::vector<Value> events;
  while (std::getline(lines, line)) events.push_back(Value::parse(line));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["event"], "change_started");
  EXPECT_EQ(events[1]["elapsed_ms"], 1500);
  EXPECT_EQ(events[1]["message"], "vpc-1");
  EXPECT_EQ(events[2]["error"], "throttled");
}

TEST(ProgressViewTest, TerminalLinesNameResourceAndOutcome) {
  std::ostringstream out, err;
  Printer printer(out, err, false);
  {
    ProgressView view(DefaultEnv(), &printer, ViewMode::kTerminal);
    view.OnEvent({EventKind::kChangeStarted, {"aws_vpc", "main"}, Action::kDelete});
    view.OnEvent({EventKind::kChangeSucceeded, {"aws_vpc", "main"}, Action::kDelete, "",
                  std::chrono::milliseconds(65000)});
    view.OnEvent({EventKind::kChangeSkipped, {"aws_subnet", "a"}, Action::kCreate,
                  "aws_vpc.main failed"});
  }
  EXPECT_EQ(out.str(),
            "aws_vpc.main: deleting...\n"
            "aws_vpc.main: deleted [1m05s]\n"
            "aws_subnet.a: skipped (aws_vpc.main failed)\n");
}

TEST(ProgressViewTest, DurationFormat) {
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(400)), "0.4s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(12345)), "12.3s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(125000)), "2m05s");
}

}  // namespace
}  // namespace pave::cli
