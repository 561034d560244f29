#include "providers/aws/spec/spec_type.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "core/hash.h"
#include "aws/model_registry.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_check.h"
#include "providers/aws/spec/spec_wait.h"
#include "providers/aws/ssm/redact.h"

namespace pave::aws_provider {
namespace {

bool Contains(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// A tag list spelled with `t`'s member names as the usual [{"Key","Value"}] list.
Value StandardTagList(const TagSpec& t, const Value& list) {
  if (!list.is_array() || (t.key_name == "Key" && t.value_name == "Value")) return list;
  Value out = Value::array();
  for (const Value& tag : list) out.push_back({{"Key", GetString(tag, t.key_name)}, {"Value", GetString(tag, t.value_name)}});
  return out;
}

// A {"k":"v"} map as the list `t` spells.
Value TagListOf(const TagSpec& t, const Value& map) {
  Value out = Value::array();
  for (const auto& [k, v] : map.items()) out.push_back({{t.key_name, k}, {t.value_name, v}});
  return out;
}

// The user's tags of what a read item holds: a list of Key/Value pairs or a map.
Value UserTagsOf(const TagSpec& t, const Value& tags) {
  if (!tags.is_object()) return UserTags(tags.is_array() ? StandardTagList(t, tags) : Value::array());
  Value out = Value::object();
  for (const auto& [k, v] : tags.items()) {
    if (!IsManagedTagKey(k)) out[k] = v;
  }
  return out;
}

const AttrSpec* AttrOf(const ResourceSpec& spec, const std::string& name) {
  for (const AttrSpec& a : spec.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// The attributes' default values: what a new resource has without an update call.
Value Defaults(const ResourceSpec& spec) {
  Value out = Value::object();
  for (const AttrSpec& a : spec.attributes) {
    if (a.default_value) out[a.name] = *a.default_value;
    if (a.initial_value) out[a.name] = *a.initial_value;
  }
  return out;
}

// Whether an attribute's two values say the same: an unordered list in any order.
bool SameValue(const AttrSpec* a, const Value& x, const Value& y) {
  if (a == nullptr || !a->unordered || !x.is_array() || !y.is_array()) return x == y;
  std::vector<std::string> xs, ys;
  for (const Value& v : x) xs.push_back(v.dump());
  for (const Value& v : y) ys.push_back(v.dump());
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  return xs == ys;
}

// The waiting period of a delete that only schedules it (DeleteSpec::waiting_attribute).
int64_t WaitingDays(const ResourceSpec& spec, const Value& v) {
  const Value days = v.value(spec.del.waiting_attribute, Value());
  if (days.is_number_integer()) return days.get<int64_t>();
  for (const AttrSpec& a : spec.attributes) {
    if (a.name == spec.del.waiting_attribute && a.default_value && a.default_value->is_number_integer()) {
      return a.default_value->get<int64_t>();
    }
  }
  return kMaxWaitingDays;
}

Status CheckWaitingDays(const ResourceSpec& spec, const OperationContext& ctx, const Value& v) {
  if (spec.del.waiting_attribute.empty()) return Status::Ok();
  int64_t days = WaitingDays(spec, v);
  if (days >= kMinWaitingDays && days <= kMaxWaitingDays) return Status::Ok();
  return Status::InvalidArgument(spec.del.waiting_attribute + " of " + ctx.address.ToString() +
                                 " must be between 7 and 30 days, found " + std::to_string(days));
}

}  // namespace

std::string RequestToken(const std::string& idempotency_token, size_t min_length, size_t max_length,
                         bool word_only) {
  bool fits = idempotency_token.size() >= min_length;
  for (char c : idempotency_token) fits = fits && (!word_only || std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!fits || (word_only && idempotency_token.size() > max_length)) {
    return Sha256Hex(idempotency_token).substr(0, max_length);
  }
  return idempotency_token.substr(0, max_length);
}

std::string CommonPrefix(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string prefix = names[0];
  for (const std::string& n : names) {
    size_t i = 0;
    while (i < prefix.size() && i < n.size() && prefix[i] == n[i]) ++i;
    prefix.resize(i);
  }
  return prefix;
}

Value AtPath(const Value& v, const std::string& path) {
  const Value* at = &v;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string step = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (at->is_array() && at->size() == 1) at = &(*at)[0];  // a one-item list: its item
    if (!at->is_object() || !at->contains(step)) return Value();
    at = &(*at)[step];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *at;
}

void SetPath(Value* v, const std::string& path, Value value) {
  size_t dot = path.find('.');
  if (dot == std::string::npos) {
    (*v)[path] = std::move(value);
    return;
  }
  Value& next = (*v)[path.substr(0, dot)];
  if (!next.is_object()) next = Value::object();
  SetPath(&next, path.substr(dot + 1), std::move(value));
}

const std::string& OperationChoice::For(const std::string& otherwise, const Value& v) const {
  if (attribute.empty()) return otherwise;
  auto it = operations.find(GetString(v, attribute));
  return it == operations.end() ? otherwise : it->second;
}

ResourceSchema SchemaOf(const ResourceSpec& spec) {
  ResourceSchema s;
  s.type = spec.type;
  s.description = spec.description;
  s.holds_data = spec.holds_data;
  if (spec.typical_create.count() > 0) s.typical_create = spec.typical_create;
  bool placed = std::any_of(spec.attributes.begin(), spec.attributes.end(),
                            [](const AttrSpec& a) { return a.name == "tags"; });
  bool tags_added = spec.tags.style == TagStyle::kNone || placed;
  for (const AttrSpec& a : spec.attributes) {
    if (a.name == "tags") {
      s.attributes.push_back(TagsAttribute());
      continue;
    }
    if (a.computed && !tags_added) {
      s.attributes.push_back(TagsAttribute());
      tags_added = true;
    }
    s.attributes.push_back(AttributeSchema{.name = a.name, .type = a.type, .required = a.required,
                                           .computed = a.computed, .force_new = a.force_new,
                                           .secret = a.secret, .stable = a.stable,
                                           .unordered = a.unordered, .json = a.json,
                                           .description = a.description,
                                           .default_value = a.default_value});
    s.attributes.back().monotonic = a.monotonic;
  }
  if (!tags_added) s.attributes.push_back(TagsAttribute());
  return s;
}

namespace {

AwsTypeDeps WithPollTimeout(AwsTypeDeps deps, std::chrono::milliseconds at_least) {
  deps.poll.timeout = std::max(deps.poll.timeout, at_least);
  return deps;
}

}  // namespace

SpecResourceType::SpecResourceType(AwsTypeDeps deps, ResourceSpec spec)
    : AwsResourceType(WithPollTimeout(std::move(deps), spec.poll_timeout), SchemaOf(spec)), spec_(std::move(spec)) {}

Result<Value> SpecResourceType::Call(const std::string& operation, const Value& input) const {
  Result<Value> out = client()->Call(spec_.service, operation, input);
  if (out.ok()) return out;
  Status status = out.status();
  for (const AttrSpec& a : spec_.attributes) {
    if (!a.secret) continue;
    std::vector<std::string> paths = {a.create_member};
    for (const UpdateSpec& u : spec_.updates) {
      for (const auto& [attr, member] : u.members) {
        if (attr == a.name) paths.push_back(member);
      }
    }
    for (const std::string& p : paths) {
      Value v = p.empty() ? Value() : AtPath(input, p);
      if (v.is_string()) status = Redacted(status, v.get<std::string>());
    }
  }
  return status;
}

std::string SpecResourceType::TokenFor(const OperationContext& ctx) const {
  std::call_once(token_once_, [&] {
    Result<const aws::ServiceModel*> model = aws::ModelRegistry::Embedded().Get(spec_.service);
    const aws::Operation* op = model.ok() ? (*model)->FindOperation(spec_.create.operation) : nullptr;
    const aws::Shape* shape = op != nullptr && op->input != nullptr && !spec_.create.token_member.empty()
                                  ? ShapeAtPath(op->input, spec_.create.token_member)
                                  : nullptr;
    token_min_length_ = shape != nullptr && shape->min ? static_cast<size_t>(*shape->min) : 0;
    if (shape != nullptr && shape->max && *shape->max > 0 && *shape->max < 64) {
      token_max_length_ = static_cast<size_t>(*shape->max);
    }
    token_word_only_ = shape != nullptr && shape->pattern == "\\w+";
  });
  return RequestToken(ctx.idempotency_token, token_min_length_, token_max_length_, token_word_only_);
}

Value SpecResourceType::Key(const std::string& id, const Value& desired) const {
  Value key = desired.is_object() ? desired : Value::object();
  key["id"] = id;
  if (spec_.key_attribute != "id" && spec_.id_parts.empty()) key[spec_.key_attribute] = id;
  return key;
}

std::string SpecResourceType::KeyOf(const Value& v) const {
  if (spec_.hooks.id_of) return spec_.hooks.id_of(v);
  if (spec_.id_parts.empty()) return GetString(v, spec_.key_attribute);
  std::string id;
  for (const std::string& part : spec_.id_parts) {
    id += (id.empty() ? "" : spec_.id_separator) + GetString(v, part);
  }
  return id;
}

void SpecResourceType::SetMembers(const std::vector<std::pair<std::string, std::string>>& members,
                                  const Value& from, Value* input) {
  for (const auto& [attr, member] : members) {
    if (!member.empty() && !from.value(attr, Value()).is_null()) SetPath(input, member, from[attr]);
  }
}

namespace {

// The first per-item error of a batch call that answered 200 (`member`: "Unsuccessful"), as a
// failure with its code as the reason; an item without an Error says why in ProcessingResult
// (Security Hub's UnprocessedAccounts).
Status UnsuccessfulOf(const Result<Value>& out, const std::string& member, const std::string& what) {
  if (!out.ok() || member.empty()) return out.status();
  for (const Value& u : AtPath(*out, member).is_array() ? AtPath(*out, member) : Value::array()) {
    if (!u.contains("Error") && u.contains("ProcessingResult")) {
      return Status::FailedPrecondition(what + ": " + GetString(u, "ProcessingResult"));
    }
    const Value err = u.value("Error", Value::object());
    return Status::FailedPrecondition(what + ": " + GetString(err, "Code") + ": " + GetString(err, "Message"))
        .WithReason(GetString(err, "Code"));
  }
  return Status::Ok();
}

}  // namespace

Result<Value> SpecResourceType::Create(const OperationContext& ctx, const Value& desired) {
  RETURN_IF_ERROR(CheckWaitingDays(spec_, ctx, desired));
  if (spec_.hooks.validate) RETURN_IF_ERROR(spec_.hooks.validate(ctx, desired));
  ASSIGN_OR_RETURN(Value input, CreateInput(ctx, desired));
  if (spec_.hooks.create_input) RETURN_IF_ERROR(spec_.hooks.create_input(Env(ctx), desired, &input));
  if (!spec_.account_member.empty()) {
    ASSIGN_OR_RETURN(std::string account, Account());
    SetPath(&input, spec_.account_member, account);
  }
  const std::string& operation = spec_.create.choice.For(spec_.create.operation, desired);
  auto create = [&]() -> Result<Value> {
    Result<Value> out = Call(operation, input);
    if (Status failed = UnsuccessfulOf(out, spec_.create.unsuccessful_member, spec_.type + " not created");
        out.ok() && !failed.ok()) {
      out = failed;
    }
    if (auto hint = spec_.create.explained_codes.find(out.status().reason());
        !out.ok() && hint != spec_.create.explained_codes.end()) {
      out = out.status().WithContext(hint->second);
    }
    return out;
  };
  Result<Value> out = create();
  if (!out.ok() && Contains(spec_.create.conflict_codes, out.status().reason()) && spec_.hooks.await_deletion) {
    ASSIGN_OR_RETURN(bool waited, spec_.hooks.await_deletion(Env(ctx), ctx, desired));
    if (waited) out = create();  // the name is free again
  }
  if (!out.ok()) {
    bool pending = Contains(spec_.create.pending_codes, out.status().reason());
    if (!pending && !Contains(spec_.create.conflict_codes, out.status().reason())) return out.status();
    ASSIGN_OR_RETURN(std::optional<Value> found, Find(ctx, desired));
    if (!found && pending) return out.status();
    if (!found) return out.status().WithContext(spec_.type + " exists and was not made by this platform");
    return Update(ctx, *found, desired);  // ours, from a run that stopped after the create
  }
  std::string id;
  if (spec_.singleton) {
    ASSIGN_OR_RETURN(id, Account());
  } else if (spec_.create.id_output.empty()) {
    id = KeyOf(desired);
  } else {
    Value v = AtPath(*out, spec_.create.id_output);
    if (v.is_array() && v.size() == 1) v = v[0];
    if (v.is_string()) id = v.get<std::string>();
    if (spec_.read.key_last_step) id = id.substr(id.rfind('/') + 1);
  }
  if (id.empty() && spec_.find == FindStyle::kByContent) {  // an older API's answer: found by content
    ASSIGN_OR_RETURN(std::optional<Value> found, Find(ctx, desired));
    if (found) id = GetString(*found, "id");
  }
  if (id.empty()) return Status::Internal(operation + " returned no " + spec_.create.id_output);
  // The resource exists: journaled before any further call can fail (docs/reliability.md) —
  // as complete when what is left is only a wait and the read-back (an interrupted wait then
  // keeps it rather than replacing it: a NAT gateway carries a zone's traffic).
  const std::string token = TokenFor(ctx);
  bool steps_left = spec_.tags.style == TagStyle::kRoute53 || spec_.tags.after_create || spec_.hooks.after_create ||
                    !UpdateCalls(id, Defaults(spec_), desired, token, /*only_not_created=*/true).empty();
  if (steps_left) {
    ctx.Created(Key(id, desired));
  } else {
    ctx.CreatedComplete(Key(id, desired));
  }
  RETURN_IF_ERROR(TagAfterCreate(ctx, Key(id, desired), desired));
  RETURN_IF_ERROR(WaitChange(ctx, *out, id));
  if (!spec_.create_waiter.empty()) {
    RETURN_IF_ERROR(Wait(ctx, spec_.create_waiter, Key(id, desired)));
  }
  if (spec_.hooks.wait_usable) RETURN_IF_ERROR(spec_.hooks.wait_usable(Env(ctx), ctx, Key(id, desired)));
  // What the create call does not take: set unless the desired value is AWS's default.
  RETURN_IF_ERROR(ApplyUpdates(ctx, &id, id, Defaults(spec_), desired, token, /*only_not_created=*/true));
  // Complete once read back, unless a hook still has steps to do.
  ASSIGN_OR_RETURN(Value got, ReadWritten(ctx, Key(id, desired), /*create_done=*/!spec_.hooks.after_create));
  if (spec_.hooks.after_create) RETURN_IF_ERROR(spec_.hooks.after_create(Env(ctx), ctx, got));
  return WaitReady(ctx, std::move(got));
}

Status SpecResourceType::WaitChange(const OperationContext& ctx, const Value& answer, const std::string& what) const {
  const ChangeWaitSpec& w = spec_.change_wait;
  Value change = w.waiter.empty() ? Value() : AtPath(answer, w.id_output);
  if (!change.is_string() || change.get<std::string>().empty()) return Status::Ok();
  Value input = Value::object();
  SetPath(&input, w.id_member, change);
  return RunWaiterOn(deps_, ctx, spec_.service, w.waiter, input, spec_.type + " " + what);
}

Status SpecResourceType::Wait(const OperationContext& ctx, const std::string& waiter, const Value& attrs) const {
  if (spec_.waiter_members.empty()) {
    return RunWaiter(deps_, ctx, spec_.service, waiter, spec_.waiter_id_member, KeyOf(attrs));
  }
  Value input = Value::object();
  SetMembers(spec_.waiter_members, attrs, &input);
  return RunWaiterOn(deps_, ctx, spec_.service, waiter, input, KeyOf(attrs));
}

Result<Value> SpecResourceType::ReadWritten(const OperationContext& ctx, const Value& key, bool create_done) {
  if (!spec_.hooks.written) return ReadBack(ctx, key, create_done);
  if (create_done) {
    ctx.CreatedComplete(key);
  } else {
    ctx.Created(key);
  }
  return spec_.hooks.written(key);
}

Result<Value> SpecResourceType::WaitReady(const OperationContext& ctx, Value got) {
  if (!spec_.hooks.ready || spec_.hooks.ready(got)) return got;
  const Value key = got;
  bool looked = true;  // `got` is the first look: the next comes after a pause
  RETURN_IF_ERROR(poller().Until(ctx, "waiting for " + spec_.type + " " + GetString(key, "id"),
                                 [&](std::string* state) -> Result<bool> {
                                   if (std::exchange(looked, false)) {
                                     *state = "not ready yet";
                                     return false;
                                   }
                                   ASSIGN_OR_RETURN(auto read, Read({ReadRequest{ctx.address, key}}));
                                   *state = read[0] ? "not ready yet" : "not visible yet";
                                   if (read[0]) got = std::move(*read[0]);
                                   return read[0] && spec_.hooks.ready(got);
                                 }));
  return got;
}

Result<Value> SpecResourceType::CreateInput(const OperationContext& ctx, const Value& desired) const {
  Value input = Value::object();
  for (const AttrSpec& a : spec_.attributes) {
    if (a.create_member.empty() || !desired.contains(a.name) || desired[a.name].is_null()) continue;
    if (desired[a.name] == "") continue;  // AWS's own default: never sent (some members refuse it)
    SetPath(&input, a.create_member, a.create_in_list ? Value::array({desired[a.name]}) : desired[a.name]);
  }
  if (!spec_.create.token_member.empty() && !ctx.idempotency_token.empty()) {
    SetPath(&input, spec_.create.token_member, TokenFor(ctx));
  }
  for (const auto& [member, value] : spec_.create.constants.items()) SetPath(&input, member, value);
  const TagSpec& t = spec_.tags;
  if (t.after_create) return input;  // tagged right after the create: TagAfterCreate
  switch (t.style) {
    case TagStyle::kNone:
      return input;
    case TagStyle::kEc2TagSpecifications:
      SetPath(&input, t.create_member, TagSpecifications(t.ec2_resource_type, TagsForCreate(ctx, desired)));
      return input;
    case TagStyle::kMap:
      SetPath(&input, t.create_member, TagsForCreate(ctx, desired));
      return input;
    case TagStyle::kKeyValueList:
    case TagStyle::kArnBased:
    case TagStyle::kIam:
      SetPath(&input, t.create_member, TagListOf(t, TagsForCreate(ctx, desired)));
      return input;
    case TagStyle::kRoute53:
      return input;  // CreateHostedZone takes no tags: TagAfterCreate
  }
  return Status::Internal(spec_.type + ": unknown tag style");
}

Result<std::vector<Value>> SpecResourceType::ReadItems(const std::vector<std::string>& keys) const {
  const ReadSpec& r = spec_.read;
  if (keys.empty()) return std::vector<Value>();
  if (spec_.hooks.read_items) return spec_.hooks.read_items(Env(), keys);
  switch (r.style) {
    case ReadStyle::kDescribeByFilter:
      return DescribeByFilter(client(),
                              DescribeQuery{.service = spec_.service, .operation = r.operation,
                                            .filter_member = r.filter_member,
                                            .filter_name = r.filter_name, .result_key = r.result_key},
                              keys);
    case ReadStyle::kListAndMatch:
      break;
    case ReadStyle::kGetEach:
      return Status::Internal(spec_.type + ": a get-each read has no listing");
  }
  Value input = Value::object();
  std::string prefix = CommonPrefix(keys);
  if (!r.prefix_member.empty() && !prefix.empty()) SetPath(&input, r.prefix_member, prefix);
  ASSIGN_OR_RETURN(Value out, client()->CallAllPages(spec_.service, r.operation, input));
  Value items = AtPath(out, r.result_key);
  return items.is_array() ? items.get<std::vector<Value>>() : std::vector<Value>();
}

namespace {

// `format` with {region}, {account}, {id}, {path} (the id without a leading '/') and
// {Member} (a string member of the read item) replaced.
std::string FormatArn(const std::string& format, const std::string& region, const std::string& account,
                      const std::string& id, const Value& item) {
  std::string out;
  for (size_t at = 0; at < format.size();) {
    size_t open = format.find('{', at), close = format.find('}', open);
    if (open == std::string::npos || close == std::string::npos) {
      out += format.substr(at);
      break;
    }
    out += format.substr(at, open - at);
    std::string field = format.substr(open + 1, close - open - 1);
    if (field == "region") out += region;
    else if (field == "account") out += account;
    else if (field == "id") out += id;
    else if (field == "path") out += id.rfind('/', 0) == 0 ? id.substr(1) : id;
    else out += GetString(item, field);
    at = close + 1;
  }
  return out;
}

}  // namespace

std::string SpecResourceType::ItemKey(const Value& item) const {
  std::string key = GetString(item, spec_.read.item_key);
  return spec_.read.key_last_step ? key.substr(key.rfind('/') + 1) : key;
}

Result<std::optional<Value>> SpecResourceType::ToAttributes(const Value& item, const Value& prior,
                                                            const std::string& account) const {
  std::string key = spec_.read.item_key.empty() ? KeyOf(prior) : ItemKey(item);  // a get: the key asked
  Value attrs = {{"id", key}};
  if (spec_.id_parts.empty()) attrs[spec_.key_attribute] = key;
  for (const AttrSpec& a : spec_.attributes) {
    if (a.read_member.empty()) continue;
    Value v = AtPath(item, a.read_member);
    if (!v.is_null()) attrs[a.name] = std::move(v);
  }
  if (!spec_.arn_format.empty() && GetString(attrs, "arn").empty()) {
    attrs["arn"] = FormatArn(spec_.arn_format, region(), account, key, item);
  }
  if (spec_.tags.style != TagStyle::kNone) {
    attrs["tags"] = spec_.tags.read_member.empty() ? prior.value("tags", Value::object())
                                                    : UserTagsOf(spec_.tags, AtPath(item, spec_.tags.read_member));
  }
  if (spec_.hooks.read && !spec_.hooks.read(Env(), item, prior, &attrs)) return std::optional<Value>();
  if (spec_.hooks.read_detail) {
    Status s = spec_.hooks.read_detail(Env(), prior, &attrs);
    if (IsNotFound(s) || Contains(spec_.del.gone_codes, s.reason())) return std::optional<Value>();  // gone meanwhile
    RETURN_IF_ERROR(s);
  }
  return std::optional<Value>(std::move(attrs));
}

Result<std::vector<std::optional<Value>>> SpecResourceType::Read(const std::vector<ReadRequest>& requests) {
  ASSIGN_OR_RETURN(std::vector<std::optional<Value>> read, ReadAll(requests));
  if (spec_.hooks.read_group && std::any_of(read.begin(), read.end(), [](const auto& r) { return r.has_value(); })) {
    RETURN_IF_ERROR(spec_.hooks.read_group(Env(), &read));
  }
  if (spec_.del.waiting_attribute.empty()) return read;
  for (size_t i = 0; i < read.size() && i < requests.size(); ++i) {  // kept as applied
    if (read[i]) (*read[i])[spec_.del.waiting_attribute] = WaitingDays(spec_, requests[i].prior);
  }
  return read;
}

Result<std::vector<std::optional<Value>>> SpecResourceType::ReadAll(const std::vector<ReadRequest>& requests) {
  if (spec_.hooks.read_batch) return spec_.hooks.read_batch(Env(), requests);
  if (spec_.singleton) return ReadSingleton(requests);
  if (spec_.read.style == ReadStyle::kGetEach) return ReadEach(requests);
  ASSIGN_OR_RETURN(std::vector<Value> items, ReadItems(PriorValues(requests, FilterAttribute())));
  std::map<std::string, Value> by_key;
  for (Value& item : items) by_key.emplace(ItemKey(item), std::move(item));
  std::string account;
  if (spec_.arn_format.find("{account}") != std::string::npos && !items.empty()) {
    ASSIGN_OR_RETURN(account, Account());
  }
  // Each found resource's attributes; in parallel when a call of its own completes them.
  std::vector<Result<std::optional<Value>>> read(requests.size(), std::optional<Value>());
  ParallelFor(requests.size(), spec_.hooks.read_detail ? kReadParallelism : 1, [&](size_t i) {
    auto it = by_key.find(GetString(requests[i].prior, spec_.key_attribute));
    if (it != by_key.end()) read[i] = ToAttributes(it->second, requests[i].prior, account);
  });
  std::vector<std::optional<Value>> result;
  for (Result<std::optional<Value>>& r : read) {
    ASSIGN_OR_RETURN(std::optional<Value> attrs, std::move(r));
    result.push_back(std::move(attrs));
  }
  RETURN_IF_ERROR(ReadRoute53Tags(&result));
  return result;
}

Result<std::optional<Value>> SpecResourceType::GetItem(const Value& key) const {
  Value input = Value::object();
  SetMembers(spec_.read.get_members, key, &input);
  Result<Value> out = Call(spec_.read.operation, input);
  if (!out.ok() && (IsNotFound(out.status()) || Contains(spec_.del.gone_codes, out.status().reason()))) {
    return std::optional<Value>();
  }
  if (!out.ok()) return out.status();
  Value item = spec_.read.result_key.empty() ? *out : AtPath(*out, spec_.read.result_key);  // "": the answer
  return item.is_object() ? std::optional<Value>(std::move(item)) : std::nullopt;
}

Result<std::vector<std::optional<Value>>> SpecResourceType::ReadEach(const std::vector<ReadRequest>& requests) const {
  std::string account;
  if (spec_.arn_format.find("{account}") != std::string::npos && !requests.empty()) {
    ASSIGN_OR_RETURN(account, Account());
  }
  std::vector<Result<std::optional<Value>>> read(requests.size(), std::optional<Value>());
  ParallelFor(requests.size(), kReadParallelism, [&](size_t i) {
    Result<std::optional<Value>> item = GetItem(requests[i].prior);
    if (!item.ok() || !*item) {
      read[i] = std::move(item);
      return;
    }
    read[i] = ToAttributes(**item, requests[i].prior, account);
  });
  std::vector<std::optional<Value>> out;
  for (Result<std::optional<Value>>& r : read) {
    ASSIGN_OR_RETURN(std::optional<Value> got, std::move(r));
    out.push_back(std::move(got));
  }
  return out;
}

Result<std::vector<std::optional<Value>>> SpecResourceType::ReadSingleton(
    const std::vector<ReadRequest>& requests) const {
  std::vector<std::optional<Value>> result(requests.size());
  ASSIGN_OR_RETURN(std::string account, Account());
  Value input = Value::object();
  if (!spec_.account_member.empty()) SetPath(&input, spec_.account_member, account);
  Result<Value> out = Call(spec_.read.operation, input);
  if (!out.ok() && (IsNotFound(out.status()) || Contains(spec_.del.gone_codes, out.status().reason()))) {
    return result;
  }
  if (!out.ok()) return out.status();
  Value item = spec_.read.result_key.empty() ? *out : AtPath(*out, spec_.read.result_key);
  if (item.is_null()) return result;
  for (size_t i = 0; i < requests.size(); ++i) {
    ASSIGN_OR_RETURN(result[i], ToAttributes(item, requests[i].prior, account));
    if (result[i]) (*result[i])["id"] = account;
  }
  return result;
}

Status SpecResourceType::ApplyUpdates(const OperationContext& ctx, std::string* id, const std::string& key,
                                      const Value& prior, const Value& desired, const std::string& token,
                                      bool only_not_created) const {
  // One call: `*id` becomes the new id it gives (never from a parallel call: CheckSpec).
  auto make = [&](UpdateCall& call, std::string* new_id) -> Status {
    if (call.spec->apply) return call.spec->apply(Env(ctx), key, prior, desired);
    if (call.spec->fill) RETURN_IF_ERROR(call.spec->fill(Env(ctx), prior, desired, &call.input));
    if (call.spec->changed_only && std::none_of(call.spec->members.begin(), call.spec->members.end(), [&](const auto& m) {
          return !m.second.empty() && !AtPath(call.input, m.second).is_null();
        })) {
      return Status::Ok();  // the fill found nothing to change (a version AWS runs already)
    }
    Result<Value> out = Call(call.operation, call.input);
    if (!out.ok() && Contains(call.spec->retry_codes, out.status().reason())) {  // not now: look again
      RETURN_IF_ERROR(poller().Until(ctx, call.operation + " " + *new_id, [&](std::string* state) -> Result<bool> {
        out = Call(call.operation, call.input);
        if (out.ok() || !Contains(call.spec->retry_codes, out.status().reason())) return true;
        *state = out.status().reason();
        return false;
      }));
    }
    if (!out.ok() && Contains(call.spec->done_codes, out.status().reason())) return Status::Ok();
    RETURN_IF_ERROR(out.status());
    RETURN_IF_ERROR(WaitChange(ctx, *out, *new_id));
    if (spec_.hooks.after_update) {
      RETURN_IF_ERROR(spec_.hooks.after_update(Env(ctx), *call.spec, *out, Key(*new_id, desired)));
    }
    if (call.spec->id_output.empty()) return Status::Ok();
    Value v = AtPath(*out, call.spec->id_output);
    if (!v.is_string() || v.get<std::string>().empty()) {
      return Status::Internal(call.operation + " returned no " + call.spec->id_output);
    }
    *new_id = v.get<std::string>();
    return Status::Ok();
  };
  std::vector<UpdateCall> calls = UpdateCalls(key, prior, desired, token, only_not_created);
  std::vector<UpdateCall*> alongside, in_order;
  for (UpdateCall& call : calls) (call.spec->parallel ? alongside : in_order).push_back(&call);
  auto chain = [&]() -> Status {
    for (UpdateCall* call : in_order) RETURN_IF_ERROR(make(*call, id));
    return Status::Ok();
  };
  if (alongside.empty()) return chain();
  // The independent calls each at once, beside the ordered ones.
  std::vector<Status> done(alongside.size() + 1);
  const std::string id_before = *id;  // the chain may change *id meanwhile
  ParallelFor(done.size(), done.size(), [&](size_t i) {
    std::string same = id_before;
    done[i] = i < alongside.size() ? make(*alongside[i], &same) : chain();
  });
  for (const Status& s : done) RETURN_IF_ERROR(s);
  return Status::Ok();
}

std::vector<SpecResourceType::UpdateCall> SpecResourceType::UpdateCalls(const std::string& key, const Value& prior,
                                                                        const Value& desired,
                                                                        const std::string& token,
                                                                        bool only_not_created) const {
  std::vector<UpdateCall> calls;
  for (const UpdateSpec& u : spec_.updates) {
    if (u.applies && !u.applies(desired)) continue;
    bool changed = false, all_unset = true, all_created = true;
    std::vector<std::pair<std::string, std::string>> send;  // with changed_only: what changed
    for (const auto& [attr, member] : u.members) {
      const AttrSpec* a = AttrOf(spec_, attr);
      // A computed attribute the config leaves out is AWS's to choose: never a change.
      bool left_to_aws = a != nullptr && a->computed && desired.value(attr, Value()).is_null();
      // A secret's prior is only its fingerprint: sent again whenever the config gives one.
      bool secret = a != nullptr && a->secret;
      // Left out: the schema's default (the engine gives it; a caller may not).
      const Value want = desired.value(attr, a != nullptr && a->default_value ? *a->default_value : Value());
      bool differs = secret ? !want.is_null() : !SameValue(a, prior.value(attr, Value()), want);
      changed |= !left_to_aws && differs;
      if (!left_to_aws && differs) send.emplace_back(attr, member);
      all_unset &= want.is_null() || (u.false_is_unset && want == false);
      all_created &= a != nullptr && !a->create_member.empty();
    }
    if (!changed || (only_not_created && all_created)) continue;
    Value input = Value::object();
    if (!u.key_member.empty()) SetPath(&input, u.key_member, key);
    if (!u.token_member.empty() && !token.empty()) SetPath(&input, u.token_member, token);
    SetMembers(u.sent_members, desired, &input);
    if (!u.item_member.empty() || !u.added_member.empty()) {
      ItemCalls(u, input, prior, desired, &calls);
      continue;
    }
    if ((all_unset || (u.unset_when && u.unset_when(desired))) && !u.unset_operation.empty()) {
      if (u.false_is_unset) {
        for (const auto& [member, value] : u.constants.items()) input[member] = value;
      }
      calls.push_back({u.unset_operation, std::move(input), &u});
      continue;
    }
    Value given = desired;  // left out: the schema's default, as for the comparison above
    for (const auto& [attr, member] : u.members) {
      const AttrSpec* a = AttrOf(spec_, attr);
      if (a != nullptr && a->default_value && given.value(attr, Value()).is_null()) given[attr] = *a->default_value;
    }
    SetMembers(u.changed_only ? send : u.members, given, &input);
    SetMembers(u.prior_members, prior, &input);
    for (const auto& [member, value] : u.constants.items()) input[member] = value;
    calls.push_back({u.operation, std::move(input), &u});
  }
  return calls;
}

void SpecResourceType::ItemCalls(const UpdateSpec& u, const Value& input, const Value& prior, const Value& desired,
                                 std::vector<UpdateCall>* calls) {
  if (u.members.empty()) return;
  const std::string& attr = u.members.front().first;
  auto items = [&](const Value& v) {
    std::set<std::string> out;
    for (const Value& x : v.value(attr, Value::array())) {
      if (x.is_string()) out.insert(x.get<std::string>());
    }
    return out;
  };
  const std::set<std::string> before = items(prior), after = items(desired);
  if (!u.added_member.empty() && desired.value(attr, Value()).is_object()) {  // a map: changed entries, gone keys
    Value before_map = prior.value(attr, Value::object());
    if (!before_map.is_object()) before_map = Value::object();
    const Value after_map = desired[attr];
    Value call = input, added = Value::object(), removed = Value::array();
    for (const auto& [k, v] : after_map.items()) {
      if (before_map.value(k, Value()) != v) added[k] = v;
    }
    for (const auto& [k, v] : before_map.items()) {
      if (!after_map.contains(k)) removed.push_back(k);
    }
    if (!added.empty()) SetPath(&call, u.added_member, std::move(added));
    if (!removed.empty()) SetPath(&call, u.removed_member, std::move(removed));
    calls->push_back({u.operation, std::move(call), &u});
    return;
  }
  if (!u.added_member.empty()) {  // one call with both lists
    Value call = input, added = Value::array(), removed = Value::array();
    for (const std::string& item : after) {
      if (!before.count(item)) added.push_back(item);
    }
    for (const std::string& item : before) {
      if (!after.count(item)) removed.push_back(item);
    }
    if (!added.empty()) SetPath(&call, u.added_member, std::move(added));
    if (!removed.empty()) SetPath(&call, u.removed_member, std::move(removed));
    calls->push_back({u.operation, std::move(call), &u});
    return;
  }
  for (const std::string& item : after) {
    if (before.count(item)) continue;
    Value call = input;
    SetPath(&call, u.item_member, item);
    calls->push_back({u.operation, std::move(call), &u});
  }
  for (const std::string& item : before) {
    if (after.count(item) || u.unset_operation.empty()) continue;
    Value call = input;
    SetPath(&call, u.item_member, item);
    calls->push_back({u.unset_operation, std::move(call), &u});
  }
}

Status SpecResourceType::SyncTags(const OperationContext& ctx, const Value& prior, const Value& desired) {
  const TagSpec& t = spec_.tags;
  Value resource = t.style == TagStyle::kIam ? Value(KeyOf(prior)) : prior.value(t.resource_attribute, Value());
  Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
  Value tags = TagsForCreate(ctx, desired, /*with_token=*/false);
  switch (t.style) {
    case TagStyle::kNone:
      return Status::Ok();
    case TagStyle::kEc2TagSpecifications:
      return SyncEc2Tags(ctx, GetString(prior, "id"), prior, desired);
    case TagStyle::kKeyValueList:
    case TagStyle::kArnBased:
    case TagStyle::kIam:
      tags = TagListOf(t, tags);
      [[fallthrough]];
    case TagStyle::kMap: {
      if (resource.is_null() || resource == "") return Status::Ok();  // nothing to name it by
      // Unchanged: no call (not every resource of a service takes tags on every endpoint).
      if (prior.value("tags", Value::object()) == desired.value("tags", Value::object())) return Status::Ok();
      Value untag = t.resource_constants, tag = t.resource_constants;
      SetMembers(t.resource_members, prior, &untag);
      SetMembers(t.resource_members, prior, &tag);
      SetPath(&untag, t.resource_member, resource);
      SetPath(&tag, t.resource_member, resource);
      untag[t.keys_member] = removed;
      if (t.keys_as_tags) {
        untag[t.keys_member] = Value::array();
        for (const Value& k : removed) untag[t.keys_member].push_back({{t.key_name, k}});
      }
      SetPath(&tag, t.tags_member, tags);
      // No untag operation: the tag operation replaces the whole set.
      if (!removed.empty() && !t.untag_operation.empty()) RETURN_IF_ERROR(Call(t.untag_operation, untag).status());
      return Call(t.tag_operation, tag).status();
    }
    case TagStyle::kRoute53:
      return ChangeRoute53Tags(prior, TagMapToList(tags), removed);
  }
  return Status::Internal(spec_.type + ": unknown tag style");
}

std::string SpecResourceType::TagResourceOf(const Value& attrs) const {
  std::string resource = GetString(attrs, spec_.tags.resource_attribute);
  if (spec_.tags.style != TagStyle::kRoute53) return resource;
  return resource.substr(resource.rfind('/') + 1);  // "/hostedzone/Z1" -> "Z1"
}

Status SpecResourceType::ChangeRoute53Tags(const Value& attrs, const Value& add, const Value& remove) const {
  const TagSpec& t = spec_.tags;
  std::string resource = TagResourceOf(attrs);
  if (resource.empty() || (add.empty() && remove.empty())) return Status::Ok();
  Value input = t.resource_constants;
  input[t.resource_member] = resource;
  if (!add.empty()) input[t.tags_member] = add;
  if (!remove.empty()) input[t.keys_member] = remove;
  return Call(t.tag_operation, input).status();
}

Status SpecResourceType::TagAfterCreate(const OperationContext& ctx, const Value& key, const Value& desired) const {
  const TagSpec& t = spec_.tags;
  if (t.style == TagStyle::kRoute53) return ChangeRoute53Tags(key, TagMapToList(TagsForCreate(ctx, desired)), Value::array());
  if (!t.after_create) return Status::Ok();
  Value input = t.resource_constants;
  SetMembers(t.resource_members, key, &input);
  SetPath(&input, t.resource_member, key.value(t.resource_attribute, Value()));
  SetPath(&input, t.tags_member, TagListOf(t, TagsForCreate(ctx, desired)));
  return poller().Until(ctx, "tagging " + spec_.type + " " + KeyOf(key), [&](std::string* state) -> Result<bool> {
    Status s = Call(t.tag_operation, input).status();
    if (!s.ok() && Contains(t.not_yet_codes, s.reason())) {
      *state = "not visible yet";
      return false;
    }
    RETURN_IF_ERROR(s);
    return true;
  });
}

Status SpecResourceType::ReadRoute53Tags(std::vector<std::optional<Value>>* read) const {
  constexpr size_t kIdsPerCall = 10;  // ListTagsForResources' limit
  const TagSpec& t = spec_.tags;
  if (t.style != TagStyle::kRoute53 || t.batch_list_operation.empty()) return Status::Ok();
  std::map<std::string, std::vector<Value*>> by_id;
  for (std::optional<Value>& a : *read) {
    if (a) by_id[TagResourceOf(*a)].push_back(&*a);
  }
  std::vector<std::string> ids;
  for (const auto& [id, attrs] : by_id) ids.push_back(id);
  auto set_tags = [&](const std::string& id, const Value& tags) {
    auto it = by_id.find(id.substr(id.rfind('/') + 1));
    if (it == by_id.end()) return;
    for (Value* a : it->second) (*a)["tags"] = UserTagsOf(t, tags);
  };
  for (size_t start = 0; start < ids.size(); start += kIdsPerCall) {
    Value input = t.resource_constants;
    size_t end = std::min(ids.size(), start + kIdsPerCall);
    input[t.batch_ids_member] = std::vector<std::string>(ids.begin() + static_cast<ptrdiff_t>(start),
                                                         ids.begin() + static_cast<ptrdiff_t>(end));
    if (!unsupported_.IsKnownUnsupported(spec_.service, t.batch_list_operation)) {
      Result<Value> out = Call(t.batch_list_operation, input);
      if (out.ok()) {
        for (const Value& set : out->value(t.batch_result, Value::array())) {
          set_tags(GetString(set, t.resource_member), set.value("Tags", Value::array()));
        }
        continue;
      }
      if (t.list_operation.empty() ||
          !unsupported_.RememberIfUnsupported(spec_.service, t.batch_list_operation, out.status())) {
        return out.status();
      }
    }
    // The endpoint lacks the batch form (remembered for the rest of the run): one call a resource.
    for (size_t i = start; i < end; ++i) {
      Value one = t.resource_constants;
      one[t.resource_member] = ids[i];
      ASSIGN_OR_RETURN(Value out, Call(t.list_operation, one));
      set_tags(ids[i], AtPath(out, t.list_result));
    }
  }
  return Status::Ok();
}

Result<std::optional<Value>> SpecResourceType::ManagedTagList(const Value& attrs) const {
  const TagSpec& t = spec_.tags;
  if (!t.list_operation.empty()) {
    Value input = t.resource_constants;
    SetMembers(t.resource_members, attrs, &input);
    input[t.resource_member] = TagResourceOf(attrs);
    Result<Value> out = Call(t.list_operation, input);
    if (!out.ok() && Contains(t.no_tags_codes, out.status().reason())) return std::optional<Value>(Value::array());
    if (!out.ok()) return out.status();
    return std::optional<Value>(StandardTagList(t, AtPath(*out, t.list_result)));
  }
  if (t.style == TagStyle::kNone || t.read_member.empty() || spec_.hooks.read_batch) return std::optional<Value>();
  if (spec_.read.style == ReadStyle::kGetEach) {
    ASSIGN_OR_RETURN(std::optional<Value> item, GetItem(attrs));
    return std::optional<Value>(item ? StandardTagList(t, AtPath(*item, t.read_member)) : Value());
  }
  std::string key = KeyOf(attrs);
  ASSIGN_OR_RETURN(std::vector<Value> items, ReadItems({GetString(attrs, FilterAttribute())}));
  for (const Value& item : items) {
    if (ItemKey(item) == key) {
      return std::optional<Value>(StandardTagList(t, AtPath(item, t.read_member)));
    }
  }
  return std::optional<Value>(Value());  // gone meanwhile: not adoptable
}

Result<std::optional<Value>> SpecResourceType::CheckOwnTags(const OperationContext& ctx, Value attrs) const {
  ASSIGN_OR_RETURN(std::optional<Value> read, ManagedTagList(attrs));
  if (!read) return std::optional<Value>(std::move(attrs));  // tags not readable: adopted by key
  Value list = read->is_object() ? TagMapToList(*read) : *read;
  if (!list.is_array()) return std::optional<Value>();
  if (list.empty() && spec_.hooks.adopt_untagged) {  // a create stopped before its tagging?
    ASSIGN_OR_RETURN(bool adopt, spec_.hooks.adopt_untagged(Env(ctx), attrs));
    if (!adopt) return std::optional<Value>();
    attrs["tags"] = Value::object();
    return std::optional<Value>(std::move(attrs));
  }
  // Another state's resource of the same platform and address is an error, never adopted.
  ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, list, spec_.type + " " + attrs.value("id", std::string())));
  if (!ours) return std::optional<Value>();
  attrs["tags"] = UserTags(list);
  return std::optional<Value>(std::move(attrs));
}

Result<Value> SpecResourceType::Update(const OperationContext& ctx, const Value& prior, const Value& desired) {
  RETURN_IF_ERROR(CheckWaitingDays(spec_, ctx, desired));
  if (spec_.hooks.replaced_in_update && spec_.hooks.replaced_in_update(prior, desired)) {
    ASSIGN_OR_RETURN(Value made, Create(ctx, desired));
    RETURN_IF_ERROR(Delete(ctx, prior));
    return made;
  }
  Value want = desired;
  if (spec_.hooks.update_desired) {
    ASSIGN_OR_RETURN(want, spec_.hooks.update_desired(Env(ctx), prior, desired));
  }
  // Named by its parts: a part changed in place (a record's name) names it anew.
  std::string id = spec_.id_parts.empty() ? GetString(prior, "id") : KeyOf(want);
  RETURN_IF_ERROR(ApplyUpdates(ctx, &id, KeyOf(prior), prior, want, TokenFor(ctx), false));
  RETURN_IF_ERROR(SyncTags(ctx, prior, want));
  ASSIGN_OR_RETURN(Value got, ReadWritten(ctx, Key(id, want), /*create_done=*/true));
  return WaitReady(ctx, std::move(got));
}

Status SpecResourceType::DeleteOnce(const OperationContext& ctx, const std::string& key, const Value& prior) const {
  if (spec_.hooks.before_delete) RETURN_IF_ERROR(spec_.hooks.before_delete(Env(ctx), key));
  Value input = Value::object();
  if (!spec_.del.key_member.empty()) {
    SetPath(&input, spec_.del.key_member, spec_.del.key_in_list ? Value::array({key}) : Value(key));
  }
  SetMembers(spec_.del.members, prior, &input);
  if (!spec_.del.waiting_member.empty()) SetPath(&input, spec_.del.waiting_member, WaitingDays(spec_, prior));
  for (const auto& [member, value] : spec_.del.constants.items()) SetPath(&input, member, value);
  if (spec_.hooks.delete_input) RETURN_IF_ERROR(spec_.hooks.delete_input(Env(ctx), prior, &input));
  Result<Value> out = Call(spec_.del.choice.For(spec_.del.operation, prior), input);
  RETURN_IF_ERROR(UnsuccessfulOf(out, spec_.del.unsuccessful_member, "deleting " + spec_.type + " " + key));
  return WaitChange(ctx, *out, key);
}

Status SpecResourceType::Delete(const OperationContext& ctx, const Value& prior) {
  RETURN_IF_ERROR(CheckWaitingDays(spec_, ctx, prior));
  std::string key = KeyOf(prior);
  Status s = DeleteOnce(ctx, key, prior);
  if (!s.ok() && Contains(spec_.del.retry_codes, s.reason())) {
    s = poller().Until(ctx, "deleting " + spec_.type + " " + key, [&](std::string* state) -> Result<bool> {
      if (spec_.hooks.after_delete_refused) RETURN_IF_ERROR(spec_.hooks.after_delete_refused(Env(ctx), key));
      Status d = DeleteOnce(ctx, key, prior);
      if (d.ok()) return true;
      if (!Contains(spec_.del.retry_codes, d.reason())) return d;
      *state = d.reason();
      return false;
    });
  }
  if (IsNotFound(s) || Contains(spec_.del.gone_codes, s.reason())) return Status::Ok();
  if (s.ok() && spec_.hooks.after_delete) RETURN_IF_ERROR(spec_.hooks.after_delete(Env(ctx), ctx, prior));
  if (s.ok() && !spec_.del.waiting_attribute.empty()) {
    ctx.Progress(spec_.del.waiting_noun + " " + key + " scheduled for deletion in " +
                 std::to_string(WaitingDays(spec_, prior)) + " days");
  }
  if (!s.ok() || spec_.delete_waiter.empty()) return s;
  return Wait(ctx, spec_.delete_waiter, prior);
}

Result<std::optional<Value>> SpecResourceType::FindByTags(const OperationContext& ctx, const Value& desired) {
  DescribeQuery q{.service = spec_.service,
                  .operation = spec_.read.operation,
                  .filter_member = spec_.read.filter_member,
                  .filter_name = "tag:" + std::string(kTagAddress),
                  .result_key = spec_.read.result_key,
                  .extra_filters = Value::array(
                      {{{"Name", "tag:" + std::string(kTagPlatform)}, {"Values", {ctx.platform}}}})};
  ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(client(), q, {ctx.address.ToString()}));
  if (spec_.hooks.read) {  // what the read would not count (a NAT gateway being deleted) is not adopted
    std::erase_if(items, [&](const Value& item) {
      Value attrs = Value::object();
      return !spec_.hooks.read(Env(), item, Value::object(), &attrs);
    });
  }
  std::optional<Value> pick = PickAdoptable(ctx, items, spec_.tags.read_member);
  if (!pick) return std::optional<Value>();
  std::string id = ItemKey(*pick);
  if (!spec_.create_waiter.empty()) {
    RETURN_IF_ERROR(Wait(ctx, spec_.create_waiter, Key(id, desired)));
  }
  Value key = Key(id, Value::object());
  if (!spec_.read.filter_attribute.empty()) key[spec_.read.filter_attribute] = desired.value(spec_.read.filter_attribute, Value());
  ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, key));
  ASSIGN_OR_RETURN(Value ready, WaitReady(ctx, std::move(attrs)));
  return std::optional<Value>(std::move(ready));
}

Result<std::optional<Value>> SpecResourceType::Find(const OperationContext& ctx, const Value& desired) {
  switch (spec_.find) {
    case FindStyle::kNone:
      return std::optional<Value>();
    case FindStyle::kByTags:
      return FindByTags(ctx, desired);
    case FindStyle::kByKey:
    case FindStyle::kByToken:
    case FindStyle::kByContent:
      break;
  }
  std::string key = KeyOf(desired);
  if (spec_.hooks.find_key) {
    ASSIGN_OR_RETURN(std::optional<std::string> found, spec_.hooks.find_key(Env(ctx), ctx, desired));
    if (!found) return std::optional<Value>();
    key = *found;
  }
  if (spec_.find == FindStyle::kByToken) {  // ours by the token: tagged as the create would have
    RETURN_IF_ERROR(TagAfterCreate(ctx, Key(key, desired), desired));
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(key, desired)}}));
    return got[0];
  }
  ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(key, desired)}}));
  if (!got[0] && spec_.hooks.restore) {
    ASSIGN_OR_RETURN(bool restored, spec_.hooks.restore(Env(ctx), ctx, desired));
    if (restored) {
      ASSIGN_OR_RETURN(got, Read({ReadRequest{ctx.address, Key(key, desired)}}));
    }
  }
  if (!got[0] || (spec_.hooks.adoptable && !spec_.hooks.adoptable(desired, *got[0]))) {
    return std::optional<Value>();
  }
  if (spec_.find == FindStyle::kByContent) {  // no pave address: taken over (the update tags it)
    ASSIGN_OR_RETURN(std::optional<Value> tags, ManagedTagList(*got[0]));
    if (!tags || !tags->is_array() || !TagListToMap(*tags).contains(std::string(kTagAddress))) return got[0];
  }
  ASSIGN_OR_RETURN(std::optional<Value> mine, CheckOwnTags(ctx, *got[0]));
  if (!mine) return mine;
  if (!spec_.create_waiter.empty() || spec_.hooks.wait_usable) {  // what an interrupted create made may still be on its way
    if (!spec_.create_waiter.empty()) RETURN_IF_ERROR(Wait(ctx, spec_.create_waiter, *mine));
    if (spec_.hooks.wait_usable) RETURN_IF_ERROR(spec_.hooks.wait_usable(Env(ctx), ctx, *mine));
    ASSIGN_OR_RETURN(got, Read({ReadRequest{ctx.address, Key(key, desired)}}));
    if (!got[0]) return std::optional<Value>();
    (*got[0])["tags"] = (*mine)["tags"];
    mine = std::move(got[0]);
  }
  ASSIGN_OR_RETURN(Value ready, WaitReady(ctx, std::move(*mine)));
  return std::optional<Value>(std::move(ready));
}

std::unique_ptr<ResourceType> NewSpecType(AwsTypeDeps deps, ResourceSpec spec) {
  return std::make_unique<SpecResourceType>(std::move(deps), std::move(spec));
}

}  // namespace pave::aws_provider
