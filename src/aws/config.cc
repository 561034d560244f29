#include "aws/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "aws/credentials_chain.h"
#include "aws/credentials_process.h"
#include "aws/shared_config.h"
#include "core/diagnostic.h"

namespace pave::aws {
namespace {

std::string FirstEnv(Env* env, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto v = env->GetEnv(name); v && !v->empty()) return *v;
  }
  return "";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct ProfileChoice {
  std::string name;
  bool from_flag = false;
};

Result<ProfileChoice> ChooseProfile(Env* env, const SharedConfig& config, const AwsOptions& options) {
  ProfileChoice choice{options.profile, !options.profile.empty()};
  if (choice.name.empty()) choice.name = FirstEnv(env, {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"});
  if (choice.name.empty() || choice.name == "default") {
    choice.name = "default";
    return choice;
  }
  if (!config.HasProfile(choice.name)) {
    std::string where = choice.from_flag ? "--profile" : "AWS_PROFILE";
    std::string msg = "profile " + choice.name + " (from " + where + ") is not in " +
                      (config.config_path().empty() ? "~/.aws/config" : config.config_path()) + " or " +
                      (config.credentials_path().empty() ? "~/.aws/credentials" : config.credentials_path());
    std::string close = ClosestMatch(choice.name, config.ProfileNames());
    if (!close.empty()) msg += " (did you mean " + close + "?)";
    return Status::InvalidArgument(msg);
  }
  return choice;
}

Result<bool> ParseBool(const std::string& text, const std::string& where) {
  std::string v = Lower(text);
  if (v == "true") return true;
  if (v == "false" || v.empty()) return false;
  return Status::InvalidArgument(where + " must be true or false, got '" + text + "'");
}

Result<RetryConfig> ResolveRetry(Env* env, const SharedConfig& config, const std::string& profile) {
  RetryConfig retry;
  RetryConfig defaults = DefaultPaveRetry();  // unless the user sets attempts or a mode
  std::string attempts = FirstEnv(env, {"AWS_MAX_ATTEMPTS"});
  std::string where = "AWS_MAX_ATTEMPTS";
  if (attempts.empty()) {
    attempts = config.Get(profile, "max_attempts");
    where = "max_attempts in profile " + profile;
  }
  if (!attempts.empty()) {
    int n = 0;
    auto [end, ec] = std::from_chars(attempts.data(), attempts.data() + attempts.size(), n);
    if (ec != std::errc() || end != attempts.data() + attempts.size() || n < 1) {
      return Status::InvalidArgument(where + " must be a whole number of at least 1, got '" +
                                     attempts + "'");
    }
    retry.max_attempts = n;
  }
  std::string mode = FirstEnv(env, {"AWS_RETRY_MODE"});
  where = "AWS_RETRY_MODE";
  if (mode.empty()) {
    mode = config.Get(profile, "retry_mode");
    where = "retry_mode in profile " + profile;
  }
  if (!mode.empty()) {
    if (mode != "standard" && mode != "legacy" && mode != "adaptive") {
      return Status::InvalidArgument(where + " must be standard, adaptive or legacy, got '" + mode + "'");
    }
    retry.mode = mode;
  }
  if (attempts.empty() && mode.empty()) {
    defaults.base_delay = retry.base_delay;
    defaults.max_delay = retry.max_delay;
    return defaults;
  }
  return retry;
}

Status AddServicesSection(const SharedConfig& config, const std::string& profile,
                          EndpointConfig* endpoints) {
  std::string name = config.Get(profile, "services");
  if (name.empty()) return Status::Ok();
  const IniSection* section = config.Services(name);
  if (section == nullptr) {
    return Status::InvalidArgument("profile " + profile + " names services " + name +
                                   ", but there is no [services " + name + "] in " + config.config_path());
  }
  for (const auto& [service, values] : section->nested) {
    auto it = values.find("endpoint_url");
    if (it == values.end()) continue;
    ASSIGN_OR_RETURN(std::string url, NormalizeEndpointUrl(it->second, "[services " + name + "] " + service));
    endpoints->service_urls[ServiceIdEnvForm(service)] = url;
  }
  return Status::Ok();
}

Result<EndpointConfig> ResolveEndpoints(Env* env, const SharedConfig& config,
                                        const std::string& profile, const std::string& region) {
  EndpointConfig endpoints{.region = region};
  std::string ignore = FirstEnv(env, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"});
  std::string where = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
  if (ignore.empty()) {
    ignore = config.Get(profile, "ignore_configured_endpoint_urls");
    where = "ignore_configured_endpoint_urls in profile " + profile;
  }
  ASSIGN_OR_RETURN(bool ignored, ParseBool(ignore, where));
  if (ignored) return endpoints;
  if (std::string url = FirstEnv(env, {"AWS_ENDPOINT_URL"}); !url.empty()) {
    ASSIGN_OR_RETURN(endpoints.global_url, NormalizeEndpointUrl(url, "AWS_ENDPOINT_URL"));
    endpoints.global_url_from_env = true;
  } else if (std::string profile_url = config.Get(profile, "endpoint_url"); !profile_url.empty()) {
    ASSIGN_OR_RETURN(endpoints.global_url,
                     NormalizeEndpointUrl(profile_url, "endpoint_url in profile " + profile));
  }
  RETURN_IF_ERROR(AddServicesSection(config, profile, &endpoints));
  endpoints.service_url_from_env = [env](const std::string& env_form) {
    return env->GetEnv("AWS_ENDPOINT_URL_" + env_form).value_or("");
  };
  return endpoints;
}

}  // namespace

Result<ResolvedAwsConfig> ResolveAwsConfig(Env* env, HttpClient* http, const AwsOptions& options) {
  ASSIGN_OR_RETURN(SharedConfig loaded, SharedConfig::Load(env));
  auto config = std::make_shared<const SharedConfig>(std::move(loaded));
  ASSIGN_OR_RETURN(ProfileChoice profile, ChooseProfile(env, *config, options));
  ResolvedAwsConfig out;
  out.profile = profile.name;
  out.region = options.region;
  if (out.region.empty()) out.region = FirstEnv(env, {"AWS_REGION", "AWS_DEFAULT_REGION"});
  if (out.region.empty()) out.region = config->Get(profile.name, "region");
  ASSIGN_OR_RETURN(out.retry, ResolveRetry(env, *config, profile.name));
  ASSIGN_OR_RETURN(out.endpoints, ResolveEndpoints(env, *config, profile.name, out.region));
  CredentialsContext ctx{.env = env,
                         .http = http,
                         .config = config,
                         .profile = profile.name,
                         .profile_from_flag = profile.from_flag,
                         .endpoints = out.endpoints,
                         .mfa_prompt = options.mfa_prompt,
                         .process_runner = options.process_runner};
  out.credentials = MakeDefaultCredentialsChain(std::move(ctx));
  return out;
}

}  // namespace pave::aws
