// `pave aws whoami` and `pave aws call`: the AWS client from the command line, for checking
// credentials and endpoints and for calling any modeled operation.
//
//   pave aws whoami                      account, ARN, user id, region, where credentials came from
//   pave aws call ec2 DescribeVpcs '{"VpcIds": ["vpc-1"]}'
//   pave aws call ssm GetParametersByPath @input.json --all-pages
//
// Output is the operation's output as pretty JSON on `out`; errors go to `err` as
// "pave: error: <Code>: <message> (request id ..., http ...)" with exit code 1.
#pragma once

#include <ostream>
#include <string>

#include "aws/config.h"
#include "aws/http.h"
#include "core/env.h"

namespace pave::cli {

// What the commands run with. Null http: a CurlHttpClient. Non-null debug_log: every AWS
// request is logged there (request line, status, request id, duration; never credentials).
struct AwsCommandContext {
  Env* env = nullptr;
  aws::HttpClient* http = nullptr;
  std::ostream* debug_log = nullptr;
  bool json = false;  // --json: whoami prints one JSON object
};

int RunAwsWhoami(Env* env, const aws::AwsOptions& options, std::ostream& out, std::ostream& err);
int RunAwsWhoami(const AwsCommandContext& ctx, const aws::AwsOptions& options, std::ostream& out,
                 std::ostream& err);

// `input`: JSON text, "@path" to read it from a file, or "" for no input.
int RunAwsCall(Env* env, const aws::AwsOptions& options, const std::string& service,
               const std::string& operation, const std::string& input, bool all_pages,
               std::ostream& out, std::ostream& err);
int RunAwsCall(const AwsCommandContext& ctx, const aws::AwsOptions& options,
               const std::string& service, const std::string& operation, const std::string& input,
               bool all_pages, std::ostream& out, std::ostream& err);

}  // namespace pave::cli
