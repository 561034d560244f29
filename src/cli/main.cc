// pave's entry point: the real machine, the real terminal. The first Ctrl-C asks the run to
// stop starting new work and finish what is in flight (so the state stays complete); the
// second one ends the process at once (the journal still lets the next run recover).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <exception>
#include <iostream>

#include "cli/app.h"

namespace {

constexpr int kInternalErrorExit = 70;

std::atomic<int> interrupts{0};  // the one process-wide flag a signal handler may set

void OnInterrupt(int) {
  if (interrupts.fetch_add(1) >= 1) _exit(130);
  const char msg[] = "\npave: interrupted: finishing operations in flight (Ctrl-C again to quit now)\n";
  [[maybe_unused]] auto n = write(2, msg, sizeof msg - 1);
}

}  // namespace

int main(int argc, char** argv) {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  pave::cli::Console console{std::cin, std::cout, std::cerr, isatty(0) == 1, isatty(1) == 1,
                             [] { return interrupts.load() > 0; }, isatty(2) == 1};
  // No exception is expected (errors are Status values); one that escapes anyway is a bug.
  // Catching it here unwinds the stack, so RAII holders such as the state lock release what
  // they hold, and the user sees one line instead of an abort. Exit 70: EX_SOFTWARE.
  try {
    return pave::cli::RunPave(argc, argv, pave::DefaultEnv(), console);
  } catch (const std::exception& e) {
    std::cerr << "pave: error: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "pave: error: internal error: unknown exception\n";
  }
  return kInternalErrorExit;
}
