#include "providers/aws/spec/spec_check.h"

#include "aws/waiters.h"

namespace pave::aws_provider {
namespace {

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
  }
  c->Output(op, spec.read.result_key);
  if (op->output == nullptr) return;
  const aws::Shape* item = ListMember(ShapeAtPath(op->output, spec.read.result_key));
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
    if (spec.waiter_id_member.empty()) c->Problem("waiter " + name + " needs a waiter_id_member");
    c->Input(c->Op(w->operation, "waiter"), spec.waiter_id_member);
  }
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
  c.Output(create, spec.create.id_output);
  c.Output(create, spec.create.unsuccessful_member);
  c.Input(create, spec.create.token_member);
  for (const auto& [member, value] : spec.create.constants.items()) c.Input(create, member);
  c.Input(create, spec.account_member);
  c.Input(c.Op(spec.read.operation, "read"), spec.account_member);
  for (const AttrSpec& a : spec.attributes) c.Input(create, a.create_member);
  CheckRead(spec, &c);
  for (const UpdateSpec& u : spec.updates) {
    const aws::Operation* op = c.Op(u.operation, "update");
    c.Input(op, u.key_member);
    c.Input(op, u.token_member);
    for (const auto& [attr, member] : u.members) {
      c.Input(op, member);
      bool known = false;
      for (const AttrSpec& a : spec.attributes) known |= a.name == attr;
      if (!known) c.Problem("update " + u.operation + " names unknown attribute " + attr);
    }
    const aws::Operation* unset = c.Op(u.unset_operation, "unset");
    c.Input(unset, u.key_member);
    c.Input(op, u.item_member);
    c.Output(op, u.id_output);
    c.Input(unset, u.item_member);
    if (u.false_is_unset) {
      for (const auto& [member, value] : u.constants.items()) c.Input(unset, member);
    }
    for (const auto& [member, value] : u.constants.items()) c.Input(op, member);
    for (const auto& [attr, member] : u.prior_members) c.Input(op, member);
  }
  CheckTags(spec, create, &c);
  const aws::Operation* del = c.Op(spec.del.operation, "delete");
  c.Input(del, spec.del.key_member);
  c.Output(del, spec.del.unsuccessful_member);
  for (const auto& [attr, member] : spec.del.members) c.Input(del, member);
  for (const auto& [member, value] : spec.del.constants.items()) c.Input(del, member);
  c.Input(del, spec.del.waiting_member);
  if (!spec.del.waiting_attribute.empty()) {
    bool known = false;
    for (const AttrSpec& a : spec.attributes) known |= a.name == spec.del.waiting_attribute && a.type == AttrType::kInt;
    if (!known) c.Problem("the waiting period " + spec.del.waiting_attribute + " is no int attribute");
  }
  if (spec.find == FindStyle::kByTags && spec.read.style != ReadStyle::kDescribeByFilter) {
    c.Problem("find by tags needs a describe-by-filter read");
  }
  CheckWaiters(spec, **model, &c);
  return c.problems();
}

}  // namespace pave::aws_provider
