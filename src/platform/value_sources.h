// Value sources: "${env:NAME}" and "${file:path}" in property strings, replaced at load time
// by an environment variable or a file's content (relative paths from the platform file's
// directory; one trailing newline dropped, as files usually end with one). A "${" in the
// inserted text is escaped ("$${") so it is never taken for a reference. Errors name the
// source, never its value.
#pragma once

#include <map>
#include <string>

#include "core/diagnostic.h"
#include "core/env.h"
#include "core/value.h"
#include "platform/placeholders.h"
#include "platform/yaml_checks.h"

namespace pave {

// A ${file:...} source must be a regular file of at most this many bytes: /dev/zero, a FIFO
// or a directory is refused with an error at the property, never read or waited on.
inline constexpr size_t kMaxFileValueBytes = size_t{1} << 20;  // 1 MiB

class ValueSources {
 public:
  // `platform_file` is the platform file's path: relative file sources start from its
  // directory.
  ValueSources(Env* env, const std::string& platform_file);

  // Replaces every value source in the strings of *value (recursively). Errors are reported
  // at `where`; the placeholder then stays as written.
  // A file read for a property that is not `secret` is remembered (files_read), so the
  // history can keep it with the version it made; a secret's file never is.
  void Resolve(Value* value, const SourceLocation& where, FileErrors& errors, bool secret = true) const;

  // path relative to the platform file's directory -> content, of every file read for a
  // property that is not secret (absolute paths and paths with ".." left out).
  const std::map<std::string, std::string>& files_read() const { return files_read_; }

  // Replaces the value sources of one string.
  std::string ResolveString(const std::string& text, const SourceLocation& where,
                            FileErrors& errors, bool secret = true) const;

 private:
  // The value of one env or file placeholder; false after reporting why there is none.
  bool Lookup(const Placeholder& p, std::string* out, const SourceLocation& where,
              FileErrors& errors, bool secret) const;

  Env* env_;
  std::string base_dir_;
  mutable std::map<std::string, std::string> files_read_;
};

}  // namespace pave
