#include "providers/builtin/random_id.h"

#include "core/hash.h"
#include "providers/builtin/attributes.h"

namespace pave {
namespace {

constexpr int64_t kMaxBytes = 1024;

ResourceSchema RandomIdSchema() {
  ResourceSchema s;
  s.type = "random_id";
  s.description = "random bytes as hex and base64, for unique names";
  s.typical_create = std::chrono::milliseconds(1);
  s.state_only = true;
  s.attributes = {
      {.name = "byte_length", .type = AttrType::kInt, .required = true, .force_new = true,
       .description = "number of random bytes, 1 to 1024"},
      {.name = "keepers", .type = AttrType::kMap, .force_new = true,
       .description = "arbitrary values; changing one generates a new id"},
      {.name = "hex", .type = AttrType::kString, .computed = true,
       .description = "the bytes as lower-case hex (also the id)"},
      {.name = "b64", .type = AttrType::kString, .computed = true,
       .description = "the bytes as URL-safe base64 without padding"},
  };
  return s;
}

std::string UrlSafeBase64(std::string_view bytes) {
  std::string out = Base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

class RandomIdType : public ResourceType {
 public:
  explicit RandomIdType(Env* env) : env_(env), schema_(RandomIdSchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(int64_t length, IntInRange(desired, "byte_length", 1, kMaxBytes));
    std::string bytes(static_cast<size_t>(length), '\0');
    RETURN_IF_ERROR(env_->RandomBytes(bytes.data(), bytes.size()));
    Value out = KnownInputs(schema_, desired);
    out["hex"] = HexEncode(bytes);
    out["b64"] = UrlSafeBase64(bytes);
    out["id"] = out["hex"];
    return out;
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    return PriorAsRead(requests);
  }

  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
    std::vector<PropertyProblem> problems;
    CheckIntInRange(properties, "byte_length", 1, kMaxBytes, &problems);
    return problems;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    (void)ctx;
    return MergeInputs(schema_, prior, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    (void)prior;
    return Status::Ok();
  }

 private:
  Env* env_;
  ResourceSchema schema_;
};

}  // namespace

std::unique_ptr<ResourceType> NewRandomIdType(Env* env) {
  return std::make_unique<RandomIdType>(env);
}

}  // namespace pave
