#include "aws/credentials_profile.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "aws/credentials_container.h"
#include "aws/credentials_env.h"
#include "aws/credentials_imds.h"
#include "aws/credentials_process.h"
#include "aws/credentials_refresh.h"
#include "aws/credentials_sso.h"
#include "aws/credentials_sts.h"

namespace pave::aws {
namespace {

using ProviderResult = Result<std::shared_ptr<CredentialsProvider>>;

constexpr ProfileSource kSourceProfileOrder[] = {
    ProfileSource::kWebIdentity, ProfileSource::kSso, ProfileSource::kCredentialsFile,
    ProfileSource::kProcess, ProfileSource::kConfigFile};

std::string SessionName(Env* env) {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(env->Now().time_since_epoch());
  return "pave-session-" + std::to_string(secs.count());
}

Result<std::optional<int>> ParseDuration(const std::string& text, const std::string& profile) {
  if (text.empty()) return std::optional<int>();
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 900 || value > 43200) {
    return Status::InvalidArgument("profile " + profile +
                                   ": duration_seconds must be a number from 900 to 43200");
  }
  return std::optional<int>(value);
}

// A NotFound from the source of an assume-role profile is an error there, not "skip me".
Status SourceError(const Status& s, const std::string& profile) {
  Status out = s.code() == StatusCode::kNotFound ? Status::FailedPrecondition(s.message()) : s;
  return out.WithContext("source credentials of profile " + profile);
}

class ProfileResolver {
 public:
  explicit ProfileResolver(const CredentialsContext& ctx)
      : ctx_(ctx), cfg_(*ctx.config), visited_{ctx.profile} {}

  ProviderResult For(const std::string& profile, ProfileSource source, bool env_allowed) {
    switch (source) {
      case ProfileSource::kAssumeRole: return AssumeRole(profile);
      case ProfileSource::kWebIdentity: return WebIdentity(profile, env_allowed);
      case ProfileSource::kSso: return Sso(profile);
      case ProfileSource::kCredentialsFile:
        return StaticKeys(cfg_.CredentialsProfile(profile), profile, "shared credentials file");
      case ProfileSource::kProcess: return Process(profile);
      case ProfileSource::kConfigFile:
        return StaticKeys(cfg_.ConfigProfile(profile), profile, "config file");
    }
    return Status::Internal("unknown profile source");
  }

 private:
  bool HasAssumeRoleVars(const std::string& profile) const {
    return cfg_.Has(profile, "role_arn") && !cfg_.Has(profile, "web_identity_token_file");
  }

  ProviderResult StaticKeys(const IniSection* section, const std::string& profile,
                            const std::string& where) {
    if (section == nullptr || !section->Has("aws_access_key_id")) {
      return Status::NotFound("profile " + profile + " has no keys in the " + where);
    }
    Credentials creds{.access_key_id = section->Get("aws_access_key_id"),
                      .secret_access_key = section->Get("aws_secret_access_key"),
                      .session_token = section->Get("aws_session_token"),
                      .source = "profile " + profile + " (" + where + ")"};
    if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
      return Status::InvalidArgument("profile " + profile + " in the " + where +
                                     " needs both aws_access_key_id and aws_secret_access_key");
    }
    return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticCredentialsProvider>(creds));
  }

  ProviderResult Process(const std::string& profile) {
    std::string command = cfg_.Get(profile, "credential_process");
    if (command.empty()) return Status::NotFound("profile " + profile + " has no credential_process");
    return MakeProcessCredentialsProvider(ctx_, profile, command);
  }

  ProviderResult Sso(const std::string& profile) {
    if (!HasSsoSettings(cfg_, profile)) return Status::NotFound("profile " + profile + " has no sso");
    ASSIGN_OR_RETURN(SsoSettings settings, ReadSsoSettings(cfg_, profile));
    return MakeSsoCredentialsProvider(ctx_, profile, std::move(settings));
  }

  std::string Setting(const std::string& profile, const char* key, const char* env_name,
                      bool env_allowed, bool* from_env) {
    if (env_allowed) {
      if (auto v = ctx_.env->GetEnv(env_name); v && !v->empty()) {
        *from_env = true;
        return *v;
      }
    }
    return cfg_.Get(profile, key);
  }

  ProviderResult WebIdentity(const std::string& profile, bool env_allowed) {
    bool env_token = false, env_role = false, env_session = false;
    std::string token_file = Setting(profile, "web_identity_token_file",
                                     "AWS_WEB_IDENTITY_TOKEN_FILE", env_allowed, &env_token);
    if (token_file.empty()) return Status::NotFound("no web identity token file configured");
    WebIdentityRequest request;
    request.role_arn = Setting(profile, "role_arn", "AWS_ROLE_ARN", env_allowed, &env_role);
    request.role_session_name =
        Setting(profile, "role_session_name", "AWS_ROLE_SESSION_NAME", env_allowed, &env_session);
    if (request.role_arn.empty()) {
      return Status::InvalidArgument("a web identity token file is configured (" +
                                     std::string(env_token ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "profile " + profile) +
                                     ") but no role arn");
    }
    std::string source = env_token ? "environment (web identity)" : "profile " + profile + " (web identity)";
    CredentialsContext ctx = ctx_;
    return std::shared_ptr<CredentialsProvider>(std::make_shared<RefreshingCredentialsProvider>(
        ctx.env, [ctx, request, token_file, source]() mutable -> Result<Credentials> {
          auto token = ctx.env->ReadFile(ExpandHome(ctx.env, token_file));
          if (!token.ok()) return token.status().WithContext("web identity token file");
          request.web_identity_token = *token;
          while (!request.web_identity_token.empty() &&
                 std::isspace(static_cast<unsigned char>(request.web_identity_token.back()))) {
            request.web_identity_token.pop_back();
          }
          if (request.role_session_name.empty()) request.role_session_name = SessionName(ctx.env);
          ASSIGN_OR_RETURN(Credentials creds, StsAssumeRoleWithWebIdentity(ctx, request));
          creds.source = source;
          return creds;
        }));
  }

  ProviderResult CredentialSource(const std::string& profile, const std::string& name) {
    if (name == "Environment") return std::shared_ptr<CredentialsProvider>(std::make_shared<EnvironmentCredentialsProvider>(ctx_.env));
    if (name == "Ec2InstanceMetadata") return MakeImdsCredentialsProvider(ctx_);
    if (name == "EcsContainer") return MakeContainerCredentialsProvider(ctx_);
    return Status::InvalidArgument("profile " + profile + ": credential_source must be Environment, "
                                   "Ec2InstanceMetadata or EcsContainer, not '" + name + "'");
  }

  ProviderResult SourceOf(const std::string& profile) {
    std::string source_profile = cfg_.Get(profile, "source_profile");
    std::string credential_source = cfg_.Get(profile, "credential_source");
    if (!source_profile.empty() && !credential_source.empty()) {
      return Status::InvalidArgument("profile " + profile +
                                     " has both source_profile and credential_source");
    }
    if (!credential_source.empty()) return CredentialSource(profile, credential_source);
    if (source_profile.empty()) {
      return Status::InvalidArgument("profile " + profile +
                                     " has role_arn but neither source_profile nor credential_source");
    }
    if (!cfg_.HasProfile(source_profile)) {
      return Status::InvalidArgument("source_profile " + source_profile + " of profile " + profile +
                                     " does not exist");
    }
    bool visited = std::find(visited_.begin(), visited_.end(), source_profile) != visited_.end();
    bool self_with_keys = source_profile == profile && cfg_.Has(profile, "aws_access_key_id");
    if (visited && !self_with_keys) {
      std::string chain;
      for (const auto& p : visited_) chain += p + " -> ";
      return Status::InvalidArgument("source_profile loop: " + chain + source_profile);
    }
    visited_.push_back(source_profile);
    return FromSourceProfile(source_profile);
  }

  ProviderResult FromSourceProfile(const std::string& profile) {
    if (!cfg_.Has(profile, "aws_access_key_id") && HasAssumeRoleVars(profile)) {
      return AssumeRole(profile);
    }
    for (ProfileSource source : kSourceProfileOrder) {
      ProviderResult p = For(profile, source, /*env_allowed=*/false);
      if (p.ok() || p.status().code() != StatusCode::kNotFound) return p;
    }
    return Status::InvalidArgument("source profile " + profile + " has no credentials");
  }

  ProviderResult AssumeRole(const std::string& profile) {
    if (!HasAssumeRoleVars(profile)) return Status::NotFound("profile " + profile + " has no role_arn");
    AssumeRoleRequest request{.role_arn = cfg_.Get(profile, "role_arn"),
                              .role_session_name = cfg_.Get(profile, "role_session_name"),
                              .external_id = cfg_.Get(profile, "external_id"),
                              .mfa_serial = cfg_.Get(profile, "mfa_serial")};
    ASSIGN_OR_RETURN(request.duration_seconds, ParseDuration(cfg_.Get(profile, "duration_seconds"), profile));
    ASSIGN_OR_RETURN(std::shared_ptr<CredentialsProvider> source, SourceOf(profile));
    CredentialsContext ctx = ctx_;
    auto fetch = [ctx, source, request, profile]() mutable -> Result<Credentials> {
      auto base = source->Get();
      if (!base.ok()) return SourceError(base.status(), profile);
      if (!request.mfa_serial.empty()) {
        if (!ctx.mfa_prompt) {
          return Status::FailedPrecondition("profile " + profile + " needs an MFA code for " +
                                            request.mfa_serial + " and there is no terminal to ask");
        }
        ASSIGN_OR_RETURN(request.mfa_code, ctx.mfa_prompt(request.mfa_serial));
      }
      if (request.role_session_name.empty()) request.role_session_name = SessionName(ctx.env);
      ASSIGN_OR_RETURN(Credentials creds, StsAssumeRole(ctx, *base, request));
      creds.source = "profile " + profile + " (assume-role)";
      return creds;
    };
    return std::shared_ptr<CredentialsProvider>(
        std::make_shared<RefreshingCredentialsProvider>(ctx.env, std::move(fetch)));
  }

  const CredentialsContext& ctx_;
  const SharedConfig& cfg_;
  std::vector<std::string> visited_;
};

}  // namespace

const char* ProfileSourceName(ProfileSource source) {
  switch (source) {
    case ProfileSource::kAssumeRole: return "assume-role";
    case ProfileSource::kWebIdentity: return "web identity";
    case ProfileSource::kSso: return "sso";
    case ProfileSource::kCredentialsFile: return "shared credentials file";
    case ProfileSource::kProcess: return "credential_process";
    case ProfileSource::kConfigFile: return "config file";
  }
  return "?";
}

Result<std::shared_ptr<CredentialsProvider>> MakeProfileSourceProvider(const CredentialsContext& ctx,
                                                                       ProfileSource source) {
  ProfileResolver resolver(ctx);
  return resolver.For(ctx.profile, source, /*env_allowed=*/true);
}

}  // namespace pave::aws
