#include "cli/aws_commands.h"

#include <iomanip>
#include <memory>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"

namespace pave::cli {

namespace {

int Fail(std::ostream& err, const Status& status) {
  err << "pave: error: " << status.message() << "\n";
  return 1;
}

// The client and everything it borrows, alive together.
struct Session {
  std::unique_ptr<aws::HttpClient> owned_http;
  std::unique_ptr<aws::StreamCallLogger> logger;
  aws::ResolvedAwsConfig config;
  std::unique_ptr<aws::AwsClient> client;
};

Result<std::unique_ptr<Session>> Open(const AwsCommandContext& ctx,
                                      const aws::AwsOptions& options) {
  auto s = std::make_unique<Session>();
  aws::HttpClient* http = ctx.http;
  if (http == nullptr) {
    s->owned_http = std::make_unique<aws::CurlHttpClient>(ctx.env, aws::CurlHttpOptions{});
    http = s->owned_http.get();
  }
  ASSIGN_OR_RETURN(s->config, aws::ResolveAwsConfig(ctx.env, http, options));
  aws::AwsClientOptions client_options;
  if (ctx.debug_log != nullptr) {
    s->logger = std::make_unique<aws::StreamCallLogger>(ctx.debug_log);
    client_options.observer = s->logger.get();
  }
  ASSIGN_OR_RETURN(s->client, aws::NewAwsClient(ctx.env, http, s->config, client_options));
  return s;
}

Result<Value> ReadInput(Env* env, const std::string& input) {
  std::string text = input;
  std::string where = "input";
  if (!input.empty() && input[0] == '@') {
    where = input.substr(1);
    auto file = env->ReadFile(where);
    if (!file.ok()) return file.status().WithContext("cannot read input file " + where);
    text = *file;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Value::object();
  try {
    Value v = Value::parse(text);
    if (!v.is_object()) {
      return Status::InvalidArgument(where + ": the input must be a JSON object, got " +
                                     v.type_name());
    }
    return v;
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(where + ": not valid JSON at byte " + std::to_string(e.byte));
  }
}

}  // namespace

int RunAwsWhoami(Env* env, const aws::AwsOptions& options, std::ostream& out, std::ostream& err) {
  return RunAwsWhoami(AwsCommandContext{.env = env}, options, out, err);
}

int RunAwsWhoami(const AwsCommandContext& ctx, const aws::AwsOptions& options, std::ostream& out,
                 std::ostream& err) {
  auto session = Open(ctx, options);
  if (!session.ok()) return Fail(err, session.status());
  Session& s = **session;
  auto creds = s.config.credentials->Get();
  if (!creds.ok()) return Fail(err, creds.status());
  auto identity = s.client->Call("sts", "GetCallerIdentity", Value::object());
  if (!identity.ok()) return Fail(err, identity.status());
  std::string source = creds->source.empty() ? "(unknown)" : creds->source;
  if (ctx.json) {
    out << Value({{"account", identity->value("Account", "")},
                  {"arn", identity->value("Arn", "")},
                  {"user_id", identity->value("UserId", "")},
                  {"region", s.config.region},
                  {"profile", s.config.profile.empty() ? "default" : s.config.profile},
                  {"credentials", source}})
               .dump(2)
        << "\n";
    return 0;
  }
  auto row = [&out](const char* name, const std::string& value) {
    out << std::left << std::setw(13) << name << value << "\n";
  };
  row("account", identity->value("Account", ""));
  row("arn", identity->value("Arn", ""));
  row("user id", identity->value("UserId", ""));
  row("region", s.config.region.empty() ? "(none)" : s.config.region);
  row("profile", s.config.profile.empty() ? "default" : s.config.profile);
  row("credentials", source);
  return 0;
}

int RunAwsCall(Env* env, const aws::AwsOptions& options, const std::string& service,
               const std::string& operation, const std::string& input, bool all_pages,
               std::ostream& out, std::ostream& err) {
  return RunAwsCall(AwsCommandContext{.env = env}, options, service, operation, input, all_pages,
                    out, err);
}

int RunAwsCall(const AwsCommandContext& ctx, const aws::AwsOptions& options,
               const std::string& service, const std::string& operation, const std::string& input,
               bool all_pages, std::ostream& out, std::ostream& err) {
  auto in = ReadInput(ctx.env, input);
  if (!in.ok()) return Fail(err, in.status());
  auto session = Open(ctx, options);
  if (!session.ok()) return Fail(err, session.status());
  aws::AwsClient& client = *(*session)->client;
  auto result = all_pages ? client.CallAllPages(service, operation, *in)
                          : client.Call(service, operation, *in);
  if (!result.ok()) return Fail(err, result.status());
  // Replace what is not UTF-8 rather than fail at the very end.
  out << result->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace pave::cli
