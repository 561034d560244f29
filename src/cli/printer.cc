#include "cli/printer.h"

namespace pave::cli {

std::string Printer::Styled(Style style, const std::string& text) const {
  if (!color_) return text;
  const char* code = "";
  switch (style) {
    case Style::kPlain: return text;
    case Style::kBold: code = "1"; break;
    case Style::kDim: code = "2"; break;
    case Style::kRed: code = "31"; break;
    case Style::kGreen: code = "32"; break;
    case Style::kYellow: code = "33"; break;
    case Style::kCyan: code = "36"; break;
    case Style::kMagenta: code = "35"; break;
  }
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

void Printer::Error(const std::string& message) {
  err_ << "pave: " << Styled(Style::kRed, "error") << ": " << message << "\n";
}

void Printer::Error(const Status& status) { Error(status.message()); }

void Printer::Warning(const std::string& message) {
  err_ << "pave: " << Styled(Style::kYellow, "warning") << ": " << message << "\n";
}

void Printer::Note(const std::string& message) { err_ << "pave: note: " << message << "\n"; }

void Printer::Diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    switch (d.severity) {
      case Severity::kError: Error(d.ToString()); break;
      case Severity::kWarning: Warning(d.ToString()); break;
      case Severity::kNote: Note(d.ToString()); break;
    }
  }
}

}  // namespace pave::cli
