#include "engine/reference.h"

#include <string_view>

namespace pave {

namespace {

// One piece of a string: literal text (escapes already undone) or a reference.
struct Segment {
  bool is_reference = false;
  std::string text;
  Reference reference;
};

bool IsAttributeName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<Reference> ParseReferenceBody(std::string_view body) {
  size_t first = body.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = body.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view type = body.substr(0, first);
  std::string_view name = body.substr(first + 1, second - first - 1);
  std::string_view attr = body.substr(second + 1);
  if (!IsValidTypeName(type) || !IsValidResourceName(name) || !IsAttributeName(attr)) {
    return std::nullopt;
  }
  return Reference{ResourceAddress{std::string(type), std::string(name)}, std::string(attr)};
}

// Splits `s` into segments. Literal text accumulates into one segment between references.
Status ParseSegments(std::string_view s, std::vector<Segment>* out) {
  std::string literal;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 3, "$${") == 0) {
      literal += "${";
      i += 3;
      continue;
    }
    if (s.compare(i, 2, "${") != 0) {
      literal += s[i++];
      continue;
    }
    size_t close = s.find('}', i + 2);
    if (close == std::string_view::npos) {
      return Status::InvalidArgument("unterminated reference \"" + std::string(s.substr(i)) +
                                     "\" (write $${ for a literal ${)");
    }
    std::string_view body = s.substr(i + 2, close - i - 2);
    std::optional<Reference> ref = ParseReferenceBody(body);
    if (!ref) {
      return Status::InvalidArgument("malformed reference \"${" + std::string(body) +
                                     "}\" (expected ${type.name.attribute})");
    }
    if (!literal.empty()) out->push_back(Segment{false, std::move(literal), {}});
    literal.clear();
    out->push_back(Segment{true, "", std::move(*ref)});
    i = close + 1;
  }
  if (!literal.empty()) out->push_back(Segment{false, std::move(literal), {}});
  return Status::Ok();
}

bool MayHoldReference(const std::string& s) { return s.find("${") != std::string::npos; }

// Resolves one string value; appends unknown references to `unknown`.
Result<Value> ResolveString(const std::string& s, const ReferenceLookup& lookup,
                            std::vector<Reference>* unknown) {
  if (!MayHoldReference(s)) return Value(s);
  std::vector<Segment> segments;
  RETURN_IF_ERROR(ParseSegments(s, &segments));
  size_t unknown_before = unknown->size();
  if (segments.size() == 1 && segments[0].is_reference) {
    std::optional<Value> v = lookup(segments[0].reference.target, segments[0].reference.attribute);
    if (v) return std::move(*v);
    unknown->push_back(segments[0].reference);
    return Value(s);
  }
  std::string joined;
  for (const Segment& seg : segments) {
    if (!seg.is_reference) {
      joined += seg.text;
      continue;
    }
    std::optional<Value> v = lookup(seg.reference.target, seg.reference.attribute);
    if (!v) {
      unknown->push_back(seg.reference);
      continue;
    }
    joined += v->is_string() ? v->get<std::string>() : v->dump();
  }
  if (unknown->size() != unknown_before) return Value(s);
  return Value(std::move(joined));
}

Result<Value> ResolveValue(const Value& v, const ReferenceLookup& lookup, std::vector<Reference>* unknown) {
  if (v.is_string()) return ResolveString(v.get_ref<const std::string&>(), lookup, unknown);
  if (v.is_array()) {
    Value out = Value::array();
    for (const Value& e : v) {
      ASSIGN_OR_RETURN(Value r, ResolveValue(e, lookup, unknown));
      out.push_back(std::move(r));
    }
    return out;
  }
  if (v.is_object()) {
    Value out = Value::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      ASSIGN_OR_RETURN(Value r, ResolveValue(it.value(), lookup, unknown));
      out[it.key()] = std::move(r);
    }
    return out;
  }
  return v;
}

Status CollectReferences(const Value& v, bool strict, std::vector<Reference>* out) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (!MayHoldReference(s)) return Status::Ok();
    std::vector<Segment> segments;
    Status st = ParseSegments(s, &segments);
    if (!st.ok() && strict) return st;
    for (Segment& seg : segments) {
      if (seg.is_reference) out->push_back(std::move(seg.reference));
    }
    return Status::Ok();
  }
  if (v.is_array() || v.is_object()) {
    for (const Value& e : v) RETURN_IF_ERROR(CollectReferences(e, strict, out));
  }
  return Status::Ok();
}

}  // namespace

Result<Resolution> ResolveReferences(const Value& v, const ReferenceLookup& lookup) {
  Resolution r;
  ASSIGN_OR_RETURN(r.value, ResolveValue(v, lookup, &r.unknown));
  return r;
}

Result<std::vector<Reference>> ParseReferences(const Value& v) {
  std::vector<Reference> refs;
  RETURN_IF_ERROR(CollectReferences(v, /*strict=*/true, &refs));
  return refs;
}

std::vector<Reference> FindReferences(const Value& v) {
  std::vector<Reference> refs;
  // Not strict: malformed references are skipped (ParseReferences reports them).
  (void)CollectReferences(v, /*strict=*/false, &refs);
  return refs;
}

bool HasReferences(const Value& v) {
  if (v.is_string()) return MayHoldReference(v.get_ref<const std::string&>());
  if (v.is_array() || v.is_object()) {
    for (const Value& e : v) {
      if (HasReferences(e)) return true;
    }
  }
  return false;
}

std::string ReferenceText(const Reference& r) {
  return "${" + r.target.ToString() + "." + r.attribute + "}";
}

}  // namespace pave
