// NewEd25519Key: an SSH key pair made with OpenSSL, in the formats ssh and git read.
//
//   private_openssh  "-----BEGIN OPENSSH PRIVATE KEY-----..." (unencrypted, the OpenSSH
//                    "openssh-key-v1" format of PROTOCOL.key)
//   public_openssh   "ssh-ed25519 AAAAC3Nza... <comment>" (an authorized_keys line)
//
// For deploy keys: the private half goes straight to where it is kept (SSM), never to state.
#pragma once

#include <string>

#include "core/status.h"

namespace pave {

struct SshKeyPair {
  std::string private_openssh;
  std::string public_openssh;
};

Result<SshKeyPair> NewEd25519Key(const std::string& comment);

}  // namespace pave
