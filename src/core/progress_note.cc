#include "core/progress_note.h"

namespace pave {
namespace {

thread_local const ProgressSink* current_sink = nullptr;

}  // namespace

ScopedProgressNote::ScopedProgressNote(const ProgressSink* sink) : previous_(current_sink) { current_sink = sink; }

ScopedProgressNote::~ScopedProgressNote() { current_sink = previous_; }

void ProgressNote(const std::string& note) {
  if (current_sink && *current_sink) (*current_sink)(note);
}

}  // namespace pave
