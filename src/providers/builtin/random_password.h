// random_password: a random secret string, e.g. a database password.
//   length (int, required)   1 to 1024 characters
//   special (bool, true)     include special characters !#$%&*()-_=+[]{}<>:?
//   keepers (map)            any values; changing one makes a new password
//   result (computed, secret)  the password; state keeps only its fingerprint
// Every password of at least 4 (3 without special) characters has an upper-case letter, a
// lower-case letter, a digit and, with special, a special character. Characters are drawn
// without modulo bias.
#pragma once

#include <memory>
#include <string>

#include "core/env.h"
#include "engine/resource_type.h"

namespace pave {

std::unique_ptr<ResourceType> NewRandomPasswordType(Env* env);

// The generator behind the type.
Result<std::string> GeneratePassword(Env* env, size_t length, bool special);

}  // namespace pave
