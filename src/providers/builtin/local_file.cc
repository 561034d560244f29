#include "providers/builtin/local_file.h"

#include "core/hash.h"
#include "providers/builtin/attributes.h"

namespace pave {
namespace {

constexpr const char* kDefaultPermission = "0644";

ResourceSchema LocalFileSchema() {
  ResourceSchema s;
  s.type = "local_file";
  s.description = "a file on the machine that runs pave";
  s.typical_create = std::chrono::milliseconds(5);
  s.holds_data = false;
  s.attributes = {
      {.name = "path", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "where the file is; relative to the directory pave runs in"},
      {.name = "content", .type = AttrType::kString, .required = true, .force_new = true,
       .description = "the file's content"},
      {.name = "file_permission", .type = AttrType::kString,
       .description = "octal permission bits", .default_value = Value(kDefaultPermission)},
      {.name = "sha256", .type = AttrType::kString, .computed = true,
       .description = "hex SHA-256 of the content"},
  };
  return s;
}

struct FileSpec {
  std::string path;
  std::string content;
  std::string permission;
  int mode = 0644;
};

Result<FileSpec> SpecFrom(const Value& desired) {
  FileSpec spec;
  ASSIGN_OR_RETURN(spec.path, RequiredString(desired, "path"));
  ASSIGN_OR_RETURN(spec.content, RequiredString(desired, "content"));
  ASSIGN_OR_RETURN(spec.permission,
                   OptionalString(desired, "file_permission", kDefaultPermission));
  if (spec.path.empty()) return Status::InvalidArgument("path must not be empty");
  std::optional<int> mode = ParseFilePermission(spec.permission);
  if (!mode) {
    return Status::InvalidArgument("file_permission \"" + spec.permission +
                                   "\" is not an octal mode like \"0644\"");
  }
  spec.mode = *mode;
  return spec;
}

Value Attributes(const FileSpec& spec) {
  return Value{{"id", spec.path},
               {"path", spec.path},
               {"content", spec.content},
               {"file_permission", spec.permission},
               {"sha256", Sha256Hex(spec.content)}};
}

class LocalFileType : public ResourceType {
 public:
  explicit LocalFileType(Env* env) : env_(env), schema_(LocalFileSchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(FileSpec spec, SpecFrom(desired));
    RETURN_IF_ERROR(Write(spec));
    return Attributes(spec);
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> out;
    out.reserve(requests.size());
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(std::optional<Value> found, ReadOne(r.prior));
      out.push_back(std::move(found));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    (void)ctx;
    (void)prior;
    ASSIGN_OR_RETURN(FileSpec spec, SpecFrom(desired));
    RETURN_IF_ERROR(Write(spec));  // the mode can only be set by writing the file again
    return Attributes(spec);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    auto path = prior.find("path");
    if (path == prior.end() || !path->is_string()) {
      return Status::InvalidArgument("local_file state has no path");
    }
    Status s = env_->RemoveFile(path->get<std::string>());
    return s.code() == StatusCode::kNotFound ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(FileSpec spec, SpecFrom(desired));
    Result<std::string> content = env_->ReadFile(spec.path);
    if (!content.ok() || *content != spec.content) return std::optional<Value>();
    return std::optional<Value>(Attributes(spec));
  }

 private:
  Status Write(const FileSpec& spec) {
    std::string dir = DirName(spec.path);
    if (dir != "." && dir != "/") RETURN_IF_ERROR(env_->CreateDirs(dir, 0755));
    return env_->WriteFileAtomic(spec.path, spec.content, spec.mode);
  }

  Result<std::optional<Value>> ReadOne(const Value& prior) {
    auto path = prior.find("path");
    if (path == prior.end() || !path->is_string()) {
      return Status::InvalidArgument("local_file state has no path");
    }
    Result<std::string> content = env_->ReadFile(path->get<std::string>());
    if (content.status().code() == StatusCode::kNotFound) return std::optional<Value>();
    if (!content.ok()) return content.status();
    Value now = prior;
    now["content"] = *content;
    now["sha256"] = Sha256Hex(*content);
    return std::optional<Value>(std::move(now));
  }

  Env* env_;
  ResourceSchema schema_;
};

}  // namespace

std::optional<int> ParseFilePermission(std::string_view text) {
  if (text.size() < 3 || text.size() > 4) return std::nullopt;
  int mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + (c - '0');
  }
  return mode;
}

std::unique_ptr<ResourceType> NewLocalFileType(Env* env) {
  return std::make_unique<LocalFileType>(env);
}

}  // namespace pave
