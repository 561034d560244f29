// The state store a platform file's `state:` section names (platform/state_section.h): the
// local directory next to the file, or S3StateStore on a bucket.
#pragma once

#include <memory>

#include "aws/client.h"
#include "cli/options.h"
#include "core/env.h"
#include "platform/state_section.h"
#include "state/store.h"

namespace pave::cli {

// `aws` may be null: an AWS client for the bucket's region is then made here (with the
// profile of `options`, in the account state.account names) and owned by the returned store.
// An `aws` passed in must be a client of the state's account and outlive the store.
Result<std::unique_ptr<StateStore>> OpenConfiguredStore(Env* env, const GlobalOptions& options,
                                                        const StateBackendConfig& config,
                                                        aws::AwsClient* aws);

// An AWS client for the state bucket: in `state.region`, with the profile of `options`, and
// signing as `state.access_role` in `state.account` when that is not the credentials' own.
Result<std::unique_ptr<aws::AwsClient>> MakeStateAwsClient(Env* env, const GlobalOptions& options,
                                                           const StateBackendConfig& state);

// "s3://bucket/key" or the local directory, for messages.
std::string DescribeBackend(const GlobalOptions& options, const StateBackendConfig& config);

}  // namespace pave::cli
