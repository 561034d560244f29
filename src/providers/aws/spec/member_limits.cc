#include "providers/aws/spec/member_limits.h"

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

const aws::Shape* InputMember(const aws::ServiceModel& model, const AttributeMember& m) {
  const aws::Operation* op = model.FindOperation(m.operation);
  if (op == nullptr || op->input == nullptr) return nullptr;
  return ShapeAtPath(op->input, m.member);
}

}  // namespace

const std::vector<TypeMembers>& HandWrittenTypeMembers() {
  static const std::vector<TypeMembers> table = {};  // every type with model limits is a spec
  return table;
}

bool ApplyShapeLimits(const aws::Shape& shape, AttributeSchema* attr) {
  if (!Fits(attr->type, shape.type)) return false;
  attr->allowed = shape.enum_values;
  attr->pattern = shape.pattern;
  attr->min = shape.min;
  attr->max = shape.max;
  return true;
}

void AddHandWrittenLimits(const aws::ModelRegistry& models, ResourceSchema* schema) {
  for (const TypeMembers& t : HandWrittenTypeMembers()) {
    if (t.type != schema->type) continue;
    Result<const aws::ServiceModel*> model = models.Get(t.service);
    if (!model.ok()) return;
    for (const AttributeMember& m : t.members) {
      const aws::Shape* shape = InputMember(**model, m);
      for (AttributeSchema& a : schema->attributes) {
        if (a.name == m.attribute && shape != nullptr) ApplyShapeLimits(*shape, &a);
      }
    }
  }
}

std::vector<std::string> CheckTypeMembers(const TypeMembers& t, const aws::ModelRegistry& models) {
  std::vector<std::string> problems;
  Result<const aws::ServiceModel*> model = models.Get(t.service);
  if (!model.ok()) return {t.type + ": no embedded model for service " + t.service};
  for (const AttributeMember& m : t.members) {
    if ((*model)->FindOperation(m.operation) == nullptr) {
      problems.push_back(t.type + "." + m.attribute + ": " + t.service + " has no operation " + m.operation);
    } else if (InputMember(**model, m) == nullptr) {
      problems.push_back(t.type + "." + m.attribute + ": " + m.operation + " has no input member " + m.member);
    }
  }
  return problems;
}

}  // namespace pave::aws_provider
