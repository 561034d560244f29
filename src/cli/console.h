// Console: the terminal a command talks to, passed in so tests can script it.
#pragma once

#include <functional>
#include <istream>
#include <ostream>

namespace pave::cli {

struct Console {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool in_is_terminal = false;   // may we ask questions?
  bool out_is_terminal = false;  // live view and colors by default
  std::function<bool()> interrupted;  // true once SIGINT arrived; may be empty
  bool err_is_terminal = false;  // the live progress view (it writes to err)
};

}  // namespace pave::cli
