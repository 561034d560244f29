// The account that holds an S3 state (`state.account`): `management` (the organization's
// management account), a name from the organization or a 12-digit id. The name is resolved
// before any state is read — the state cannot say where it lives — from the ids the platform
// file gives, else from the organization itself (Organizations ListAccounts).
#pragma once

#include <string>

#include "aws/client.h"
#include "core/status.h"
#include "platform/state_section.h"

namespace pave::cli {

// The 12-digit id of `config.account`; `home` is a client of the account pave's credentials
// are in. NotFound (with the names the organization has) for an unknown name.
Result<std::string> ResolveStateAccount(aws::AwsClient* home, const StateBackendConfig& config);

// The account `home`'s credentials are in (STS GetCallerIdentity).
Result<std::string> CallerAccount(aws::AwsClient* home);

}  // namespace pave::cli
