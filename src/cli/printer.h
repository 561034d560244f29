// Printer: the one place pave writes diagnostics and styled text for people.
//   pave: error: platform.yaml:12:5: unknown key "cidrr" in network (did you mean "cidr"?)
// Colors only on a terminal, never with --no-color or NO_COLOR set.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/status.h"

namespace pave::cli {

enum class Style { kPlain, kBold, kDim, kRed, kGreen, kYellow, kCyan, kMagenta };

class Printer {
 public:
  Printer(std::ostream& out, std::ostream& err, bool color) : out_(out), err_(err), color_(color) {}

  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  bool color() const { return color_; }

  // Wraps text in the ANSI codes for `style` when color is on.
  std::string Styled(Style style, const std::string& text) const;

  void Error(const std::string& message);
  void Error(const Status& status);
  void Warning(const std::string& message);
  void Note(const std::string& message);
  void Diagnostics(const std::vector<Diagnostic>& diagnostics);

 private:
  std::ostream& out_;
  std::ostream& err_;
  bool color_;
};

}  // namespace pave::cli
