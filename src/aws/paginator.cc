#include "aws/paginator.h"

#include <charconv>
#include <string>
#include <vector>

namespace pave::aws {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// One alternative: "A.B[-1].C".
Value EvalSimplePath(const Value& doc, std::string_view path) {
  const Value* cur = &doc;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view seg = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    std::string_view index;
    size_t bracket = seg.find('[');
    if (bracket != std::string_view::npos) {
      index = seg.substr(bracket + 1, seg.size() - bracket - 2);
      seg = seg.substr(0, bracket);
    }
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(std::string(seg));
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (!index.empty()) {
      long i = 0;
      auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), i);
      if (ec != std::errc() || !cur->is_array()) return nullptr;
      long n = static_cast<long>(cur->size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) return nullptr;
      cur = &(*cur)[static_cast<size_t>(i)];
    }
  }
  return *cur;
}

bool Truthy(const Value& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string() || v.is_array() || v.is_object()) return !v.empty();
  return true;
}

// The object slot a dotted path names, created on the way ("EngineDefaults.Parameters").
Value* Slot(Value* doc, std::string_view path) {
  Value* cur = doc;
  while (true) {
    size_t dot = path.find('.');
    if (!cur->is_object()) *cur = Value::object();
    cur = &(*cur)[std::string(path.substr(0, dot))];
    if (dot == std::string_view::npos) return cur;
    path = path.substr(dot + 1);
  }
}

void Erase(Value* doc, std::string_view path) {
  size_t dot = path.rfind('.');
  Value* parent = doc;
  if (dot != std::string_view::npos) {
    Value v = EvalSimplePath(*doc, path.substr(0, dot));
    if (!v.is_object()) return;
    parent = Slot(doc, path.substr(0, dot));
    path = path.substr(dot + 1);
  }
  if (parent->is_object()) parent->erase(std::string(path));
}

void RemoveTokens(const Paginator& p, Value* out) {
  for (const std::string& token : p.output_token) {
    std::string_view expr = token;
    while (!expr.empty()) {  // every plain path of "A || B[-1].C"
      size_t bar = expr.find("||");
      std::string_view alt = Trim(expr.substr(0, bar));
      if (alt.find('[') == std::string_view::npos) Erase(out, alt);
      expr = bar == std::string_view::npos ? std::string_view() : expr.substr(bar + 2);
    }
  }
  if (!p.more_results.empty() && !EvalPath(*out, p.more_results).is_null()) {
    *Slot(out, p.more_results) = false;
  }
}

}  // namespace

Value EvalPath(const Value& doc, std::string_view expr) {
  while (!expr.empty()) {
    size_t bar = expr.find("||");
    Value v = EvalSimplePath(doc, Trim(expr.substr(0, bar)));
    if (!v.is_null()) return v;
    if (bar == std::string_view::npos) break;
    expr = expr.substr(bar + 2);
  }
  return nullptr;
}

Result<Value> CollectAllPages(const Paginator& p, const Value& input, const PageFetcher& fetch,
                              int max_pages) {
  Value request = input.is_object() ? input : Value::object();
  Value result;
  std::vector<Value> previous;
  for (int page = 0; page < max_pages; ++page) {
    ASSIGN_OR_RETURN(Value out, fetch(request));
    if (page == 0) {
      result = out;
      for (const std::string& key : p.result_key) {
        Value* slot = Slot(&result, key);
        if (!slot->is_array()) *slot = Value::array();
      }
    } else {
      for (const std::string& key : p.result_key) {
        Value items = EvalPath(out, key);
        if (!items.is_array()) continue;
        Value* slot = Slot(&result, key);
        for (Value& item : items) slot->push_back(std::move(item));
      }
    }
    if (!p.more_results.empty() && !Truthy(EvalPath(out, p.more_results))) break;
    std::vector<Value> tokens;
    bool any = false;
    for (const std::string& expr : p.output_token) {
      tokens.push_back(EvalPath(out, expr));
      any = any || Truthy(tokens.back());
    }
    if (!any) break;
    if (tokens == previous) {
      return Status::Aborted("the service returned the same page token twice (" +
                             tokens.front().dump() + "); stopping instead of looping");
    }
    for (size_t i = 0; i < p.input_token.size() && i < tokens.size(); ++i) {
      if (Truthy(tokens[i])) {
        request[p.input_token[i]] = tokens[i];
      } else {
        request.erase(p.input_token[i]);
      }
    }
    previous = std::move(tokens);
    if (page + 1 == max_pages) {
      return Status::ResourceExhausted("more than " + std::to_string(max_pages) + " pages");
    }
  }
  RemoveTokens(p, &result);
  return result;
}

}  // namespace pave::aws
