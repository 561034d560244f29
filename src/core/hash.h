// Cryptographic digests (OpenSSL). Used for SigV4, for secret fingerprints in state and
// for content checksums of persistent files.
#pragma once

#include <string>
#include <string_view>

namespace pave {

// Raw 32-byte digests.
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
// Lower-case hex of arbitrary bytes.
std::string HexEncode(std::string_view bytes);
inline std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }
std::string Base64Encode(std::string_view bytes);
// Returns false on malformed input.
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace pave
