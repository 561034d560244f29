#include "providers/builtin/builtin_types.h"

#include "providers/builtin/local_file.h"
#include "providers/builtin/random_id.h"
#include "providers/builtin/random_password.h"
#include "providers/builtin/time_sleep.h"
#include "providers/git/git_files.h"

namespace pave {

void RegisterBuiltinTypes(ProviderRegistry* registry, Env* env) {
  registry->Register(NewRandomIdType(env));
  registry->Register(NewRandomPasswordType(env));
  registry->Register(NewLocalFileType(env));
  registry->Register(NewTimeSleepType(env));
  registry->Register(NewGitFilesType(PAVE_VERSION));
}

}  // namespace pave
