// The AWS Config types as specs. Config's Put* calls both make and change a resource, and each
// Describe* without names lists all of the account's (a handful: one recorder, one channel per
// region), so every read is one listing.
#include "providers/aws/config/config_types.h"

#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

AttrSpec NameAttr(std::string member, std::string read, std::string what) {
  return {.name = "name",
          .required = true,
          .force_new = true,
          .description = std::move(what),
          .create_member = std::move(member),
          .read_member = std::move(read)};
}

AttrSpec Attr(std::string name, AttrType type, std::string member, std::string read,
              std::string what) {
  return {.name = std::move(name),
          .type = type,
          .description = std::move(what),
          .create_member = std::move(member),
          .read_member = std::move(read)};
}

ReadSpec ListAll(std::string operation, std::string result, std::string item) {
  return {.style = ReadStyle::kListAndMatch,
          .operation = std::move(operation),
          .result_key = std::move(result),
          .item_key = std::move(item)};
}

// The update is the create call again, with every attribute that has a create member.
UpdateSpec PutAgain(const std::string& operation, const std::vector<AttrSpec>& attrs) {
  UpdateSpec u{.operation = operation};
  for (const AttrSpec& a : attrs) {
    if (!a.create_member.empty()) u.members.emplace_back(a.name, a.create_member);
  }
  return u;
}

ResourceSpec PutType(ResourceSpec spec) {
  spec.service = "config";
  spec.key_attribute = "name";
  spec.updates = {PutAgain(spec.create.operation, spec.attributes)};
  spec.find = FindStyle::kByKey;
  return spec;
}

}  // namespace

ResourceSpec ConfigRecorderSpec() {
  return PutType({
      .type = "aws_config_configuration_recorder",
      .description = "the AWS Config recorder of the region",
      .attributes = {NameAttr("ConfigurationRecorder.name", "name", "the recorder's name"),
                     Attr("role_arn", AttrType::kString, "ConfigurationRecorder.roleARN", "roleARN",
                          "role Config reads resources with"),
                     Attr("all_supported", AttrType::kBool,
                          "ConfigurationRecorder.recordingGroup.allSupported",
                          "recordingGroup.allSupported", "records every supported resource type"),
                     Attr("include_global_resource_types", AttrType::kBool,
                          "ConfigurationRecorder.recordingGroup.includeGlobalResourceTypes",
                          "recordingGroup.includeGlobalResourceTypes",
                          "records IAM and other global types (in one region only)")},
      .create = {.operation = "PutConfigurationRecorder"},
      .read = ListAll("DescribeConfigurationRecorders", "ConfigurationRecorders", "name"),
      .del = {.operation = "DeleteConfigurationRecorder",
              .key_member = "ConfigurationRecorderName"},
  });
}

ResourceSpec ConfigRecorderStatusSpec() {
  ResourceSpec spec = {
      .type = "aws_config_configuration_recorder_status",
      .description = "the recorder recording (delete: stopped)",
      .service = "config",
      .key_attribute = "name",
      .attributes = {NameAttr("ConfigurationRecorderName", "name", "the recorder"),
                     {.name = "recording",
                      .type = AttrType::kBool,
                      .computed = true,
                      .description = "the recorder is recording",
                      .read_member = "recording"}},
      .create = {.operation = "StartConfigurationRecorder"},
      .read =
          ListAll("DescribeConfigurationRecorderStatus", "ConfigurationRecordersStatus", "name"),
      .del = {.operation = "StopConfigurationRecorder", .key_member = "ConfigurationRecorderName"},
      .find = FindStyle::kNone,
  };
  // Stopped outside pave: not there, so the next plan starts it again.
  spec.hooks.read = [](const SpecEnv&, const Value& item, const Value&, Value*) {
    return item.value("recording", false) == true;
  };
  return spec;
}

ResourceSpec ConfigDeliveryChannelSpec() {
  return PutType({
      .type = "aws_config_delivery_channel",
      .description = "where AWS Config delivers its snapshots and history",
      .attributes = {NameAttr("DeliveryChannel.name", "name", "the channel's name"),
                     Attr("s3_bucket_name", AttrType::kString, "DeliveryChannel.s3BucketName",
                          "s3BucketName", "the bucket"),
                     Attr("s3_key_prefix", AttrType::kString, "DeliveryChannel.s3KeyPrefix",
                          "s3KeyPrefix", "key prefix in the bucket"),
                     Attr("sns_topic_arn", AttrType::kString, "DeliveryChannel.snsTopicARN",
                          "snsTopicARN", "topic told of deliveries")},
      .create = {.operation = "PutDeliveryChannel"},
      .read = ListAll("DescribeDeliveryChannels", "DeliveryChannels", "name"),
      .del = {.operation = "DeleteDeliveryChannel", .key_member = "DeliveryChannelName"},
  });
}

ResourceSpec ConfigRuleSpec() {
  ResourceSpec spec = PutType({
      .type = "aws_config_config_rule",
      .description = "an AWS managed Config rule",
      .attributes = {NameAttr("ConfigRule.ConfigRuleName", "ConfigRuleName", "the rule's name"),
                     Attr("source_identifier", AttrType::kString,
                          "ConfigRule.Source.SourceIdentifier", "Source.SourceIdentifier",
                          "the managed rule (ROOT_ACCOUNT_MFA_ENABLED...)"),
                     Attr("input_parameters", AttrType::kString, "ConfigRule.InputParameters",
                          "InputParameters", "the rule's parameters, JSON"),
                     {.name = "owner",
                      .description = "AWS (managed rules)",
                      .default_value = "AWS",
                      .create_member = "ConfigRule.Source.Owner",
                      .read_member = "Source.Owner"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the rule's ARN",
                      .read_member = "ConfigRuleArn"}},
      .create = {.operation = "PutConfigRule"},
      .read = ListAll("DescribeConfigRules", "ConfigRules", "ConfigRuleName"),
      .del = {.operation = "DeleteConfigRule",
              .key_member = "ConfigRuleName",
              .gone_codes = {"NoSuchConfigRuleException"}},
  });
  return spec;
}

ResourceSpec ConfigAggregatorSpec() {
  return PutType({
      .type = "aws_config_configuration_aggregator",
      .description = "a Config aggregator of accounts and regions",
      .attributes = {NameAttr("ConfigurationAggregatorName", "ConfigurationAggregatorName",
                              "the aggregator's name"),
                     Attr("account_aggregation_sources", AttrType::kList,
                          "AccountAggregationSources", "AccountAggregationSources",
                          "[{AccountIds, AllAwsRegions | AwsRegions}]"),
                     Attr("organization_aggregation_source", AttrType::kMap,
                          "OrganizationAggregationSource", "OrganizationAggregationSource",
                          "{RoleArn, AllAwsRegions | AwsRegions}: every account of the organization "
                          "(from its management account or Config's delegated administrator)"),
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the aggregator's ARN",
                      .read_member = "ConfigurationAggregatorArn"}},
      .create = {.operation = "PutConfigurationAggregator"},
      .read = ListAll("DescribeConfigurationAggregators", "ConfigurationAggregators",
                      "ConfigurationAggregatorName"),
      .del = {.operation = "DeleteConfigurationAggregator",
              .key_member = "ConfigurationAggregatorName"},
  });
}

void RegisterConfigTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  for (ResourceSpec (*spec)() : {ConfigRecorderSpec, ConfigRecorderStatusSpec,
                                 ConfigDeliveryChannelSpec, ConfigRuleSpec, ConfigAggregatorSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
}

}  // namespace pave::aws_provider
