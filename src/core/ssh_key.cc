#include "core/ssh_key.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdint>
#include <memory>

#include "core/hash.h"

namespace pave {
namespace {

// SSH wire encoding (RFC 4251): a uint32 big-endian, a string as its length then its bytes.
void PutUint32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}
void PutString(std::string* out, std::string_view s) {
  PutUint32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

std::string PublicBlob(std::string_view pub) {
  std::string blob;
  PutString(&blob, "ssh-ed25519");
  PutString(&blob, pub);
  return blob;
}

}  // namespace

Result<SshKeyPair> NewEd25519Key(const std::string& comment) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"),
                                                           EVP_PKEY_free);
  if (!key) return Status::Internal("OpenSSL could not make an ed25519 key");
  unsigned char seed[32], pub[32];
  size_t seed_len = sizeof seed, pub_len = sizeof pub;
  if (EVP_PKEY_get_raw_private_key(key.get(), seed, &seed_len) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), pub, &pub_len) != 1 || seed_len != 32 || pub_len != 32) {
    return Status::Internal("OpenSSL did not give the ed25519 key's raw bytes");
  }
  const std::string_view pub_view(reinterpret_cast<const char*>(pub), pub_len);
  uint32_t check = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&check), sizeof check) != 1) {
    return Status::Internal("OpenSSL has no randomness");
  }
  // The private section: check ints, the key (public, then seed + public), the comment, and
  // padding 1, 2, 3... to the cipher's block size (8 for "none").
  std::string section;
  PutUint32(&section, check);
  PutUint32(&section, check);
  PutString(&section, "ssh-ed25519");
  PutString(&section, pub_view);
  std::string secret(reinterpret_cast<const char*>(seed), seed_len);
  secret.append(pub_view);
  PutString(&section, secret);
  PutString(&section, comment);
  for (char pad = 1; section.size() % 8 != 0; ++pad) section.push_back(pad);
  OPENSSL_cleanse(seed, sizeof seed);
  OPENSSL_cleanse(secret.data(), secret.size());

  std::string blob = "openssh-key-v1";
  blob.push_back('\0');
  PutString(&blob, "none");  // cipher
  PutString(&blob, "none");  // kdf
  PutString(&blob, "");      // kdf options
  PutUint32(&blob, 1);       // one key
  PutString(&blob, PublicBlob(pub_view));
  PutString(&blob, section);
  OPENSSL_cleanse(section.data(), section.size());

  std::string encoded = Base64Encode(blob);
  OPENSSL_cleanse(blob.data(), blob.size());
  SshKeyPair pair;
  pair.private_openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
  for (size_t at = 0; at < encoded.size(); at += 70) pair.private_openssh += encoded.substr(at, 70) + "\n";
  pair.private_openssh += "-----END OPENSSH PRIVATE KEY-----\n";
  OPENSSL_cleanse(encoded.data(), encoded.size());
  pair.public_openssh = "ssh-ed25519 " + Base64Encode(PublicBlob(pub_view)) + (comment.empty() ? "" : " " + comment);
  return pair;
}

}  // namespace pave
