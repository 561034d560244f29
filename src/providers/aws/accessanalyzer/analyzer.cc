// aws_accessanalyzer_analyzer as a spec: named by its analyzerName, made with a client token
// (a resent create makes no second analyzer), read from ListAnalyzers, tagged by ARN with a
// map. A name taken already (ConflictException) is looked up and adopted only when its tags
// say it is this state's.
#include "providers/aws/accessanalyzer/analyzer.h"

#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec AccessAnalyzerSpec() {
  return {
      .type = "aws_accessanalyzer_analyzer",
      .description = "an IAM Access Analyzer analyzer: finds resources shared outside the account or organization",
      .service = "accessanalyzer",
      .key_attribute = "name",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the analyzer's name",
                      .create_member = "analyzerName",
                      .read_member = "name"},
                     {.name = "type",
                      .force_new = true,
                      .description = "ACCOUNT (this account) or ORGANIZATION (from the management or delegated account)",
                      .default_value = "ACCOUNT",
                      .create_member = "type",
                      .read_member = "type"},
                     {.name = "tags"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the analyzer's ARN",
                      .read_member = "arn"},
                     {.name = "status",
                      .computed = true,
                      .description = "ACTIVE, CREATING, DISABLED or FAILED",
                      .read_member = "status"}},
      .create = {.operation = "CreateAnalyzer",
                 .conflict_codes = {"ConflictException"},
                 .token_member = "clientToken"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListAnalyzers",
               .result_key = "analyzers",
               .item_key = "name"},
      .tags = {.style = TagStyle::kMap,
               .create_member = "tags",
               .read_member = "tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "resourceArn",
               .tags_member = "tags",
               .keys_member = "tagKeys"},
      .del = {.operation = "DeleteAnalyzer", .key_member = "analyzerName"},
      .find = FindStyle::kByKey,
  };
}

std::unique_ptr<ResourceType> NewAccessAnalyzerType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AccessAnalyzerSpec());
}

}  // namespace pave::aws_provider
