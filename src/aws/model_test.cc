#include "aws/model.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "aws/model_blob.h"
#include "aws/model_registry.h"

namespace pave::aws {
namespace {

const ServiceModel& Load(const std::string& service) {
  auto model = ModelRegistry::Embedded().Get(service);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return **model;
}

TEST(ModelRegistryTest, EmbedsEveryServicePaveCalls) {
  std::vector<std::string> names = ModelRegistry::Embedded().ServiceNames();
  for (const char* s :
       {"acm", "cloudtrail", "config", "dynamodb",      "ec2", "eks",     "elbv2", "guardduty",
        "iam", "kms",        "logs",   "organizations", "rds", "route53", "s3",    "secretsmanager",
        "ssm", "sso",        "sts",    "wafv2"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), s), names.end()) << s;
    auto model = ModelRegistry::Embedded().Get(s);
    ASSERT_TRUE(model.ok()) << s << ": " << model.status().ToString();
    EXPECT_FALSE((*model)->OperationNames().empty()) << s;
  }
}

TEST(ModelRegistryTest, MetadataPerProtocol) {
  EXPECT_EQ(Load("ec2").metadata().protocol, Protocol::kEc2);
  EXPECT_EQ(Load("ec2").metadata().api_version, "2016-11-15");
  EXPECT_EQ(Load("sts").metadata().protocol, Protocol::kQuery);
  EXPECT_EQ(Load("iam").metadata().global_endpoint, "iam.amazonaws.com");
  const ServiceMetadata& ddb = Load("dynamodb").metadata();
  EXPECT_EQ(ddb.protocol, Protocol::kJson);
  EXPECT_EQ(ddb.json_version, "1.0");
  EXPECT_EQ(ddb.target_prefix, "DynamoDB_20120810");
  EXPECT_EQ(Load("eks").metadata().protocol, Protocol::kRestJson);
  EXPECT_EQ(Load("sso").metadata().signing_name, "awsssoportal");
  EXPECT_EQ(Load("s3").metadata().protocol, Protocol::kRestXml);
  EXPECT_EQ(Load("s3").metadata().signing_name, "s3");  // defaults to the endpoint prefix
  EXPECT_EQ(Load("route53").metadata().service_id, "Route 53");
}

TEST(ModelRegistryTest, SdkExtrasAreMerged) {
  // botocore's service-2.sdk-extras.json corrections.
  EXPECT_EQ(Load("eks").metadata().service_id, "EKS");
  EXPECT_EQ(Load("secretsmanager").metadata().service_id, "Secrets Manager");
}

TEST(ModelRegistryTest, UnknownServiceSuggestsClosest) {
  auto model = ModelRegistry::Embedded().Get("ec3");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kNotFound);
  EXPECT_NE(model.status().message().find("did you mean \"ec2\""), std::string::npos)
      << model.status().message();
}

TEST(ModelRegistryTest, ConcurrentFirstUseParsesOnce) {
  ModelRegistry registry(EmbeddedModelBlobs());
  std::vector<const ServiceModel*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&registry, &seen, i] {
      auto m = registry.Get(i % 2 ? "iam" : "kms");
      if (m.ok()) seen[i] = *m;
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < seen.size(); ++i) {
    ASSERT_NE(seen[i], nullptr);
    EXPECT_EQ(seen[i], seen[i % 2]);
  }
  EXPECT_NE(seen[0], seen[1]);
}

TEST(ModelTest, OperationAndMemberTraits) {
  const ServiceModel& ec2 = Load("ec2");
  const Operation* op = ec2.FindOperation("DescribeVpcs");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->http_method, "POST");
  ASSERT_NE(op->input, nullptr);
  EXPECT_EQ(op->input->name, "DescribeVpcsRequest");
  const Member* vpc_ids = op->input->FindMember("VpcIds");
  ASSERT_NE(vpc_ids, nullptr);
  EXPECT_EQ(vpc_ids->ref.location_name, "VpcId");
  EXPECT_EQ(vpc_ids->ref.shape->type, ShapeType::kList);
  EXPECT_EQ(vpc_ids->ref.shape->member.location_name, "VpcId");
  EXPECT_EQ(op->input->FindMember("DryRun")->ref.location_name, "dryRun");
  EXPECT_EQ(op->input->FindMember("Nope"), nullptr);
  EXPECT_EQ(ec2.FindOperation("RunInstances")->idempotency_token_members,
            std::vector<std::string>{"ClientToken"});
}

TEST(ModelTest, StructureMembersKeepModelOrder) {
  const Shape* shape = Load("ec2").FindShape("DescribeVpcsRequest");
  ASSERT_NE(shape, nullptr);
  std::vector<std::string> names;
  for (const Member& m : shape->members) names.push_back(m.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Filters", "VpcIds", "NextToken", "MaxResults", "DryRun"}));
}

TEST(ModelTest, RestTraits) {
  const ServiceModel& s3 = Load("s3");
  const Operation* put = s3.FindOperation("PutBucketTagging");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->http_method, "PUT");
  EXPECT_EQ(put->request_uri, "/{Bucket}?tagging");
  EXPECT_TRUE(put->checksum_required);
  EXPECT_EQ(put->input->payload, "Tagging");
  const Member* bucket = put->input->FindMember("Bucket");
  EXPECT_EQ(bucket->ref.location, Location::kUri);
  const Member* tagging = put->input->FindMember("Tagging");
  EXPECT_EQ(tagging->ref.xml_namespace.uri, "http://s3.amazonaws.com/doc/2006-03-01/");
  const Shape* grantee = s3.FindShape("Grantee");
  EXPECT_TRUE(grantee->FindMember("Type")->ref.xml_attribute);
  EXPECT_EQ(grantee->xml_namespace.prefix, "xsi");
  const Operation* create_zone = Load("route53").FindOperation("CreateHostedZone");
  EXPECT_EQ(create_zone->response_code, 201);
  EXPECT_EQ(create_zone->input_location_name, "CreateHostedZoneRequest");
  EXPECT_EQ(create_zone->input_xml_namespace.uri, "https://route53.amazonaws.com/doc/2013-04-01/");
  EXPECT_TRUE(Load("sso").FindOperation("GetRoleCredentials")->unsigned_request);
  EXPECT_EQ(Load("sts").FindOperation("GetCallerIdentity")->result_wrapper,
            "GetCallerIdentityResult");
}

TEST(ModelTest, Paginators) {
  const Paginator* p = Load("ssm").FindPaginator("GetParametersByPath");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->input_token, std::vector<std::string>{"NextToken"});
  EXPECT_EQ(p->result_key, std::vector<std::string>{"Parameters"});
  EXPECT_EQ(p->limit_key, "MaxResults");
  const Paginator* records = Load("route53").FindPaginator("ListResourceRecordSets");
  ASSERT_NE(records, nullptr);
  EXPECT_EQ(records->output_token.size(), 3u);
  EXPECT_EQ(records->more_results, "IsTruncated");
  EXPECT_EQ(Load("s3").FindPaginator("ListObjects")->output_token,
            std::vector<std::string>{"NextMarker || Contents[-1].Key"});
  EXPECT_EQ(Load("ssm").FindPaginator("PutParameter"), nullptr);
}

TEST(ModelTest, BuildsHandWrittenModelAndRejectsDanglingShape) {
  auto doc = nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "endpointPrefix": "demo", "targetPrefix": "Demo"},
    "operations": {"Get": {"input": {"shape": "In"}, "output": {"shape": "Out"}}},
    "shapes": {
      "In": {"type": "structure", "members": {"Ids": {"shape": "Ids"}}},
      "Ids": {"type": "list", "member": {"shape": "Id"}, "locationName": "IdSet"},
      "Id": {"type": "string"},
      "Out": {"type": "structure", "members": {"Next": {"shape": "Out"}}}
    }})");
  auto model = BuildServiceModel("demo", doc);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const Shape* in = (*model)->FindShape("In");
  EXPECT_EQ(in->FindMember("Ids")->ref.location_name, "IdSet");  // shape trait merged
  const Shape* out = (*model)->FindShape("Out");
  EXPECT_EQ(out->FindMember("Next")->ref.shape, out);  // recursive shapes resolve
  EXPECT_EQ((*model)->metadata().signing_name, "demo");

  doc["shapes"]["In"]["members"]["Ids"]["shape"] = "Missing";
  auto bad = BuildServiceModel("demo", doc);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown shape \"Missing\""), std::string::npos)
      << bad.status().message();
  // The compact form modelgen writes: the big maps as [name, body] pairs.
  auto pairs = nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "query", "endpointPrefix": "demo"},
    "operations": [["Get", {"input": {"shape": "In"}}]],
    "shapes": [["In", {"type": "structure", "members": {"B": {"shape": "S"}, "A": {"shape": "S"}}}],
               ["S", {"type": "string"}]],
    "pagination": [["Get", {"input_token": "A", "output_token": "B", "result_key": "C"}]]})");
  auto compact = BuildServiceModel("demo", pairs);
  ASSERT_TRUE(compact.ok()) << compact.status().ToString();
  EXPECT_EQ((*compact)->FindOperation("Get")->input->members[0].name, "B");
  EXPECT_EQ((*compact)->FindPaginator("Get")->result_key, std::vector<std::string>{"C"});
  pairs["shapes"][0] = "In";
  EXPECT_FALSE(BuildServiceModel("demo", pairs).ok());
  auto broken = BuildServiceModel("demo", nlohmann::ordered_json::object());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
}

TEST(ModelImageTest, RoundTripAndDamage) {
  auto doc = nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json"},
    "operations": {"Zed": {}, "Alpha": {"input": {"shape": "S"}}},
    "shapes": [["S", {"type": "string"}]]})");
  auto text = WriteModelImage(doc);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text,
            "PVM3\nM\t{\"protocol\":\"json\"}\nO\tAlpha\t{\"input\":{\"shape\":\"S\"}}\n"
            "O\tZed\t{}\nS\tS\t{\"type\":\"string\"}\n");
  auto image = ReadModelImage(*text);
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(ModelImage::Find((*image)->operations, "Zed"), "{}");
  EXPECT_EQ(ModelImage::Find((*image)->operations, "Nope"), "");
  EXPECT_EQ((*image)->metadata, "{\"protocol\":\"json\"}");
  EXPECT_EQ(ReadModelImage("PVM2....").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ReadModelImage(text->substr(0, text->size() - 1)).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(ReadModelImage("PVM3\nO\tNoMetadata\t{}\n").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ReadModelImage("PVM3\nM\t{}\nX\tA\t{}\n").status().code(), StatusCode::kDataLoss);
}

TEST(ModelTest, BuildsOnlyWhatAnOperationReaches) {
  auto doc = nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "endpointPrefix": "demo"},
    "operations": {"Get": {"input": {"shape": "In"}}, "Put": {"input": {"shape": "Broken"}}},
    "shapes": {"In": {"type": "structure", "members": {"A": {"shape": "S"}}},
               "S": {"type": "string"},
               "Broken": {"type": "structure", "members": {"X": {"shape": "Missing"}}}}})");
  // Built whole, the model is refused; opened lazily, what does not touch the damage works.
  EXPECT_FALSE(BuildServiceModel("demo", doc).ok());
  auto image = MakeModelImage(doc);
  ASSERT_TRUE(image.ok());
  auto model = OpenServiceModel("demo", std::move(image).value());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const Operation* get = (*model)->FindOperation("Get");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->input->FindMember("A")->ref.shape, (*model)->FindShape("S"));
  EXPECT_EQ((*model)->FindOperation("Get"), get);  // built once
  EXPECT_EQ((*model)->FindOperation("Put"), nullptr);
  EXPECT_EQ((*model)->OperationNames(), (std::vector<std::string>{"Get", "Put"}));
}

TEST(ModelTest, ConcurrentLookupsBuildOnce) {
  ModelRegistry registry(EmbeddedModelBlobs());
  const ServiceModel* ec2 = *registry.Get("ec2");
  std::vector<const Operation*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([ec2, &seen, i] {
      seen[i] = ec2->FindOperation(i % 2 ? "DescribeVpcs" : "DescribeSubnets");
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], seen[i % 2]) << i;
  ASSERT_NE(seen[1], nullptr);
  EXPECT_EQ(seen[1]->input, ec2->FindShape("DescribeVpcsRequest"));
}

TEST(ModelTest, EveryEmbeddedOperationBuilds) {
  for (const std::string& service : ModelRegistry::Embedded().ServiceNames()) {
    const ServiceModel& model = Load(service);
    for (const std::string& op : model.OperationNames()) {
      EXPECT_NE(model.FindOperation(op), nullptr) << service << " " << op;
    }
  }
}

// The image keeps the validation limits of string, integer, list and map shapes.
TEST(ModelTest, KeepsEnumsPatternsAndLimits) {
  const Shape* type = Load("ssm").FindShape("ParameterType");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->enum_values, (std::vector<std::string>{"String", "StringList", "SecureString"}));
  EXPECT_FALSE(type->min.has_value());
  const Shape* name = Load("logs").FindShape("LogGroupName");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->pattern, "[\\.\\-_/#A-Za-z0-9]+");
  EXPECT_EQ(name->min, 1);
  EXPECT_EQ(name->max, 512);
  EXPECT_TRUE(name->enum_values.empty());
  const Shape* tags = Load("logs").FindShape("Tags");  // a map: count
  ASSERT_NE(tags, nullptr);
  EXPECT_EQ(tags->type, ShapeType::kMap);
  EXPECT_EQ(tags->max, 50);
  const Shape* window = Load("kms").FindShape("PendingWindowInDaysType");  // an integer: value
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(window->min, 1);
  EXPECT_EQ(window->max, 365);
  const Shape* records = Load("rds").FindShape("MaxRecords");
  ASSERT_NE(records, nullptr);
  EXPECT_EQ(records->min, 20);
  EXPECT_EQ(records->max, 100);
  // Reached through an operation's input, as a spec attribute finds it.
  const Operation* create = Load("logs").FindOperation("CreateLogGroup");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->input->FindMember("logGroupName")->ref.shape->max, 512);
}

}  // namespace
}  // namespace pave::aws
