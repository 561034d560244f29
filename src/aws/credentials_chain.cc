#include "aws/credentials_chain.h"

#include "aws/credentials_container.h"
#include "aws/credentials_env.h"
#include "aws/credentials_imds.h"
#include "aws/credentials_process.h"
#include "aws/credentials_profile.h"

namespace pave::aws {
namespace {

constexpr ProfileSource kProfileSources[] = {
    ProfileSource::kAssumeRole, ProfileSource::kWebIdentity, ProfileSource::kSso,
    ProfileSource::kCredentialsFile, ProfileSource::kProcess, ProfileSource::kConfigFile};

using Provider = std::shared_ptr<CredentialsProvider>;

}  // namespace

ChainCredentialsProvider::ChainCredentialsProvider(std::vector<Link> links, std::string profile)
    : links_(std::move(links)), profile_(std::move(profile)) {}

Result<Credentials> ChainCredentialsProvider::Get() {
  Provider chosen;
  {
    std::lock_guard<std::mutex> lock(mu_);
    chosen = chosen_;
  }
  if (chosen) return chosen->Get();
  std::lock_guard<std::mutex> resolving(resolve_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    chosen = chosen_;
  }
  if (chosen) return chosen->Get();
  return Resolve();
}

Result<Credentials> ChainCredentialsProvider::Resolve() {
  std::string tried;
  for (const Link& link : links_) {
    Result<Provider> provider = link.make();
    Result<Credentials> creds =
        provider.ok() ? (*provider)->Get() : Result<Credentials>(provider.status());
    if (creds.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      chosen_ = *provider;
      return creds;
    }
    if (creds.status().code() != StatusCode::kNotFound && !link.probe) return creds.status();
    tried += (tried.empty() ? "" : ", ") + link.name;
  }
  return Status::Unauthenticated(
      "no aws credentials found for profile " + profile_ + " (tried " + tried +
      "): sign in with `aws sso login --profile " + profile_ +
      "`, pick a configured profile with AWS_PROFILE=NAME or --profile NAME, or set "
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; then check with `pave aws whoami`");
}

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(CredentialsContext ctx) {
  if (!ctx.config) ctx.config = std::make_shared<SharedConfig>();
  if (!ctx.process_runner) ctx.process_runner = std::make_shared<ShellProcessRunner>();
  std::vector<ChainCredentialsProvider::Link> links;
  if (!ctx.profile_from_flag) {
    Env* env = ctx.env;
    links.push_back({"environment", [env]() -> Result<Provider> {
                       return Provider(std::make_shared<EnvironmentCredentialsProvider>(env));
                     }});
  }
  for (ProfileSource source : kProfileSources) {
    links.push_back({ProfileSourceName(source), [ctx, source]() -> Result<Provider> {
                       return MakeProfileSourceProvider(ctx, source);
                     }});
  }
  links.push_back({"container", [ctx]() -> Result<Provider> {
                     return MakeContainerCredentialsProvider(ctx);
                   }});
  links.push_back({"instance metadata",
                   [ctx]() -> Result<Provider> { return MakeImdsCredentialsProvider(ctx); },
                   /*probe=*/true});
  return std::make_shared<ChainCredentialsProvider>(std::move(links), ctx.profile);
}

}  // namespace pave::aws
