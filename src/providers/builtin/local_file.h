// local_file: a file on this machine, written atomically through Env.
//   path (string, required)        where; relative paths are from the directory pave runs in
//   content (string, required)     what; a change replaces the file
//   file_permission (string, "0644")  octal mode; a change rewrites the file in place
//   sha256 (computed)              hex digest of the content on disk
// The id is the path. Parent directories are created. Read reports a file that is gone as
// deleted and the content found on disk (so an edit outside pave shows as drift). Find adopts
// a file at the path whose content is the desired one (a create cut short by a crash).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

std::unique_ptr<ResourceType> NewLocalFileType(Env* env);

// "0644", "644", "0755" -> the mode; nullopt for anything but 3 or 4 octal digits.
std::optional<int> ParseFilePermission(std::string_view text);

}  // namespace pave
