#include "platform/placeholders.h"

#include "engine/address.h"

namespace pave {
namespace {

bool IsAttributeName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<Reference> ParseReferenceBody(std::string_view body) {
  size_t first = body.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = body.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::optional<ResourceAddress> target = ResourceAddress::Parse(body.substr(0, second));
  std::string_view attribute = body.substr(second + 1);
  if (!target || !IsAttributeName(attribute)) return std::nullopt;
  return Reference{*target, std::string(attribute)};
}

void Classify(Placeholder* p) {
  if (p->body.rfind("env:", 0) == 0) {
    p->kind = PlaceholderKind::kEnv;
    p->arg = p->body.substr(4);
  } else if (p->body.rfind("file:", 0) == 0) {
    p->kind = PlaceholderKind::kFile;
    p->arg = p->body.substr(5);
  } else if ((p->reference = ParseReferenceBody(p->body))) {
    p->kind = PlaceholderKind::kReference;
  } else {
    p->kind = PlaceholderKind::kMalformed;
  }
}

}  // namespace

std::vector<Placeholder> FindPlaceholders(std::string_view text) {
  std::vector<Placeholder> out;
  size_t i = 0;
  while ((i = text.find('$', i)) != std::string_view::npos) {
    if (text.compare(i, 3, "$${") == 0) {
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      ++i;
      continue;
    }
    Placeholder p;
    p.begin = i;
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      p.kind = PlaceholderKind::kUnterminated;
      p.end = text.size();
      p.body = text.substr(i + 2);
      out.push_back(p);
      break;
    }
    p.end = close + 1;
    p.body = text.substr(i + 2, close - i - 2);
    Classify(&p);
    out.push_back(std::move(p));
    i = close + 1;
  }
  return out;
}

bool IsSinglePlaceholder(std::string_view text) {
  std::vector<Placeholder> all = FindPlaceholders(text);
  return all.size() == 1 && all[0].begin == 0 && all[0].end == text.size() &&
         all[0].kind != PlaceholderKind::kMalformed &&
         all[0].kind != PlaceholderKind::kUnterminated;
}

std::string EscapePlaceholders(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) out += '$';
    out += text[i];
  }
  return out;
}

}  // namespace pave
