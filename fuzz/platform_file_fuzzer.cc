// libFuzzer target for the platform-file loader: YAML text → Config with diagnostics. Value
// sources see an Env with no files and no variables. Any input must end in a result or
// diagnostics, never an exception or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/env.h"
#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"

namespace {

// Nothing on disk, nothing in the environment: inputs cannot reach the machine.
class EmptyEnv : public pave::Env {
 public:
  using Status = pave::Status;
  pave::Result<std::string> ReadFile(const std::string& p) override { return Status::NotFound(p); }
  Status WriteFileAtomic(const std::string&, std::string_view, int) override { return No(); }
  Status CreateFileExclusive(const std::string&, std::string_view, int) override { return No(); }
  pave::Result<std::unique_ptr<pave::AppendFile>> OpenAppend(const std::string&, int) override {
    return No();
  }
  bool FileExists(const std::string&) override { return false; }
  Status CreateDirs(const std::string&, int) override { return No(); }
  pave::Result<std::vector<std::string>> ListDir(const std::string&) override { return No(); }
  Status RemoveFile(const std::string&) override { return No(); }
  Status Truncate(const std::string&, uint64_t) override { return No(); }
  std::chrono::system_clock::time_point Now() override { return {}; }
  std::chrono::steady_clock::time_point MonotonicNow() override { return {}; }
  void SleepFor(std::chrono::milliseconds) override {}
  std::optional<std::string> GetEnv(const std::string&) override { return std::nullopt; }
  int ProcessId() override { return 1; }
  bool ProcessAlive(int) override { return false; }
  std::string HostName() override { return "fuzz"; }
  std::string UserName() override { return "fuzz"; }
  Status RandomBytes(void* out, size_t n) override {
    std::memset(out, 7, n);
    return Status::Ok();
  }

 private:
  static Status No() { return Status::Unimplemented("fuzz env"); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static EmptyEnv env;
  static pave::ProviderRegistry* registry = [] {
    auto* r = new pave::ProviderRegistry();
    pave::RegisterBuiltinTypes(r, &env);
    return r;
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<pave::Diagnostic> diagnostics;
  auto loaded = pave::ParsePlatform(text, "/fuzz/platform.yaml", &env, *registry, {}, &diagnostics);
  for (const pave::Diagnostic& d : diagnostics) (void)d.ToString();
  return 0;
}
