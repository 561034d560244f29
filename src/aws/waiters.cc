#include "aws/waiters.h"

#include <cctype>
#include <cstdlib>

namespace pave::aws {
namespace {

bool IsName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// `[]` on the current value: start a projection over an array, or flatten one level of an
// existing projection.
void Flatten(Value* cur, bool* projected) {
  if (!*projected) {
    if (!cur->is_array()) *cur = Value();
    *projected = cur->is_array();
    return;
  }
  Value flat = Value::array();
  for (const Value& e : *cur) {
    if (e.is_array()) {
      for (const Value& x : e) flat.push_back(x);
    } else {
      flat.push_back(e);
    }
  }
  *cur = std::move(flat);
}

void Field(std::string_view name, Value* cur, bool projected) {
  std::string key(name);
  if (!projected) {
    *cur = cur->is_object() && cur->contains(key) ? (*cur)[key] : Value();
    return;
  }
  Value out = Value::array();
  for (const Value& e : *cur) {
    if (e.is_object() && e.contains(key) && !e[key].is_null()) out.push_back(e[key]);
  }
  *cur = std::move(out);
}

Result<Value> SearchDotted(std::string_view expr, const Value& v) {
  Value cur = v;
  bool projected = false;
  size_t start = 0;
  while (start <= expr.size()) {
    size_t dot = expr.find('.', start);
    std::string_view step =
        expr.substr(start, dot == std::string_view::npos ? expr.npos : dot - start);
    bool flatten = step.ends_with("[]");
    if (flatten) step.remove_suffix(2);
    if (!IsName(step))
      return Status::Unimplemented("JMESPath beyond pave's subset: " + std::string(expr));
    Field(step, &cur, projected);
    if (flatten) Flatten(&cur, &projected);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return cur;
}

bool Compare(double a, std::string_view op, double b) {
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == "==") return a == b;
  return a != b;  // "!=", the only other operator SearchLength accepts
}

// "length(<path>) <op> `N`".
Result<Value> SearchLength(std::string_view expr, const Value& v) {
  auto refuse = [&] {
    return Status::Unimplemented("JMESPath beyond pave's subset: " + std::string(expr));
  };
  size_t close = expr.find(')');
  if (close == std::string_view::npos) return refuse();
  std::string_view rest = expr.substr(close + 1);
  while (rest.starts_with(' ')) rest.remove_prefix(1);
  size_t space = rest.find(' ');
  if (space == std::string_view::npos) return refuse();
  std::string_view op = rest.substr(0, space), literal = rest.substr(space + 1);
  if ((op != ">" && op != ">=" && op != "<" && op != "<=" && op != "==" && op != "!=") ||
      literal.size() < 3 || !literal.starts_with('`') || !literal.ends_with('`')) {
    return refuse();
  }
  ASSIGN_OR_RETURN(Value inner, SearchDotted(expr.substr(7, close - 7), v));
  if (!inner.is_array() && !inner.is_object() && !inner.is_string()) return Value();
  double n = std::strtod(std::string(literal.substr(1, literal.size() - 2)).c_str(), nullptr);
  double len = inner.is_string() ? inner.get_ref<const std::string&>().size() : inner.size();
  return Value(Compare(len, op, n));
}

template <typename E>
struct Named {
  std::string_view name;
  E value;
};
constexpr Named<WaiterMatcher> kMatchers[] = {{"path", WaiterMatcher::kPath},
                                              {"pathAll", WaiterMatcher::kPathAll},
                                              {"pathAny", WaiterMatcher::kPathAny},
                                              {"status", WaiterMatcher::kStatus},
                                              {"error", WaiterMatcher::kError}};
constexpr Named<WaiterState> kStates[] = {{"success", WaiterState::kSuccess},
                                          {"failure", WaiterState::kFailure},
                                          {"retry", WaiterState::kRetry}};

template <typename E, size_t N>
Result<E> ByName(const Named<E> (&table)[N], const std::string& name, const char* what) {
  for (const Named<E>& n : table) {
    if (n.name == name) return n.value;
  }
  return Status::Unimplemented(std::string("waiter ") + what + " \"" + name + "\"");
}

Result<WaiterAcceptor> ParseAcceptor(const Value& a) {
  WaiterAcceptor out;
  ASSIGN_OR_RETURN(out.matcher, ByName(kMatchers, a.value("matcher", ""), "matcher"));
  ASSIGN_OR_RETURN(out.state, ByName(kStates, a.value("state", ""), "state"));
  out.argument = a.value("argument", "");
  out.expected = a.value("expected", Value());
  if (!out.argument.empty()) RETURN_IF_ERROR(SearchPath(out.argument, Value::object()).status());
  return out;
}

bool Matches(const WaiterAcceptor& a, const Result<Value>& response) {
  switch (a.matcher) {
    case WaiterMatcher::kError:
      if (a.expected.is_boolean()) return a.expected.get<bool>() != response.ok();
      return !response.ok() && a.expected == response.status().reason();
    case WaiterMatcher::kStatus:  // only a success's status is known: 200
      return response.ok() && a.expected == 200;
    case WaiterMatcher::kPath:
    case WaiterMatcher::kPathAll:
    case WaiterMatcher::kPathAny:
      break;
  }
  if (!response.ok()) return false;
  Result<Value> got = SearchPath(a.argument, *response);
  if (!got.ok()) return false;
  if (a.matcher == WaiterMatcher::kPath) return *got == a.expected;
  if (!got->is_array() || got->empty()) return false;
  bool all = true, any = false;
  for (const Value& e : *got) {
    all &= e == a.expected;
    any |= e == a.expected;
  }
  return a.matcher == WaiterMatcher::kPathAll ? all : any;
}

}  // namespace

Result<Value> SearchPath(std::string_view expression, const Value& v) {
  if (expression.starts_with("length(")) return SearchLength(expression, v);
  return SearchDotted(expression, v);
}

Result<Waiter> ParseWaiter(std::string_view name, const Value& body) {
  Waiter w;
  w.name = std::string(name);
  w.operation = body.value("operation", "");
  w.delay_seconds = body.value("delay", 15);
  w.max_attempts = body.value("maxAttempts", 40);
  if (w.operation.empty())
    return Status::InvalidArgument("waiter " + w.name + " names no operation");
  for (const Value& a : body.value("acceptors", Value::array())) {
    Result<WaiterAcceptor> acceptor = ParseAcceptor(a);
    if (!acceptor.ok()) return acceptor.status().WithContext("waiter " + w.name);
    w.acceptors.push_back(std::move(*acceptor));
  }
  return w;
}

Result<Waiter> FindWaiter(const ServiceModel& model, std::string_view name) {
  std::string_view text = model.FindWaiterText(name);
  if (text.empty()) {
    return Status::NotFound("the " + model.name() + " model has no waiter " + std::string(name));
  }
  Value body = Value::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status::DataLoss("waiter " + std::string(name) + ": damaged");
  return ParseWaiter(name, body);
}

std::optional<WaiterState> EvaluateWaiter(const Waiter& waiter, const Result<Value>& response,
                                          std::string* matched) {
  for (const WaiterAcceptor& a : waiter.acceptors) {
    if (!Matches(a, response)) continue;
    if (matched != nullptr) {
      *matched = (a.argument.empty() ? std::string("error") : a.argument) + " == " +
                 (a.expected.is_string() ? a.expected.get<std::string>() : a.expected.dump());
    }
    return a.state;
  }
  return std::nullopt;
}

}  // namespace pave::aws
