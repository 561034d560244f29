#include "providers/aws/spec/spec_constraints.h"

#include "providers/aws/spec/spec_check.h"

namespace pave::aws_provider {
namespace {

bool Fits(AttrType attr, aws::ShapeType shape) {
  switch (attr) {
    case AttrType::kString:
      return shape == aws::ShapeType::kString;
    case AttrType::kInt:
      return shape == aws::ShapeType::kInteger || shape == aws::ShapeType::kLong;
    case AttrType::kList:
      return shape == aws::ShapeType::kList;
    case AttrType::kMap:
      return shape == aws::ShapeType::kMap;
    case AttrType::kBool:
    case AttrType::kAny:
      return false;
  }
  return false;
}

const aws::Shape* InputMember(const aws::ServiceModel& model, const std::string& operation,
                              const std::string& path) {
  if (operation.empty() || path.empty()) return nullptr;
  const aws::Operation* op = model.FindOperation(operation);
  if (op == nullptr || op->input == nullptr) return nullptr;
  return ShapeAtPath(op->input, path);
}

}  // namespace

bool ApplyShapeLimits(const aws::Shape& shape, AttributeSchema* attr) {
  if (!Fits(attr->type, shape.type)) return false;
  attr->allowed = shape.enum_values;
  attr->pattern = shape.pattern;
  attr->min = shape.min;
  attr->max = shape.max;
  return true;
}

const aws::Shape* MemberShapeOf(const ResourceSpec& spec, const AttrSpec& attr,
                                const aws::ServiceModel& model) {
  if (!attr.create_member.empty()) {
    return InputMember(model, spec.create.operation, attr.create_member);
  }
  for (const UpdateSpec& u : spec.updates) {
    for (const auto& [name, member] : u.members) {
      if (name == attr.name) return InputMember(model, u.operation, member);
    }
  }
  if (attr.name == spec.del.waiting_attribute) {
    return InputMember(model, spec.del.operation, spec.del.waiting_member);
  }
  return nullptr;
}

void AddModelConstraints(const ResourceSpec& spec, const aws::ModelRegistry& models,
                         ResourceSchema* schema) {
  Result<const aws::ServiceModel*> model = models.Get(spec.service);
  if (!model.ok()) return;
  for (const AttrSpec& a : spec.attributes) {
    if (a.computed && !a.required && a.create_member.empty()) continue;
    const aws::Shape* shape = MemberShapeOf(spec, a, **model);
    AttributeSchema* attr = nullptr;
    for (AttributeSchema& s : schema->attributes) {
      if (s.name == a.name) attr = &s;
    }
    if (shape != nullptr && attr != nullptr) ApplyShapeLimits(*shape, attr);
  }
}

const ResourceSchema& ConstrainedSchema::Get(const ResourceSchema& base,
                                             const ResourceSpec& spec) const {
  std::call_once(once_, [&] {
    schema_ = base;
    AddModelConstraints(spec, aws::ModelRegistry::Embedded(), &schema_);
  });
  return schema_;
}

}  // namespace pave::aws_provider
