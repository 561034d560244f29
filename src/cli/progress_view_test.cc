#include "cli/progress_view.h"

#include <gtest/gtest.h>

#include <regex>
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
  EXPECT_EQ(out.str(), "");  // stdout carries only the result (`pave plan | less`)
  // The live status line ("running: aws_vpc.main 0.0s", its time from the real clock) is
  // drawn after the start and erased ("\r\x1b[K") before the next line.
  std::string shown = err.str();
  EXPECT_TRUE(std::regex_search(shown, std::regex("running: aws_vpc\\.main [0-9.]+s\r\x1b\\[K")))
      << shown;
  shown = std::regex_replace(shown, std::regex("running: [^\r\n]*\r\x1b\\[K"), "");
  EXPECT_EQ(shown,
            "aws_vpc.main: deleting...\n"
            "aws_vpc.main: deleted [1m05s]\n"
            "aws_subnet.a: skipped (aws_vpc.main failed)\n");
}

TEST(ProgressViewTest, TerminalCountsAndShowsWhatIsRunning) {
  std::ostringstream out, err;
  Printer printer(out, err, false);
  {
    ProgressView view(DefaultEnv(), &printer, ViewMode::kTerminal);
    view.SetTotal(2);
    view.OnEvent({EventKind::kChangeStarted, {"aws_vpc", "main"}, Action::kCreate});
    view.OnEvent({EventKind::kChangeStarted, {"aws_subnet", "a"}, Action::kCreate});
    view.OnEvent({EventKind::kChangeSucceeded, {"aws_vpc", "main"}, Action::kCreate, "",
                  std::chrono::milliseconds(2000)});
  }
  EXPECT_EQ(out.str(), "");
  const std::string text = err.str();
  EXPECT_NE(text.find("[1/2] aws_vpc.main: created [2.0s]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("0/2 running: aws_subnet.a "), std::string::npos) << text;
  EXPECT_NE(text.find("s, aws_vpc.main "), std::string::npos) << text;
  EXPECT_NE(text.find("1/2 running: aws_subnet.a"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 4), "\r\x1b[K");  // the status line is gone at the end
}

TEST(ProgressViewTest, PlainLogHasNoStatusLine) {
  std::ostringstream out, err;
  Printer printer(out, err, false);
  {
    ProgressView view(DefaultEnv(), &printer, ViewMode::kPlain);
    view.SetTotal(1);
    view.OnEvent({EventKind::kChangeStarted, {"aws_vpc", "main"}, Action::kCreate});
    view.OnEvent({EventKind::kChangeSucceeded, {"aws_vpc", "main"}, Action::kCreate});
  }
  EXPECT_EQ(err.str().find('\r'), std::string::npos);
  EXPECT_NE(err.str().find("[1/1] aws_vpc.main: created"), std::string::npos) << err.str();
}

TEST(ProgressViewTest, NotesLoseTheirOwnTimer) {
  EXPECT_EQ(WithoutTimer("cluster: CREATING, 70s"), "cluster: CREATING");
  EXPECT_EQ(WithoutTimer("cluster: CREATING"), "cluster: CREATING");
  EXPECT_EQ(WithoutTimer("waiting for a, b"), "waiting for a, b");
  EXPECT_EQ(WithoutTimer(""), "");
}

TEST(ProgressViewTest, DurationFormat) {
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(400)), "0.4s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(12345)), "12.3s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(125000)), "2m05s");
}

}  // namespace
}  // namespace pave::cli
