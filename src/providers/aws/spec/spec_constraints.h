// The API's limits on each attribute of a spec — enum, pattern, min/max — read from the
// botocore model shape of the member the attribute is sent as (the create input's
// `create_member`, else the member of the first UpdateSpec that sets it), and carried into
// the engine's AttributeSchema (allowed, pattern, min, max), which validate checks known
// values against before any call.
#pragma once

#include <mutex>

#include "aws/model.h"
#include "aws/model_registry.h"
#include "engine/schema.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

// Sets the attribute's allowed/pattern/min/max from `shape` when the shape's type fits the
// attribute's (a string as a string, an integer as an integer or long, a list as a list, a
// map as a map); false when it does not fit.
bool ApplyShapeLimits(const aws::Shape& shape, AttributeSchema* attr);

// The model shape `attr` is sent as, or null (not sent, or a path the model lacks).
const aws::Shape* MemberShapeOf(const ResourceSpec& spec, const AttrSpec& attr,
                                const aws::ServiceModel& model);

// Sets allowed/pattern/min/max of `schema`'s attributes from their member shapes, where the
// shape's type fits the attribute's (a string as a string, an integer as an integer or long,
// a list as a list, a map as a map).
void AddModelConstraints(const ResourceSpec& spec, const aws::ModelRegistry& models,
                         ResourceSchema* schema);

// The schema with the model's limits, built on first use (so a process that never looks at
// a type's schema never builds its operations' shapes). Thread-safe.
class ConstrainedSchema {
 public:
  const ResourceSchema& Get(const ResourceSchema& base, const ResourceSpec& spec) const;

 private:
  mutable std::once_flag once_;
  mutable ResourceSchema schema_;
};

}  // namespace pave::aws_provider
