#include "providers/github/deploy_key.h"

namespace pave {
namespace {

ResourceSchema DeployKeySchema() {
  ResourceSchema s;
  s.type = "github_deploy_key";
  s.description = "a deploy key of a GitHub repository (GITHUB_TOKEN; GITHUB_API_URL overrides the API)";
  s.typical_create = std::chrono::milliseconds(500);
  s.attributes = {
      {.name = "repository", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "owner/name", .pattern = "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"},
      {.name = "title", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "how GitHub lists the key"},
      {.name = "key", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "the public key (ssh-ed25519 ...)"},
      {.name = "read_only", .type = AttrType::kBool, .force_new = true,
       .description = "the key may only read (pull)", .default_value = Value(true)},
      {.name = "key_id", .type = AttrType::kInt, .computed = true, .stable = true,
       .description = "GitHub's id of the key"},
  };
  return s;
}

// "ssh-ed25519 AAAA... comment" -> "ssh-ed25519 AAAA..." (GitHub keeps no comment).
std::string KeyWithoutComment(const std::string& key) {
  size_t first = key.find(' ');
  size_t second = first == std::string::npos ? std::string::npos : key.find(' ', first + 1);
  return second == std::string::npos ? key : key.substr(0, second);
}

class GithubDeployKeyType : public ResourceType {
 public:
  GithubDeployKeyType(Env* env, aws::HttpClient* http) : env_(env), http_(http), schema_(DeployKeySchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    const std::string repo = desired.value("repository", "");
    Value body = {{"title", desired.value("title", "")},
                  {"key", desired.value("key", "")},
                  {"read_only", desired.value("read_only", true)}};
    ASSIGN_OR_RETURN(aws::HttpResponse r, Call("POST", "/repos/" + repo + "/keys", body.dump(), /*fresh=*/true));
    if (r.status == 422) {  // "key is already in use": ours, if the create's answer was lost
      ASSIGN_OR_RETURN(std::optional<Value> found, Find(ctx, desired));
      if (found) return *found;
    }
    if (r.status != 201) return Failure("registering a deploy key on " + repo, r);
    Value key = Value::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (!key.is_object() || !key.contains("id")) return Status::Internal("GitHub answered the create without an id");
    return Attributes(repo, key);
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& req : requests) {
      const std::string repo = req.prior.value("repository", "");
      ASSIGN_OR_RETURN(aws::HttpResponse r,
                       Call("GET", "/repos/" + repo + "/keys/" + Id(req.prior), "", /*fresh=*/false));
      if (r.status == 404) {
        out.emplace_back();
        continue;
      }
      if (r.status != 200) return Failure("reading deploy key " + Id(req.prior) + " of " + repo, r);
      Value key = Value::parse(r.body, nullptr, false);
      if (!key.is_object()) return Status::Internal("GitHub's answer is not a JSON object");
      Value attrs = Attributes(repo, key);
      attrs["key"] = req.prior.value("key", "");  // kept as written (with its comment)
      out.push_back(std::move(attrs));
    }
    return out;
  }

  Result<Value> Update(const OperationContext&, const Value&, const Value&) override {
    return Status::Internal("github_deploy_key has no in-place update (every attribute is force-new)");
  }

  Status Delete(const OperationContext&, const Value& prior) override {
    const std::string repo = prior.value("repository", "");
    ASSIGN_OR_RETURN(aws::HttpResponse r, Call("DELETE", "/repos/" + repo + "/keys/" + Id(prior), "", false));
    if (r.status == 204 || r.status == 404) return Status::Ok();
    return Failure("deleting deploy key " + Id(prior) + " of " + repo, r);
  }

  Result<std::optional<Value>> Find(const OperationContext&, const Value& desired) override {
    const std::string repo = desired.value("repository", "");
    const std::string want = KeyWithoutComment(desired.value("key", ""));
    for (int page = 1; page <= 10; ++page) {
      ASSIGN_OR_RETURN(aws::HttpResponse r,
                       Call("GET", "/repos/" + repo + "/keys?per_page=100&page=" + std::to_string(page), "", false));
      if (r.status != 200) return Failure("listing the deploy keys of " + repo, r);
      Value keys = Value::parse(r.body, nullptr, false);
      if (!keys.is_array()) return Status::Internal("GitHub's list of keys is not a JSON array");
      for (const Value& k : keys) {
        if (k.is_object() && KeyWithoutComment(k.value("key", "")) == want) {
          Value attrs = Attributes(repo, k);
          attrs["key"] = desired.value("key", "");
          return std::optional<Value>(attrs);
        }
      }
      if (keys.size() < 100) break;
    }
    return std::optional<Value>();
  }

 private:
  static std::string Id(const Value& v) {
    const Value id = v.value("key_id", Value());
    return id.is_number_integer() ? std::to_string(id.get<int64_t>()) : id.is_string() ? id.get<std::string>() : "0";
  }

  static Value Attributes(const std::string& repo, const Value& key) {
    int64_t id = key.value("id", Value(0)).is_number_integer() ? key["id"].get<int64_t>() : 0;
    return {{"id", repo + "/" + std::to_string(id)},
            {"repository", repo},
            {"title", key.value("title", "")},
            {"key", key.value("key", "")},
            {"read_only", key.value("read_only", true)},
            {"key_id", id}};
  }

  static Status Failure(const std::string& what, const aws::HttpResponse& r) {
    Value body = Value::parse(r.body, nullptr, false);
    std::string message = body.is_object() ? body.value("message", "") : "";
    std::string text = what + ": GitHub answered " + std::to_string(r.status) + (message.empty() ? "" : ": " + message);
    if (r.status == 401) return Status::Unauthenticated(text + " (is GITHUB_TOKEN right?)");
    if (r.status == 403 || r.status == 404) {
      return Status::PermissionDenied(text + " (does GITHUB_TOKEN have administration rights on the repository?)");
    }
    return r.status >= 500 ? Status::Unavailable(text) : Status::FailedPrecondition(text);
  }

  Result<aws::HttpResponse> Call(const std::string& method, const std::string& path, const std::string& body,
                                 bool fresh) {
    std::optional<std::string> token = env_->GetEnv("GITHUB_TOKEN");
    if (!token || token->empty()) {
      return Status::FailedPrecondition(
          "GITHUB_TOKEN is not set: pave registers the deploy key with it (a token with administration rights on "
          "the repository); or register the key by hand (pave outputs gitops.deploy_key)");
    }
    std::string api = env_->GetEnv("GITHUB_API_URL").value_or("");
    if (api.empty()) api = "https://api.github.com";
    while (!api.empty() && api.back() == '/') api.pop_back();
    aws::HttpRequest req;
    req.method = method;
    req.url = api + path;
    req.body = body;
    req.fresh_connection = fresh;
    req.headers = {{"Accept", "application/vnd.github+json"},
                   {"Authorization", "Bearer " + *token},
                   {"X-GitHub-Api-Version", "2022-11-28"},
                   {"User-Agent", "pave"}};
    if (!body.empty()) req.headers.push_back({"Content-Type", "application/json"});
    return http_->Send(req);
  }

  Env* env_;
  aws::HttpClient* http_;
  ResourceSchema schema_;
};

}  // namespace

std::unique_ptr<ResourceType> NewGithubDeployKeyType(Env* env, aws::HttpClient* http) {
  return std::make_unique<GithubDeployKeyType>(env, http);
}

}  // namespace pave
