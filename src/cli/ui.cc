#include "cli/ui.h"

namespace pave::cli {

Printer MakePrinter(CommandContext& ctx) {
  bool color = ctx.console.out_is_terminal && !ctx.options.no_color &&
               !ctx.env->GetEnv("NO_COLOR").has_value() && !ctx.options.json;
  return Printer(ctx.console.out, ctx.console.err, color);
}

std::unique_ptr<ProgressView> MakeView(CommandContext& ctx, Printer& printer) {
  ViewMode mode = ctx.options.json               ? ViewMode::kJson
                  : ctx.console.err_is_terminal ? ViewMode::kTerminal
                                                : ViewMode::kPlain;
  return std::make_unique<ProgressView>(ctx.env, &printer, mode);
}

int Fail(Printer& printer, const Status& status) {
  printer.Error(status);
  return 1;
}

}  // namespace pave::cli
