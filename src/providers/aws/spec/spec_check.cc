#include "providers/aws/spec/spec_check.h"

#include "aws/waiters.h"

namespace pave::aws_provider {
namespace {

const AttrSpec* AttributeOf(const ResourceSpec& spec, const std::string& name) {
  for (const AttrSpec& a : spec.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const aws::Shape* ListMember(const aws::Shape* s) {
  return s != nullptr && s->type == aws::ShapeType::kList ? s->member.shape : s;
}

class Checker {
 public:
  Checker(const ResourceSpec& spec, const aws::ServiceModel& model) : spec_(spec), model_(model) {}

  const aws::Operation* Op(const std::string& name, const std::string& role) {
    if (name.empty()) return nullptr;
    const aws::Operation* op = model_.FindOperation(name);
    if (op == nullptr) Problem(role + " operation " + name + " is not in the " + model_.name() + " model");
    return op;
  }
  void Member(const aws::Shape* shape, const std::string& where, const std::string& path) {
    if (path.empty() || shape == nullptr) return;
    if (ShapeAtPath(shape, path) == nullptr) Problem(where + " has no member " + path);
  }
  void Input(const aws::Operation* op, const std::string& path) {
    if (op == nullptr || path.empty()) return;
    if (op->input == nullptr) return Problem(op->name + " takes no input, not " + path);
    Member(op->input, op->name + " input", path);
  }
  void Output(const aws::Operation* op, const std::string& path) {
    if (op == nullptr || path.empty()) return;
    if (op->output == nullptr) return Problem(op->name + " returns nothing, not " + path);
    Member(op->output, op->name + " output", path);
  }
  void Problem(const std::string& what) { problems_.push_back(spec_.type + ": " + what); }
  std::vector<std::string> problems() { return std::move(problems_); }

 private:
  const ResourceSpec& spec_;
  const aws::ServiceModel& model_;
  std::vector<std::string> problems_;
};

void CheckRead(const ResourceSpec& spec, Checker* c) {
  const aws::Operation* op = c->Op(spec.read.operation, "read");
  if (op == nullptr) return;
  switch (spec.read.style) {
    case ReadStyle::kDescribeByFilter:
      c->Input(op, spec.read.filter_member);
      break;
    case ReadStyle::kListAndMatch:
      c->Input(op, spec.read.prefix_member);
      break;
    case ReadStyle::kGetEach:
      if (spec.read.get_members.empty()) c->Problem("a get-each read needs get_members");
      for (const auto& [attr, member] : spec.read.get_members) c->Input(op, member);
      break;
  }
  c->Output(op, spec.read.result_key);
  if (!spec.read.filter_attribute.empty() && AttributeOf(spec, spec.read.filter_attribute) == nullptr) {
    c->Problem("the read filters by unknown attribute " + spec.read.filter_attribute);
  }
  if (op->output == nullptr) return;
  // No result key: the answer is the item, unless a read_items hook shapes the items itself.
  const aws::Shape* item = !spec.read.result_key.empty() ? ListMember(ShapeAtPath(op->output, spec.read.result_key))
                           : spec.hooks.read_items   ? nullptr
                                                     : op->output;
  std::string where = spec.read.operation + " item";
  c->Member(item, where, spec.read.item_key);
  c->Member(item, where, spec.tags.read_member);
  for (const AttrSpec& a : spec.attributes) c->Member(item, where, a.read_member);
}

// Route53: no tags at create; one operation adds and removes (ChangeTagsForResource).
void CheckRoute53Tags(const TagSpec& t, Checker* c) {
  if (!t.create_member.empty()) c->Problem("route53 tags are not given at create, not as " + t.create_member);
  if (t.tag_operation.empty()) c->Problem("route53 tags need a tag operation (ChangeTagsForResource)");
  const aws::Operation* tag = c->Op(t.tag_operation, "tag");
  const aws::Operation* list = c->Op(t.list_operation, "tag list");
  for (const auto& [member, value] : t.resource_constants.items()) {
    for (const aws::Operation* op : {tag, list}) c->Input(op, member);
  }
  for (const std::string& m : {t.resource_member, t.tags_member, t.keys_member}) c->Input(tag, m);
  c->Input(list, t.resource_member);
  c->Output(list, t.list_result);
  const aws::Operation* batch = c->Op(t.batch_list_operation, "batched tag list");
  for (const auto& [member, value] : t.resource_constants.items()) c->Input(batch, member);
  c->Input(batch, t.batch_ids_member);
  c->Output(batch, t.batch_result);
  c->Output(batch, t.batch_result + "." + t.resource_member);
}

void CheckTags(const ResourceSpec& spec, const aws::Operation* create, Checker* c) {
  const TagSpec& t = spec.tags;
  switch (t.style) {
    case TagStyle::kNone:
      return;
    case TagStyle::kEc2TagSpecifications:
      c->Input(create, t.create_member);
      return;
    case TagStyle::kMap:
    case TagStyle::kKeyValueList:
    case TagStyle::kArnBased:
    case TagStyle::kIam: {
      if (t.after_create && !t.create_member.empty()) c->Problem("tags put after the create are not given to it");
      c->Input(create, t.create_member);
      if (t.style != TagStyle::kMap && !t.create_member.empty()) {
        c->Input(create, t.create_member + "." + t.key_name);
        c->Input(create, t.create_member + "." + t.value_name);
      }
      const aws::Operation* tag = c->Op(t.tag_operation, "tag");
      const aws::Operation* untag = c->Op(t.untag_operation, "untag");
      const aws::Operation* list = c->Op(t.list_operation, "tag list");
      for (const auto& [member, value] : t.resource_constants.items()) {
        for (const aws::Operation* op : {tag, untag, list}) c->Input(op, member);
      }
      for (const auto& [attribute, member] : t.resource_members) {
        for (const aws::Operation* op : {tag, untag, list}) c->Input(op, member);
      }
      c->Input(tag, t.resource_member);
      c->Input(tag, t.tags_member);
      c->Input(untag, t.resource_member);
      c->Input(untag, t.keys_member);
      c->Input(list, t.resource_member);
      c->Output(list, t.list_result);
      return;
    }
    case TagStyle::kRoute53:
      return CheckRoute53Tags(t, c);
  }
}

// The waiters exist in the service's waiters-2.json, within pave's JMESPath subset, and
// their operation takes `waiter_id_member`.
void CheckWaiters(const ResourceSpec& spec, const aws::ServiceModel& model, Checker* c) {
  for (const std::string& name : {spec.create_waiter, spec.delete_waiter}) {
    if (name.empty()) continue;
    Result<aws::Waiter> w = aws::FindWaiter(model, name);
    if (!w.ok()) {
      c->Problem("waiter " + name + ": " + w.status().message());
      continue;
    }
    if (spec.waiter_id_member.empty() && spec.waiter_members.empty()) {
      c->Problem("waiter " + name + " needs a waiter_id_member");
    }
    const aws::Operation* op = c->Op(w->operation, "waiter");
    c->Input(op, spec.waiter_id_member);
    for (const auto& [attr, member] : spec.waiter_members) c->Input(op, member);
  }
}

// The change waiter exists, its operation takes `id_member`, and the create, update and
// delete operations answer `id_output`.
void CheckChangeWait(const ResourceSpec& spec, const aws::ServiceModel& model, Checker* c) {
  const ChangeWaitSpec& w = spec.change_wait;
  if (w.waiter.empty()) return;
  Result<aws::Waiter> waiter = aws::FindWaiter(model, w.waiter);
  if (!waiter.ok()) return c->Problem("change waiter " + w.waiter + ": " + waiter.status().message());
  if (w.id_member.empty() || w.id_output.empty()) c->Problem("change waiter " + w.waiter + " needs id_output and id_member");
  c->Input(c->Op(waiter->operation, "change waiter"), w.id_member);
  c->Output(c->Op(spec.create.operation, "create"), w.id_output);
  for (const UpdateSpec& u : spec.updates) c->Output(c->Op(u.operation, "update"), w.id_output);
  c->Output(c->Op(spec.del.operation, "delete"), w.id_output);
}

// `primary` and the operations `choice` names for some values of an attribute of the spec:
// each takes what the primary takes.
std::vector<const aws::Operation*> Choices(const aws::Operation* primary, const OperationChoice& choice,
                                           const ResourceSpec& spec, Checker* c) {
  std::vector<const aws::Operation*> ops = {primary};
  if (choice.attribute.empty()) return ops;
  if (AttributeOf(spec, choice.attribute) == nullptr) c->Problem("an operation is chosen by unknown attribute " + choice.attribute);
  for (const auto& [value, operation] : choice.operations) ops.push_back(c->Op(operation, "chosen"));
  return ops;
}

}  // namespace

const aws::Shape* ShapeAtPath(const aws::Shape* shape, const std::string& path) {
  size_t start = 0;
  while (shape != nullptr) {
    shape = ListMember(shape);
    if (shape == nullptr || shape->type != aws::ShapeType::kStructure) return nullptr;
    size_t dot = path.find('.', start);
    std::string step = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const aws::Member* m = shape->FindMember(step);
    if (m == nullptr) return nullptr;
    shape = m->ref.shape;
    if (dot == std::string::npos) return shape;
    start = dot + 1;
  }
  return nullptr;
}

std::vector<std::string> CheckSpec(const ResourceSpec& spec, const aws::ModelRegistry& models) {
  Result<const aws::ServiceModel*> model = models.Get(spec.service);
  if (!model.ok()) return {spec.type + ": service " + spec.service + ": " + model.status().message()};
  Checker c(spec, **model);
  const aws::Operation* create = c.Op(spec.create.operation, "create");
  for (const aws::Operation* op : Choices(create, spec.create.choice, spec, &c)) {
    c.Output(op, spec.create.id_output);
    c.Output(op, spec.create.unsuccessful_member);
    c.Input(op, spec.create.token_member);
    for (const auto& [member, value] : spec.create.constants.items()) c.Input(op, member);
    c.Input(op, spec.account_member);
    for (const AttrSpec& a : spec.attributes) c.Input(op, a.create_member);
  }
  c.Input(c.Op(spec.read.operation, "read"), spec.account_member);
  CheckRead(spec, &c);
  for (const UpdateSpec& u : spec.updates) {
    const aws::Operation* op = c.Op(u.operation, "update");
    if (u.operation.empty() && !u.apply) c.Problem("an update names no operation and has no apply hook");
    if (u.parallel && !u.id_output.empty()) c.Problem("update " + u.operation + " is parallel but gives a new id");
    c.Input(op, u.key_member);
    c.Input(op, u.token_member);
    for (const auto& [attr, member] : u.members) {
      c.Input(op, member);
      if (AttributeOf(spec, attr) == nullptr) c.Problem("update " + u.operation + " names unknown attribute " + attr);
    }
    const aws::Operation* unset = c.Op(u.unset_operation, "unset");
    if (u.unset_when && u.unset_operation.empty()) c.Problem("update " + u.operation + " has unset_when but no unset operation");
    c.Input(unset, u.key_member);
    c.Input(op, u.item_member);
    c.Input(op, u.added_member);
    c.Input(op, u.removed_member);
    c.Output(op, u.id_output);
    c.Input(unset, u.item_member);
    if (u.false_is_unset) {
      for (const auto& [member, value] : u.constants.items()) c.Input(unset, member);
    }
    for (const auto& [member, value] : u.constants.items()) c.Input(op, member);
    for (const auto& [attr, member] : u.prior_members) c.Input(op, member);
    for (const auto& [attr, member] : u.sent_members) c.Input(op, member);
  }
  CheckTags(spec, create, &c);
  for (const aws::Operation* del : Choices(c.Op(spec.del.operation, "delete"), spec.del.choice, spec, &c)) {
    c.Input(del, spec.del.key_member);
    c.Output(del, spec.del.unsuccessful_member);
    for (const auto& [attr, member] : spec.del.members) c.Input(del, member);
    for (const auto& [member, value] : spec.del.constants.items()) c.Input(del, member);
    c.Input(del, spec.del.waiting_member);
  }
  if (!spec.del.waiting_attribute.empty()) {
    const AttrSpec* days = AttributeOf(spec, spec.del.waiting_attribute);
    if (days == nullptr || days->type != AttrType::kInt) c.Problem("the waiting period " + spec.del.waiting_attribute + " is no int attribute");
  }
  if (spec.find == FindStyle::kByTags && spec.read.style != ReadStyle::kDescribeByFilter) {
    c.Problem("find by tags needs a describe-by-filter read");
  }
  CheckWaiters(spec, **model, &c);
  CheckChangeWait(spec, **model, &c);
  return c.problems();
}

}  // namespace pave::aws_provider
