// random_id: random bytes, shown as hex and URL-safe base64; for unique name suffixes.
//   byte_length (int, required)  how many random bytes, 1 to 1024
//   keepers (map)                any values; changing one makes a new id
//   hex, b64 (computed)          the bytes as lower-case hex / URL-safe base64 without '='
// The id is the hex form. Nothing exists outside state: Read returns what state holds.
#pragma once

#include <memory>

#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

std::unique_ptr<ResourceType> NewRandomIdType(Env* env);

}  // namespace pave
