#include "providers/aws/common/attrs.h"

#include <algorithm>
#include <set>
#include <vector>

namespace pave::aws_provider {

AttributeSchema Required(std::string name, AttrType type, std::string description, bool force_new) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = type;
  a.required = true;
  a.force_new = force_new;
  a.description = std::move(description);
  return a;
}

AttributeSchema Optional(std::string name, AttrType type, std::string description,
                         std::optional<Value> default_value, bool force_new) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = type;
  a.force_new = force_new;
  a.description = std::move(description);
  a.default_value = std::move(default_value);
  return a;
}

AttributeSchema Computed(std::string name, AttrType type, std::string description) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = type;
  a.computed = true;
  a.description = std::move(description);
  return a;
}

AttributeSchema Stable(std::string name, AttrType type, std::string description) {
  AttributeSchema a = Computed(std::move(name), type, std::move(description));
  a.stable = true;
  return a;
}

AttributeSchema Unordered(AttributeSchema a) {
  a.unordered = true;
  return a;
}

AttributeSchema Monotonic(AttributeSchema a) {
  a.monotonic = true;
  return a;
}

AttributeSchema TagsAttribute() {
  return Optional("tags", AttrType::kMap, "tags besides the managed pave:* ones", Value::object());
}

AttributeSchema ArnAttribute() { return Stable("arn", AttrType::kString, "the resource's ARN"); }

std::string GetString(const Value& v, const std::string& key, const std::string& fallback) {
  if (!v.is_object() || !v.contains(key) || !v[key].is_string()) return fallback;
  return v[key].get<std::string>();
}

bool GetBool(const Value& v, const std::string& key, bool fallback) {
  if (!v.is_object() || !v.contains(key) || !v[key].is_boolean()) return fallback;
  return v[key].get<bool>();
}

int64_t GetInt(const Value& v, const std::string& key, int64_t fallback) {
  if (!v.is_object() || !v.contains(key) || !v[key].is_number()) return fallback;
  return v[key].get<int64_t>();
}

Value StableList(const Value& actual, const Value& prior) {
  std::vector<std::string> a;
  if (actual.is_array()) {
    for (const Value& x : actual) {
      if (x.is_string()) a.push_back(x.get<std::string>());
    }
  }
  std::sort(a.begin(), a.end());
  if (prior.is_array()) {
    std::vector<std::string> p;
    for (const Value& x : prior) {
      if (x.is_string()) p.push_back(x.get<std::string>());
    }
    std::vector<std::string> sorted = p;
    std::sort(sorted.begin(), sorted.end());
    if (sorted == a) return Value(p);
  }
  return Value(a);
}

}  // namespace pave::aws_provider
