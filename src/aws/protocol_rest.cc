#include "aws/protocol_rest.h"

#include <algorithm>

#include "aws/protocol_encoding.h"
#include "aws/protocol_json_body.h"
#include "core/hash.h"

namespace pave::aws {

namespace {

const Member* FindLabel(const Shape& shape, std::string_view label) {
  for (const Member& m : shape.members) {
    if (m.ref.location != Location::kUri) continue;
    if ((m.ref.location_name.empty() ? m.name : m.ref.location_name) == label) return &m;
  }
  return nullptr;
}

Result<std::string> ExpandPath(const std::string& tpl, const Shape* input, const Value& value) {
  std::string out;
  size_t i = 0;
  while (i < tpl.size()) {
    size_t open = tpl.find('{', i);
    if (open == std::string::npos) {
      out += tpl.substr(i);
      break;
    }
    size_t close = tpl.find('}', open);
    if (close == std::string::npos) return Status::Internal("bad URI template " + tpl);
    out += tpl.substr(i, open - i);
    std::string label = tpl.substr(open + 1, close - open - 1);
    bool greedy = !label.empty() && label.back() == '+';
    if (greedy) label.pop_back();
    const Member* m = input ? FindLabel(*input, label) : nullptr;
    auto it = m ? value.find(m->name) : value.end();
    if (m == nullptr || it == value.end() || it->is_null()) {
      return Status::InvalidArgument("missing required parameter \"" + label + "\"");
    }
    ASSIGN_OR_RETURN(std::string text, ScalarToText(*it, m->ref, TimestampFormat::kIso8601));
    if (text.empty()) {
      return Status::InvalidArgument("parameter \"" + m->name + "\" must not be empty");
    }
    out += UriEncode(text, greedy);
    i = close + 1;
  }
  return out;
}

void AddStaticQuery(const std::string& query, WireRequest* request) {
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    std::string part = query.substr(start, amp == std::string::npos ? amp : amp - start);
    size_t eq = part.find('=');
    if (!part.empty()) {
      request->query.emplace_back(part.substr(0, eq),
                                  eq == std::string::npos ? "" : part.substr(eq + 1));
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
}

Status AddQueryMember(const Member& m, const Value& v, WireRequest* request) {
  std::string name = m.ref.location_name.empty() ? m.name : m.ref.location_name;
  const Shape& shape = *m.ref.shape;
  auto add = [&](const std::string& key, const Value& item, const ShapeRef& ref) -> Status {
    ASSIGN_OR_RETURN(
        std::string text,
        ScalarToText(item, ref, OrDefault(ref.timestamp_format, TimestampFormat::kIso8601)));
    request->query.emplace_back(key, std::move(text));
    return Status::Ok();
  };
  if (shape.type == ShapeType::kList) {
    for (const Value& item : v) RETURN_IF_ERROR(add(name, item, shape.member));
  } else if (shape.type == ShapeType::kMap) {
    for (const auto& [key, item] : v.items()) {
      if (item.is_array()) {
        for (const Value& x : item) RETURN_IF_ERROR(add(key, x, shape.value.shape->member));
      } else {
        RETURN_IF_ERROR(add(key, item, shape.value));
      }
    }
  } else {
    RETURN_IF_ERROR(add(name, v, m.ref));
  }
  return Status::Ok();
}

Result<std::string> HeaderText(const Value& v, const ShapeRef& ref) {
  if (ref.json_value) return Base64Encode(v.dump());
  if (ref.shape->type == ShapeType::kList) {
    std::string joined;
    for (const Value& item : v) {
      ASSIGN_OR_RETURN(std::string text, HeaderText(item, ref.shape->member));
      if (!joined.empty()) joined += ",";
      joined += text;
    }
    return joined;
  }
  return ScalarToText(v, ref, OrDefault(ref.timestamp_format, TimestampFormat::kRfc822));
}

Status AddHostPrefix(const Operation& op, const Value& input, WireRequest* request) {
  std::string prefix = op.host_prefix;
  if (prefix.empty() || op.input == nullptr) {
    request->host_prefix = prefix;
    return Status::Ok();
  }
  for (const Member& m : op.input->members) {
    if (!m.ref.host_label) continue;
    std::string label = "{" + m.name + "}";
    size_t at = prefix.find(label);
    auto it = input.find(m.name);
    if (at == std::string::npos || it == input.end() || !it->is_string()) continue;
    prefix.replace(at, label.size(), it->get<std::string>());
  }
  request->host_prefix = prefix;
  return Status::Ok();
}

Result<Value> HeaderValue(const std::string& text, const ShapeRef& ref) {
  if (ref.json_value) {
    std::string json;
    if (!Base64Decode(text, &json)) return Status::InvalidArgument("header is not base64");
    Value v = ParseJsonText(json);
    if (v.is_discarded()) return Status::InvalidArgument("header is not base64 JSON");
    return v;
  }
  if (ref.shape->type == ShapeType::kList) {
    Value items = Value::array();
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
      part.erase(0, part.find_first_not_of(' '));
      part.erase(part.find_last_not_of(' ') + 1);
      Result<Value> item = ScalarFromText(part, ref.shape->member);
      if (item.ok()) items.push_back(std::move(item).value());
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return items;
  }
  return ScalarFromText(text, ref);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Result<RestRequest> SerializeRestBindings(const Operation& op, const Value& input) {
  RestRequest r;
  r.request.method = op.http_method;
  std::string tpl = op.request_uri;
  size_t q = tpl.find('?');
  if (q != std::string::npos) {
    AddStaticQuery(tpl.substr(q + 1), &r.request);
    tpl.resize(q);
  }
  ASSIGN_OR_RETURN(r.request.path, ExpandPath(tpl, op.input, input));
  RETURN_IF_ERROR(AddHostPrefix(op, input, &r.request));
  if (op.input == nullptr) return r;
  if (!op.input->payload.empty()) r.payload = op.input->FindMember(op.input->payload);
  for (const Member& m : op.input->members) {
    auto it = input.find(m.name);
    bool present = it != input.end() && !it->is_null();
    switch (m.ref.location) {
      case Location::kBody:
        if (r.payload == nullptr) r.body_members.push_back(&m);
        break;
      case Location::kUri:
      case Location::kStatusCode:
        break;
      case Location::kQueryString:
        if (present) RETURN_IF_ERROR(AddQueryMember(m, *it, &r.request).WithContext(m.name));
        break;
      case Location::kHeader:
        if (present) {
          ASSIGN_OR_RETURN(std::string text, HeaderText(*it, m.ref));
          r.request.headers.emplace_back(m.ref.location_name, std::move(text));
        }
        break;
      case Location::kHeaders:
        if (present) {
          for (const auto& [key, v] : it->items()) {
            if (v.is_string()) r.request.headers.emplace_back(m.ref.location_name + key, v);
          }
        }
        break;
    }
  }
  return r;
}

Status ParseRestBindings(const Shape& shape, const HttpResponse& response, Value* out) {
  for (const Member& m : shape.members) {
    switch (m.ref.location) {
      case Location::kBody:
      case Location::kUri:
      case Location::kQueryString:
        break;
      case Location::kStatusCode:
        (*out)[m.name] = response.status;
        break;
      case Location::kHeader: {
        std::string name = Lower(m.ref.location_name);
        auto it = std::find_if(response.headers.begin(), response.headers.end(),
                               [&name](const auto& h) { return h.first == name; });
        if (it == response.headers.end()) break;
        // A header that does not read as its shape is left out, as botocore would.
        auto v = HeaderValue(it->second, m.ref);
        if (v.ok()) (*out)[m.name] = std::move(v).value();
        break;
      }
      case Location::kHeaders: {
        std::string prefix = Lower(m.ref.location_name);
        Value map = Value::object();
        for (const auto& [name, value] : response.headers) {
          if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0) {
            map[SanitizeUtf8(name.substr(prefix.size()))] = SanitizeUtf8(value);
          }
        }
        if (!map.empty()) (*out)[m.name] = std::move(map);
        break;
      }
    }
  }
  return Status::Ok();
}

bool IsRawPayload(const Member& payload) {
  ShapeType t = payload.ref.shape->type;
  return t == ShapeType::kBlob || t == ShapeType::kString;
}

const Member* OutputPayload(const Operation& op) {
  if (op.output == nullptr || op.output->payload.empty()) return nullptr;
  return op.output->FindMember(op.output->payload);
}

Status SetRawPayload(const Member& payload, const Value& input, WireRequest* request) {
  auto it = input.find(payload.name);
  if (it == input.end() || it->is_null()) return Status::Ok();
  if (payload.ref.shape->type == ShapeType::kString) {
    request->body = it->get<std::string>();
    return Status::Ok();
  }
  if (!Base64Decode(it->get<std::string>(), &request->body)) {
    return Status::InvalidArgument(payload.name + ": blobs are base64 text; this is not base64");
  }
  return Status::Ok();
}

Value RawPayloadValue(const Member& payload, const std::string& body) {
  if (payload.ref.shape->type == ShapeType::kString) return SanitizeUtf8(body);
  return Base64Encode(body);
}

}  // namespace pave::aws
