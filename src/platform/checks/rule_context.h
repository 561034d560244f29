// What a Well-Architected rule (rules.cc) reads and reports through: the declared resources by
// type, their properties with the type's defaults, and the finding for a resource.
#pragma once

#include <string>
#include <vector>

#include "platform/checks/checks.h"

namespace pave {

class RuleContext {
 public:
  RuleContext(const CheckInput& in, const RuleInfo& rule, std::vector<Finding>* out)
      : input(in), rule_(rule), out_(out) {}

  // The declared resources of `type`, in file order.
  std::vector<const ResourceConfig*> Of(const std::string& type) const;
  // A property as written, else the type's default; null when neither.
  Value Get(const ResourceConfig& rc, const std::string& name) const;
  std::string Str(const ResourceConfig& rc, const std::string& name) const;
  bool Bool(const ResourceConfig& rc, const std::string& name) const;
  int64_t Int(const ResourceConfig& rc, const std::string& name) const;
  // Availability Zones the platform's subnets are in.
  size_t Zones() const;

  void Report(const ResourceConfig& rc, const std::string& message);
  // A finding about the platform as a whole (at the file, no address).
  void ReportPlatform(const std::string& message);
  // ReportPlatform when the platform makes AWS resources and none of `type`.
  void ReportMissing(const std::string& type, const std::string& message);

  const CheckInput& input;

 private:
  const RuleInfo& rule_;
  std::vector<Finding>* out_;
};

// Every rule's findings, unsorted and unsilenced (rules.cc).
std::vector<Finding> EvaluateRules(const CheckInput& input);

}  // namespace pave
