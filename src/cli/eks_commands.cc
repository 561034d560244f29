#include "cli/eks_commands.h"

#include <yaml-cpp/yaml.h>

#include "aws/config.h"
#include "aws/curl_http_client.h"
#include "aws/endpoints.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "providers/aws/eks/eks_token.h"

namespace pave::cli {
namespace {

const ResourceAddress kCluster{"aws_eks_cluster", "main"};

// The cluster of the platform, read from its state (no cloud call, no valid file needed).
Result<ClusterAccess> LoadCluster(CommandContext& ctx) {
  ASSIGN_OR_RETURN(auto store, OpenStateOnly(ctx.env, ctx.options));
  ASSIGN_OR_RETURN(LoadedState loaded, store->Load());
  const ResourceState* r = loaded.state.Find(kCluster);
  if (!r) {
    return Status::NotFound("no eks cluster in the state of " + ctx.options.file +
                            ": add a cluster section and run pave apply");
  }
  return ClusterAccessFrom(r->attributes);
}

std::string Profile(CommandContext& ctx) {
  if (!ctx.options.profile.empty()) return ctx.options.profile;
  return ctx.env->GetEnv("AWS_PROFILE").value_or("");
}

// What `eval "$(pave credentials)"` exports as KUBECONFIG: the user's own list when set (so
// no file drops out), else the file --write merges into.
std::string KubeconfigExport(CommandContext& ctx) {
  if (auto k = ctx.env->GetEnv("KUBECONFIG"); k && !k->empty()) return *k;
  return KubeconfigTarget(ctx.env);
}

// Replaces the entry named like `entry` in the sequence `key` of `doc`, or appends it.
void Upsert(YAML::Node doc, const char* key, const YAML::Node& entry) {
  if (!doc[key] || !doc[key].IsSequence()) doc[key] = YAML::Node(YAML::NodeType::Sequence);
  YAML::Node list = doc[key];  // a handle: writes through it change doc
  std::string name = entry["name"].as<std::string>();
  for (size_t i = 0; i < list.size(); ++i) {
    YAML::Node item = list[i];
    if (item.IsMap() && item["name"] && item["name"].as<std::string>("") == name) {
      list[i] = entry;
      return;
    }
  }
  list.push_back(entry);
}

// A shell word in single quotes.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string KubeconfigTarget(Env* env) {
  if (auto k = env->GetEnv("KUBECONFIG"); k && !k->empty()) {
    std::string first = k->substr(0, k->find(':'));
    if (!first.empty()) return first;
  }
  return JoinPath(env->GetEnv("HOME").value_or("."), ".kube/config");
}

Result<std::string> MergeKubeconfig(const std::string& existing, const std::string& ours) {
  try {
    YAML::Node mine = YAML::Load(ours);
    YAML::Node doc = existing.find_first_not_of(" \t\r\n") == std::string::npos
                         ? YAML::Node(YAML::NodeType::Map)
                         : YAML::Load(existing);
    if (doc.IsNull()) doc = YAML::Node(YAML::NodeType::Map);
    if (!doc.IsMap()) return Status::InvalidArgument("not a kubeconfig (not a YAML mapping)");
    if (!doc["apiVersion"]) doc["apiVersion"] = "v1";
    if (!doc["kind"]) doc["kind"] = "Config";
    for (const char* key : {"clusters", "contexts", "users"}) {
      for (const auto& entry : mine[key]) Upsert(doc, key, entry);
    }
    doc["current-context"] = mine["current-context"];
    YAML::Emitter out;
    out << doc;
    return std::string(out.c_str()) + "\n";
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("not a kubeconfig: " + std::string(e.what()));
  }
}

Result<ClusterAccess> ClusterAccessFrom(const Value& a) {
  ClusterAccess c;
  auto get = [&](const char* key) { return a.contains(key) && a[key].is_string() ? a[key].get<std::string>() : ""; };
  c.name = get("name");
  c.arn = get("arn");
  c.endpoint = get("endpoint");
  c.certificate_authority = get("certificate_authority");
  // arn:aws:eks:<region>:<account>:cluster/<name>
  size_t start = 0;
  for (int field = 0; field < 3 && start != std::string::npos; ++field) {
    start = c.arn.find(':', start);
    if (start != std::string::npos) ++start;
  }
  size_t end = start == std::string::npos ? start : c.arn.find(':', start);
  if (c.name.empty() || end == std::string::npos || end == start) {
    return Status::InvalidArgument("the eks cluster in the state has no usable arn (\"" + c.arn + "\")");
  }
  c.region = c.arn.substr(start, end - start);
  if (c.endpoint.empty()) return Status::InvalidArgument("the eks cluster " + c.name + " has no endpoint yet");
  return c;
}

std::string RenderKubeconfig(const ClusterAccess& c, const std::string& pave_command, const std::string& profile) {
  YAML::Emitter y;
  y << YAML::BeginMap << YAML::Key << "apiVersion" << YAML::Value << "v1";
  y << YAML::Key << "kind" << YAML::Value << "Config";
  y << YAML::Key << "clusters" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << c.arn;
  y << YAML::Key << "cluster" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "server" << YAML::Value << c.endpoint;
  y << YAML::Key << "certificate-authority-data" << YAML::Value << c.certificate_authority;
  y << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
  y << YAML::Key << "contexts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << c.name;
  y << YAML::Key << "context" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "cluster" << YAML::Value << c.arn << YAML::Key << "user" << YAML::Value << c.arn;
  y << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
  y << YAML::Key << "current-context" << YAML::Value << c.name;
  y << YAML::Key << "users" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << c.arn;
  y << YAML::Key << "user" << YAML::Value << YAML::BeginMap << YAML::Key << "exec" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "apiVersion" << YAML::Value << "client.authentication.k8s.io/v1beta1";
  y << YAML::Key << "command" << YAML::Value << pave_command;
  y << YAML::Key << "args" << YAML::Value << YAML::BeginSeq << "eks" << "token" << "--cluster" << c.name
    << "--region" << c.region << YAML::EndSeq;
  if (!profile.empty()) {
    y << YAML::Key << "env" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << "AWS_PROFILE" << YAML::Key << "value" << YAML::Value << profile;
    y << YAML::EndMap << YAML::EndSeq;
  }
  y << YAML::Key << "interactiveMode" << YAML::Value << "IfAvailable";
  y << YAML::EndMap << YAML::EndMap << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

std::string RenderCredentials(const ClusterAccess& c, const std::string& profile, const std::string& kubeconfig) {
  std::string out = "export AWS_REGION=" + Quote(c.region) + "\n";
  if (!profile.empty()) out += "export AWS_PROFILE=" + Quote(profile) + "\n";
  out += "export KUBECONFIG=" + Quote(kubeconfig) + "\n";
  out += "export PAVE_CLUSTER=" + Quote(c.name) + "\n";
  return out;
}

int RunKubeconfig(CommandContext& ctx, const KubeconfigOptions& options) {
  Printer printer = MakePrinter(ctx);
  auto cluster = LoadCluster(ctx);
  if (!cluster.ok()) return Fail(printer, cluster.status());
  std::string doc = RenderKubeconfig(*cluster, "pave", Profile(ctx));
  if (!options.write) {
    ctx.console.out << doc;
    return 0;
  }
  std::string path = KubeconfigTarget(ctx.env);
  std::string existing;
  if (ctx.env->FileExists(path)) {
    auto text = ctx.env->ReadFile(path);
    if (!text.ok()) return Fail(printer, text.status().WithContext("reading " + path));
    existing = *text;
  }
  auto merged = MergeKubeconfig(existing, doc);
  if (!merged.ok()) return Fail(printer, merged.status().WithContext(path));
  Status s = ctx.env->CreateDirs(DirName(path));
  if (s.ok()) s = ctx.env->WriteFileAtomic(path, *merged, 0600);
  if (!s.ok()) return Fail(printer, s.WithContext("writing the kubeconfig " + path));
  ctx.console.out << "Updated " << path << ": context " << cluster->name
                  << " is now current (kubectl get nodes).\n";
  return 0;
}

int RunEksToken(CommandContext& ctx, const EksTokenOptions& options) {
  Printer printer = MakePrinter(ctx);
  std::string cluster = options.cluster;
  if (cluster.empty()) cluster = ctx.env->GetEnv("PAVE_CLUSTER").value_or("");
  if (cluster.empty()) {
    return Fail(printer, Status::InvalidArgument(
        "eks token: which cluster? pass --cluster NAME, or set PAVE_CLUSTER "
        "(eval \"$(pave credentials)\" does)"));
  }
  aws::CurlHttpClient http;
  auto config = aws::ResolveAwsConfig(ctx.env, &http, aws::AwsOptions{.profile = ctx.options.profile,
                                                                     .region = options.region});
  if (!config.ok()) return Fail(printer, config.status());
  if (config->region.empty()) {
    return Fail(printer, Status::InvalidArgument("eks token: no AWS region: pass --region or set AWS_REGION"));
  }
  auto endpoint = aws::ResolveEndpoint("sts", "sts", "STS", config->endpoints);
  if (!endpoint.ok()) return Fail(printer, endpoint.status());
  auto creds = config->credentials->Get();
  if (!creds.ok()) return Fail(printer, creds.status());
  auto now = ctx.env->Now();
  auto token = aws_provider::EksToken(*creds, {.cluster = cluster, .region = endpoint->signing_region,
                                               .sts_url = endpoint->url, .now = now});
  if (!token.ok()) return Fail(printer, token.status());
  ctx.console.out << aws_provider::ExecCredentialJson(*token, now);
  return 0;
}

int RunCredentials(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto cluster = LoadCluster(ctx);
  if (!cluster.ok()) return Fail(printer, cluster.status());
  std::string kubeconfig = KubeconfigExport(ctx);
  if (ctx.options.json) {
    Value j = {{"AWS_REGION", cluster->region}, {"KUBECONFIG", kubeconfig},
               {"PAVE_CLUSTER", cluster->name}};
    if (std::string profile = Profile(ctx); !profile.empty()) j["AWS_PROFILE"] = profile;
    ctx.console.out << j.dump(2) << "\n";
    return 0;
  }
  ctx.console.out << RenderCredentials(*cluster, Profile(ctx), kubeconfig);
  return 0;
}

}  // namespace pave::cli
