#include "engine/schema.h"

namespace pave {

const char* AttrTypeName(AttrType t) {
  switch (t) {
    case AttrType::kString: return "string";
    case AttrType::kInt: return "int";
    case AttrType::kBool: return "bool";
    case AttrType::kList: return "list";
    case AttrType::kMap: return "map";
    case AttrType::kAny: return "any";
  }
  return "unknown";
}

const AttributeSchema* ResourceSchema::Find(const std::string& name) const {
  for (const AttributeSchema& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::vector<std::string> ResourceSchema::AttributeNames() const {
  std::vector<std::string> names;
  names.reserve(attributes.size());
  for (const AttributeSchema& a : attributes) names.push_back(a.name);
  return names;
}

}  // namespace pave
