// Redaction of a secret value from errors: AWS (and emulators) sometimes quote request
// parameters in their messages; a secret sent in a request must never come back to the user
// that way.
#pragma once

#include <string>

#include "core/status.h"

namespace pave::aws_provider {

inline constexpr const char* kRedacted = "(redacted)";

// `text` with every occurrence of `secret` replaced by kRedacted (no change for an empty
// secret).
std::string RedactText(std::string text, const std::string& secret);

// `status` with `secret` redacted from its message and reason.
Status Redacted(const Status& status, const std::string& secret);

}  // namespace pave::aws_provider
