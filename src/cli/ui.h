// Small pieces every command uses to talk to people.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "cli/printer.h"
#include "cli/progress_view.h"
#include "core/status.h"
#include "engine/events.h"

namespace pave::cli {

// Colors when stdout is a terminal, unless --no-color or NO_COLOR.
Printer MakePrinter(CommandContext& ctx);
// JSON lines with --json, live terminal view on a terminal, plain timestamped log otherwise.
std::unique_ptr<ProgressView> MakeView(CommandContext& ctx, Printer& printer);
// Prints `status` as "pave: error: ..." and returns exit code 1.
int Fail(Printer& printer, const Status& status);

class NullEventSink : public EventSink {
 public:
  void OnEvent(const Event&) override {}
};

}  // namespace pave::cli
