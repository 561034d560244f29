// The complete example platform (examples/platform.yaml), embedded at build time so that
// `pave init --example full` works without the repository.
#pragma once

namespace pave::cli {

const char* FullExamplePlatformYaml();

}  // namespace pave::cli
