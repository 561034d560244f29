// pave aws-config [--write] [--profile-prefix P]: AWS CLI profiles for every account of the
// organization (and the management account) and every people role declared in the file:
//
//   [profile <prefix><account>-<role>]
//   source_profile = <AWS_PROFILE, else default>
//   role_arn = arn:aws:iam::<account id>:role/<role>
//   mfa_serial = arn:aws:iam::<management id>:mfa/<user>      (roles with mfa: true; or --mfa-serial)
//
// pave credentials --account NAME [--role ROLE] [--mfa-code CODE]: assumes the people role
// (default: the first declared) in that account (STS AssumeRole) and prints export lines.
//
// Account ids come from the state (no cloud call). Printed, or with --write merged into the
// AWS config file (AWS_CONFIG_FILE, else ~/.aws/config): our profiles are replaced, every other
// section is kept as it is.
#include <map>
#include <set>
#include <sstream>

#include "aws/config.h"
#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "cli/commands.h"
#include "cli/ui.h"
#include "cli/workspace.h"

namespace pave::cli {
namespace {

struct Profile {
  std::string name;
  std::vector<std::pair<std::string, std::string>> settings;
  std::string kind = "profile";  // the section: [profile NAME] or [sso-session NAME]

  std::string Header() const { return "[" + kind + " " + name + "]"; }
};

constexpr const char* kIdentityStore = " identity store";  // not an account name (a space)

// The account ids by name ("management" too) from the state.
std::map<std::string, std::string> AccountIds(const State& state) {
  std::map<std::string, std::string> out;
  for (const ResourceState& r : state.resources()) {
    if (r.address.type == "aws_organizations_account")
      out[r.address.name] = r.attributes.value("id", "");
    if (r.address.type == "aws_organizations_organization") {
      out["management"] = r.attributes.value("master_account_id", "");
    }
    if (r.address.type == "aws_ssoadmin_instance") out[kIdentityStore] = r.attributes.value("identity_store_id", "");
  }
  return out;
}

std::vector<Profile> Profiles(const Config& config, const PlatformMetadata& platform,
                              const std::map<std::string, std::string>& ids,
                              const std::string& prefix, const std::string& source,
                              const std::string& user, const std::string& mfa_serial) {
  std::vector<Profile> out;
  std::string management = ids.count("management") ? ids.at("management") : "";
  for (const ResourceConfig& rc : config.resources) {
    if (rc.address.type != "aws_iam_role" ||
        rc.properties.value("description", "").rfind("pave people: ", 0) != 0) {
      continue;
    }
    std::string role = rc.properties.value("name", "");
    std::string account = rc.address.name.substr(0, rc.address.name.size() - role.size() - 1);
    auto id = ids.find(account);
    if (id == ids.end() || id->second.empty()) continue;  // not applied yet
    Profile p{
        prefix + rc.address.name,
        {{"source_profile", source}, {"role_arn", "arn:aws:iam::" + id->second + ":role/" + role}}};
    if (rc.properties.value("assume_role_policy", "").find("MultiFactorAuthPresent") !=
        std::string::npos) {
      p.settings.push_back(
          {"mfa_serial", mfa_serial.empty() ? "arn:aws:iam::" + management + ":mfa/" + user : mfa_serial});
    }
    out.push_back(std::move(p));
  }
  // people.sso: a profile per account and permission set, signing in through one sso-session.
  auto store = ids.find(kIdentityStore);
  if (store == ids.end() || store->second.empty()) return out;
  Profile session{prefix + "pave-" + platform.name,
                  {{"sso_start_url", "https://" + store->second + ".awsapps.com/start"},
                   {"sso_region", platform.region},
                   {"sso_registration_scopes", "sso:account:access"}},
                  "sso-session"};
  for (const ResourceConfig& rc : config.resources) {
    if (rc.address.type != "aws_ssoadmin_permission_set" ||
        rc.properties.value("description", "").rfind("pave people: ", 0) != 0) {
      continue;
    }
    std::string role = rc.properties.value("name", "");
    for (const auto& [account, id] : ids) {
      if (account == kIdentityStore || id.empty()) continue;
      out.push_back({prefix + account + "-" + role,
                     {{"sso_session", session.name}, {"sso_account_id", id}, {"sso_role_name", role}}});
    }
  }
  out.push_back(std::move(session));
  return out;
}

std::string Render(const std::vector<Profile>& profiles) {
  std::string out;
  for (const Profile& p : profiles) {
    out += p.Header() + "\n";
    for (const auto& [k, v] : p.settings) out += k + " = " + v + "\n";
    out += "\n";
  }
  return out;
}

// `existing` without the sections of `profiles`, then `profiles`.
std::string Merge(const std::string& existing, const std::vector<Profile>& profiles) {
  std::set<std::string> ours;
  for (const Profile& p : profiles) ours.insert(p.Header());
  std::istringstream in(existing);
  std::string line, kept;
  bool skipping = false;
  while (std::getline(in, line)) {
    std::string trimmed = line.substr(0, line.find_last_not_of(" \t\r") + 1);
    if (!trimmed.empty() && trimmed[0] == '[') skipping = ours.count(trimmed) > 0;
    if (!skipping) kept += line + "\n";
  }
  while (kept.size() >= 2 && kept.substr(kept.size() - 2) == "\n\n") kept.pop_back();
  return kept + (kept.empty() ? "" : "\n") + Render(profiles);
}

// The profile of `account` and `role` ("" = the first role of that account).
Result<Profile> FindProfile(const std::vector<Profile>& profiles, const std::string& account,
                            const std::string& role) {
  for (const Profile& p : profiles) {
    if (p.kind != "profile") continue;
    if (role.empty() ? p.name.rfind(account + "-", 0) == 0 : p.name == account + "-" + role)
      return p;
  }
  return Status::NotFound("no people role " +
                          (role.empty() ? std::string("") : "\"" + role + "\" ") + "in account \"" +
                          account + "\" (declared in people: and applied?)");
}

std::string Setting(const Profile& p, const std::string& key) {
  for (const auto& [k, v] : p.settings) {
    if (k == key) return v;
  }
  return "";
}

}  // namespace

int RunAccountCredentials(CommandContext& ctx, const AccountCredentialsOptions& options) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  auto loaded = (*ws)->store().Load();
  if (!loaded.ok()) return Fail(printer, loaded.status());
  std::string user = ctx.env->GetEnv("USER").value_or(ctx.env->UserName());
  auto profile =
      FindProfile(Profiles((*ws)->platform().config, (*ws)->platform().metadata, AccountIds(loaded->state), "", "", user, options.mfa_serial),
                  options.account, options.role);
  if (!profile.ok()) return Fail(printer, profile.status());
  aws::CurlHttpClient http;
  auto config =
      aws::ResolveAwsConfig(ctx.env, &http, aws::AwsOptions{.profile = ctx.options.profile});
  if (!config.ok()) return Fail(printer, config.status());
  auto client = aws::NewAwsClient(ctx.env, &http, *config);
  if (!client.ok()) return Fail(printer, client.status());
  if (!Setting(*profile, "sso_session").empty()) {
    return Fail(printer, Status::FailedPrecondition(
                             "people.sso: sign in through IAM Identity Center instead: pave aws-config --write && "
                             "aws sso login --profile " + profile->name));
  }
  Value input = {{"RoleArn", Setting(*profile, "role_arn")}, {"RoleSessionName", "pave-" + user}};
  if (std::string mfa = Setting(*profile, "mfa_serial"); !mfa.empty()) {
    if (options.mfa_code.empty()) {
      return Fail(printer,
                  Status::InvalidArgument("role " + profile->name + " needs MFA: pass --mfa-code"));
    }
    input["SerialNumber"] = mfa;
    input["TokenCode"] = options.mfa_code;
  }
  auto out = (*client)->Call("sts", "AssumeRole", input);
  if (!out.ok()) return Fail(printer, out.status());
  const Value c = out->value("Credentials", Value::object());
  ctx.console.out << "export AWS_ACCESS_KEY_ID=" << c.value("AccessKeyId", "") << "\n"
                  << "export AWS_SECRET_ACCESS_KEY=" << c.value("SecretAccessKey", "") << "\n"
                  << "export AWS_SESSION_TOKEN=" << c.value("SessionToken", "") << "\n"
                  << "unset AWS_PROFILE\n";
  return 0;
}

int RunAwsConfig(CommandContext& ctx, const AwsConfigOptions& options) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  auto loaded = (*ws)->store().Load();
  if (!loaded.ok()) return Fail(printer, loaded.status());
  std::string source = ctx.env->GetEnv("AWS_PROFILE").value_or("default");
  std::string user = ctx.env->GetEnv("USER").value_or(ctx.env->UserName());
  auto profiles = Profiles((*ws)->platform().config, (*ws)->platform().metadata, AccountIds(loaded->state),
                           options.profile_prefix, source, user, options.mfa_serial);
  if (!options.write) {
    ctx.console.out << Render(profiles);
    return 0;
  }
  std::string path = ctx.env->GetEnv("AWS_CONFIG_FILE").value_or("");
  if (path.empty()) path = JoinPath(ctx.env->GetEnv("HOME").value_or("."), ".aws/config");
  Result<std::string> existing = ctx.env->ReadFile(path);
  if (Status s = ctx.env->CreateDirs(DirName(path)); !s.ok()) return Fail(printer, s);
  Status written = ctx.env->WriteFileAtomic(path, Merge(existing.ok() ? *existing : "", profiles));
  if (!written.ok()) return Fail(printer, written);
  ctx.console.err << "wrote " << profiles.size() << " profile(s) to " << path << "\n";
  return 0;
}

}  // namespace pave::cli
