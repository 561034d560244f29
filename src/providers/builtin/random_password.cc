#include "providers/builtin/random_password.h"

#include <array>
#include <string_view>
#include <utility>

#include "core/hash.h"
#include "providers/builtin/attributes.h"

namespace pave {
namespace {

constexpr int64_t kMaxLength = 1024;
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kSpecial = "!#$%&*()-_=+[]{}<>:?";

ResourceSchema RandomPasswordSchema() {
  ResourceSchema s;
  s.type = "random_password";
  s.description = "a random secret string, kept in state only as a fingerprint";
  s.typical_create = std::chrono::milliseconds(1);
  s.state_only = true;
  s.attributes = {
      {.name = "length", .type = AttrType::kInt, .required = true, .force_new = true,
       .description = "number of characters, 1 to 1024"},
      {.name = "special", .type = AttrType::kBool, .force_new = true,
       .description = "include special characters", .default_value = Value(true)},
      {.name = "keepers", .type = AttrType::kMap, .force_new = true,
       .description = "arbitrary values; changing one generates a new password"},
      {.name = "result", .type = AttrType::kString, .computed = true, .secret = true,
       .description = "the password"},
  };
  return s;
}

// Uniform random numbers below `n` (1 <= n <= 65536) by rejection sampling over 16-bit
// random values.
class UniformDraw {
 public:
  explicit UniformDraw(Env* env) : env_(env) {}

  Result<size_t> Below(size_t n) {
    const size_t limit = 65536 - (65536 % n);
    for (;;) {
      if (pos_ == buffer_.size()) {
        RETURN_IF_ERROR(env_->RandomBytes(buffer_.data(), buffer_.size()));
        pos_ = 0;
      }
      size_t v = static_cast<size_t>(buffer_[pos_]) << 8 | buffer_[pos_ + 1];
      pos_ += 2;
      if (v < limit) return v % n;
    }
  }

 private:
  Env* env_;
  std::array<unsigned char, 128> buffer_{};
  size_t pos_ = buffer_.size();
};

class RandomPasswordType : public ResourceType {
 public:
  explicit RandomPasswordType(Env* env) : env_(env), schema_(RandomPasswordSchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(int64_t length, IntInRange(desired, "length", 1, kMaxLength));
    ASSIGN_OR_RETURN(bool special, OptionalBool(desired, "special", true));
    ASSIGN_OR_RETURN(std::string password,
                     GeneratePassword(env_, static_cast<size_t>(length), special));
    std::string id(8, '\0');
    RETURN_IF_ERROR(env_->RandomBytes(id.data(), id.size()));
    Value out = KnownInputs(schema_, desired);
    out["special"] = special;
    out["result"] = std::move(password);
    out["id"] = HexEncode(id);
    return out;
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    return PriorAsRead(requests);
  }

  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
    std::vector<PropertyProblem> problems;
    CheckIntInRange(properties, "length", 1, kMaxLength, &problems);
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

Result<std::string> GeneratePassword(Env* env, size_t length, bool special) {
  std::vector<std::string_view> classes = {kUpper, kLower, kDigits};
  if (special) classes.push_back(kSpecial);
  std::string all;
  for (std::string_view c : classes) all += c;
  UniformDraw draw(env);
  std::string out;
  out.reserve(length);
  // One character of each class first when the length allows, then any; then shuffle.
  if (length >= classes.size()) {
    for (std::string_view c : classes) {
      ASSIGN_OR_RETURN(size_t i, draw.Below(c.size()));
      out += c[i];
    }
  }
  while (out.size() < length) {
    ASSIGN_OR_RETURN(size_t i, draw.Below(all.size()));
    out += all[i];
  }
  for (size_t i = out.size(); i > 1; --i) {  // Fisher-Yates
    ASSIGN_OR_RETURN(size_t j, draw.Below(i));
    std::swap(out[i - 1], out[j]);
  }
  return out;
}

std::unique_ptr<ResourceType> NewRandomPasswordType(Env* env) {
  return std::make_unique<RandomPasswordType>(env);
}

}  // namespace pave
