// CheckSpec: holds a ResourceSpec against the embedded botocore model of its service — every
// operation it names must exist, and every member path it names must exist in that
// operation's input (create/update/delete/tag members), output (the created id, the read
// list) or read item (read members, item key, tags). The providers' unit tests run it over
// every registered spec, so a misspelt member fails the build's tests, not an apply.
#pragma once

#include <string>
#include <vector>

#include "aws/model.h"
#include "aws/model_registry.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

// One line per problem ("aws_x: CreateX input has no member Nmae"); empty when all is well.
std::vector<std::string> CheckSpec(const ResourceSpec& spec, const aws::ModelRegistry& models);

// The shape at dotted `path` from `shape` (a step through a list goes to its member), or null.
const aws::Shape* ShapeAtPath(const aws::Shape* shape, const std::string& path);

}  // namespace pave::aws_provider
