#include "providers/builtin/time_sleep.h"

#include <charconv>
#include <cmath>
#include <ctime>

#include "providers/builtin/attributes.h"

namespace pave {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kMaxDuration = std::chrono::hours(24);
constexpr milliseconds kTick(250);

ResourceSchema TimeSleepSchema() {
  ResourceSchema s;
  s.type = "time_sleep";
  s.description = "waits for a while on create and destroy, showing progress";
  s.state_only = true;
  s.attributes = {
      {.name = "create_duration", .type = AttrType::kString,
       .description = "how long create waits, e.g. \"30s\""},
      {.name = "destroy_duration", .type = AttrType::kString,
       .description = "how long destroy waits, e.g. \"10s\""},
      {.name = "triggers", .type = AttrType::kMap, .force_new = true,
       .description = "arbitrary values; changing one replaces the resource"},
  };
  return s;
}

std::string FormatSeconds(milliseconds d) {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(d + milliseconds(999)).count();
  return std::to_string(s) + "s";
}

std::string Rfc3339(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class TimeSleepType : public ResourceType {
 public:
  explicit TimeSleepType(Env* env) : env_(env), schema_(TimeSleepSchema()) {}

  const ResourceSchema& schema() const override { return schema_; }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(milliseconds d, DurationOf(desired, "create_duration"));
    RETURN_IF_ERROR(Wait(ctx, d, "create"));
    Value out = KnownInputs(schema_, desired);
    out["id"] = Rfc3339(env_->Now());
    return out;
  }

  Result<std::vector<std::optional<Value>>> Read(
      const std::vector<ReadRequest>& requests) override {
    return PriorAsRead(requests);
  }

  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
    std::vector<PropertyProblem> problems;
    for (const char* name : {"create_duration", "destroy_duration"}) {
      auto it = properties.find(name);
      if (it == properties.end() || !it->is_string() || it->get<std::string>().find("${") != std::string::npos) continue;
      Result<milliseconds> d = ParseDuration(it->get<std::string>());
      if (!d.ok()) problems.push_back({name, std::string(name) + ": " + d.status().message()});
    }
    return problems;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior,
                       const Value& desired) override {
    (void)ctx;
    RETURN_IF_ERROR(DurationOf(desired, "create_duration").status());
    RETURN_IF_ERROR(DurationOf(desired, "destroy_duration").status());
    return MergeInputs(schema_, prior, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    ASSIGN_OR_RETURN(milliseconds d, DurationOf(prior, "destroy_duration"));
    return Wait(ctx, d, "destroy");
  }

 private:
  static Result<milliseconds> DurationOf(const Value& attrs, const std::string& name) {
    ASSIGN_OR_RETURN(std::string text, OptionalString(attrs, name, "0s"));
    Result<milliseconds> d = ParseDuration(text);
    if (!d.ok()) return d.status().WithContext(name);
    return d;
  }

  // Sleeps `total` in short ticks, noting progress whenever the whole seconds left change.
  Status Wait(const OperationContext& ctx, milliseconds total, const char* what) {
    auto start = env_->MonotonicNow();
    auto deadline = start + total;
    std::string last_note;
    for (auto now = start; now < deadline; now = env_->MonotonicNow()) {
      if (ctx.Cancelled()) {
        auto waited = std::chrono::duration_cast<milliseconds>(now - start);
        return Status::Cancelled(std::string(what) + " wait cancelled after " +
                                 FormatSeconds(waited) + " of " + FormatSeconds(total));
      }
      auto left = std::chrono::duration_cast<milliseconds>(deadline - now);
      std::string note =
          "sleeping, " + FormatSeconds(left) + " left of " + FormatSeconds(total);
      if (note != last_note) ctx.Progress(note);
      last_note = std::move(note);
      env_->SleepFor(std::min(left, kTick));
    }
    return Status::Ok();
  }

  Env* env_;
  ResourceSchema schema_;
};

// Milliseconds per unit, or 0 for an unknown unit.
double UnitMillis(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60'000;
  if (unit == "h") return 3'600'000;
  return 0;
}

}  // namespace

Result<milliseconds> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a duration like \"30s\", \"1m30s\" or \"500ms\"");
  };
  if (text.empty()) return bad();
  if (text == "0") return milliseconds(0);
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t num_start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    double number = 0;
    auto [end, ec] = std::from_chars(text.data() + num_start, text.data() + i, number);
    if (i == num_start || ec != std::errc() || end != text.data() + i) return bad();
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    double unit = UnitMillis(text.substr(unit_start, i - unit_start));
    if (unit == 0) return bad();
    total += number * unit;
  }
  if (total > static_cast<double>(kMaxDuration.count())) {
    return Status::InvalidArgument("\"" + std::string(text) + "\" is longer than 24h");
  }
  return milliseconds(static_cast<int64_t>(std::llround(total)));
}

std::unique_ptr<ResourceType> NewTimeSleepType(Env* env) {
  return std::make_unique<TimeSleepType>(env);
}

}  // namespace pave
