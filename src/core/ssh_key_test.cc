#include "core/ssh_key.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/subprocess.h"

namespace pave {
namespace {

// OpenSSH's own ssh-keygen (an independent implementation) reads the private key and derives
// the same public key from it.
TEST(SshKeyTest, SshKeygenReadsThePrivateKeyAndDerivesThePublicOne) {
  auto pair = NewEd25519Key("pave shop");
  ASSERT_TRUE(pair.ok()) << pair.status().ToString();
  EXPECT_EQ(pair->public_openssh.rfind("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", 0), 0u) << pair->public_openssh;
  std::string dir = (std::filesystem::temp_directory_path() / "pave-ssh-key-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  std::string file = dir + "/id";
  std::ofstream(file) << pair->private_openssh;
  ::chmod(file.c_str(), 0600);
  auto derived = RunProgram({"ssh-keygen", "-y", "-f", file});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(derived.ok());
  ASSERT_EQ(derived->exit_code, 0) << derived->err;
  EXPECT_EQ(derived->out, pair->public_openssh + "\n");
  EXPECT_NE(NewEd25519Key("x")->public_openssh, NewEd25519Key("x")->public_openssh) << "a new key each time";
}

}  // namespace
}  // namespace pave
