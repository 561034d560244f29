// Golden error messages for broken platform files: every error, with file:line:col.
#include <gtest/gtest.h>

#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// A section that accepts anything, so that "network" is a known section name.
class AnyBlueprint : public Blueprint {
 public:
  explicit AnyBlueprint(std::string section) : section_(std::move(section)) {}
  std::string_view section() const override { return section_; }
  void Expand(const YAML::Node&, BlueprintContext&) override {}

 private:
  std::string section_;
};

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> errors;
};

const std::string kHead =
    "apiVersion: pave.dev/v1\n"
    "kind: Platform\n"
    "metadata:\n"
    "  name: shop\n"
    "  region: eu-west-1\n";

std::vector<Case> Cases() {
  return {
      {"typo in a top-level key", kHead + "netwrk: {}\nresource: []\n",
       {"p.yaml:6:1: unknown section \"netwrk\" (did you mean \"network\"?)",
        "p.yaml:7:1: unknown section \"resource\" (did you mean \"resources\"?)"}},
      {"unknown section far from every name", kHead + "databases: {}\n",
       {"p.yaml:6:1: unknown section \"databases\" (expected one of: apiVersion, kind, "
        "metadata, resources, outputs, moved, state, network)"}},
      {"missing header",
       "metadata:\n  name: shop\n  region: eu-west-1\n",
       {"p.yaml:1:1: apiVersion is missing (add \"apiVersion: pave.dev/v1\")",
        "p.yaml:1:1: kind is missing (add \"kind: Platform\")"}},
      {"wrong header",
       "apiVersion: pave.dev/v2\nkind: [Platform]\nmetadata: {name: shop, region: eu-west-1}\n",
       {"p.yaml:1:13: unsupported apiVersion \"pave.dev/v2\" (expected \"pave.dev/v1\")",
        "p.yaml:2:7: unsupported kind a list (expected \"Platform\")"}},
      {"metadata typo and missing",
       "apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: shop\n  regoin: eu-west-1\n",
       {"p.yaml:3:1: metadata.region is missing",
        "p.yaml:5:3: unknown key \"regoin\" in metadata (did you mean \"region\"?)"}},
      {"metadata missing entirely", "apiVersion: pave.dev/v1\nkind: Platform\n",
       {"p.yaml:1:1: metadata is missing (metadata needs at least name and region)"}},
      {"bad metadata values",
       "apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: Shop_1\n"
       "  region: eu-west\n  account: 1234\n  tags: [a]\n",
       {"p.yaml:4:9: metadata.name \"Shop_1\" is not a valid name (use 1 to 63 lower-case "
        "letters, digits and '-', starting with a letter)",
        "p.yaml:5:11: metadata.region \"eu-west\" is not a region name (expected a region like "
        "\"eu-west-1\")",
        "p.yaml:6:12: metadata.account must be a 12-digit AWS account id (quote it if it "
        "starts with 0)",
        "p.yaml:7:9: metadata.tags must be a map, found a list"}},
      {"empty metadata values and reserved tags",
       "apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name:\n  region: {a: 1}\n"
       "  tags:\n    aws:owner: me\n    ok: [1]\n",
       {"p.yaml:4:3: metadata.name is empty",
        "p.yaml:5:11: metadata.region must be a string, found a map",
        "p.yaml:7:5: tag key \"aws:owner\" uses a reserved prefix (\"aws:\" and \"pave:\" are "
        "reserved)",
        "p.yaml:8:9: the value of tag \"ok\" must be a string, found a list"}},
      {"resources is a map", kHead + "resources:\n  random_id: {}\n",
       {"p.yaml:7:3: resources must be a list, found a map"}},
      {"resource entry shapes",
       kHead + "resources:\n  - random_id.a\n  - type: random_id\n  - name: b\n"
               "  - {type: random_id, name: c, propertes: {}, depends_on: []}\n",
       {"p.yaml:7:5: each entry of resources must be a map with type and name, found a string",
        "p.yaml:8:5: resource is missing \"name\"",
        "p.yaml:9:5: resource is missing \"type\"",
        "p.yaml:10:5: random_id.c is missing required property \"byte_length\"",
        "p.yaml:10:32: unknown key \"propertes\" in resource (did you mean \"properties\"?)",
        "p.yaml:10:47: unknown key \"depends_on\" in resource (did you mean \"dependsOn\"?)"}},
      {"unknown type and bad name",
       kHead + "resources:\n  - type: randm_id\n    name: a\n  - type: random_id\n"
               "    name: 9lives\n",
       {"p.yaml:7:11: unknown resource type \"randm_id\" (did you mean \"random_id\"?)",
        "p.yaml:10:11: invalid resource name \"9lives\" (use letters, digits, '_' and '-', "
        "starting with a letter)"}},
      {"duplicate resource",
       kHead + "resources:\n  - {type: random_id, name: a, properties: {byte_length: 1}}\n"
               "  - {type: random_id, name: a, properties: {byte_length: 2}}\n",
       {"p.yaml:8:29: duplicate resource random_id.a (first declared at line 7)"}},
      {"unknown property and missing required",
       kHead + "resources:\n  - type: random_id\n    name: a\n    properties:\n"
               "      byte_lenght: 4\n",
       {"p.yaml:7:5: random_id.a is missing required property \"byte_length\"",
        "p.yaml:10:7: unknown property \"byte_lenght\" in random_id.a (did you mean "
        "\"byte_length\"?)"}},
      {"wrong value types",
       kHead + "resources:\n  - type: random_password\n    name: a\n    properties:\n"
               "      length: twenty\n      special: 1\n      keepers: [x]\n"
               "  - type: local_file\n    name: f\n    properties:\n"
               "      path: [a]\n      content: {x: 1}\n",
       {"p.yaml:10:15: property \"length\" in random_password.a must be an integer, found a "
        "string",
        "p.yaml:11:16: property \"special\" in random_password.a must be a boolean, found an "
        "integer",
        "p.yaml:12:16: property \"keepers\" in random_password.a must be a map, found a list",
        "p.yaml:16:13: property \"path\" in local_file.f must be a string, found a list",
        "p.yaml:17:16: property \"content\" in local_file.f must be a string, found a map"}},
      {"properties and dependsOn of the wrong kind",
       kHead + "resources:\n  - type: random_id\n    name: a\n    properties: [1]\n"
               "    dependsOn: random_id.b\n",
       {"p.yaml:7:5: random_id.a is missing required property \"byte_length\"",
        "p.yaml:9:17: properties must be a map, found a list",
        "p.yaml:10:16: dependsOn must be a list, found a string"}},
      {"bad references",
       kHead + "resources:\n  - {type: random_id, name: suffix, properties: {byte_length: 2}}\n"
               "  - type: local_file\n    name: f\n    properties:\n"
               "      path: \"${random_id.sufix.hex}\"\n"
               "      content: \"a ${random_id.suffix.hexx} b ${random_id.suffix} c ${x\"\n"
               "      file_permission: ${local_file.f.path}\n",
       {"p.yaml:11:13: ${random_id.sufix.hex} refers to random_id.sufix, which is not "
        "declared (did you mean \"random_id.suffix\"?)",
        "p.yaml:12:16: ${random_id.suffix.hexx} refers to attribute \"hexx\", which random_id "
        "does not have (did you mean \"hex\"?)",
        "p.yaml:12:16: ${random_id.suffix} in local_file.f is not a valid reference (expected "
        "${type.name.attribute}, ${env:NAME} or ${file:path})",
        "p.yaml:12:16: \"${\" without a closing \"}\" in local_file.f (write $${ for a literal "
        "${)",
        "p.yaml:13:24: ${local_file.f.path} in local_file.f refers to the resource itself"}},
      {"secret referenced from a property that is not secret",
       kHead + "resources:\n  - {type: random_password, name: pw, properties: {length: 9}}\n"
               "  - type: local_file\n    name: f\n    properties:\n"
               "      path: a\n      content: \"pw=${random_password.pw.result}\"\n",
       {"p.yaml:12:16: ${random_password.pw.result} is secret, but property \"content\" of "
        "local_file.f is not (only secret properties may hold secrets)"}},
      {"bad dependsOn",
       kHead + "resources:\n  - type: random_id\n    name: a\n    properties: {byte_length: 1}\n"
               "    dependsOn: [random_id.b, nonsense, random_id.a, {x: 1}]\n",
       {"p.yaml:10:17: dependsOn names random_id.b, which is not declared (did you mean "
        "\"random_id.a\"?)",
        "p.yaml:10:30: dependsOn entry \"nonsense\" is not a resource address (expected "
        "\"type.name\")",
        "p.yaml:10:40: random_id.a depends on itself",
        "p.yaml:10:53: each entry of dependsOn must be a string, found a map"}},
      {"duplicate keys", kHead + "metadata:\n  name: other\n",
       {"p.yaml:6:1: duplicate key \"metadata\" (first set at line 3)"}},
      {"bad yaml syntax", kHead + "resources:\n  - type: random_id\n   name: a\n",
       {"p.yaml:8:4: end of sequence not found"}},
      {"not a map", "- a\n- b\n",
       {"p.yaml:1:1: a platform file must be a map with apiVersion, kind and metadata, found "
        "a list"}},
      {"empty file", "",
       {"p.yaml:1:1: a platform file must be a map with apiVersion, kind and metadata, found "
        "an empty document"}},
  };
}

TEST(PlatformErrors, GoldenMessages) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterBuiltinTypes(&registry, &env);
  AnyBlueprint network("network");
  for (const Case& c : Cases()) {
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(c.text, "p.yaml", &env, registry, {&network}, &diags);
    EXPECT_FALSE(loaded.ok()) << c.name;
    std::vector<std::string> got;
    for (const Diagnostic& d : diags) got.push_back(d.ToString());
    EXPECT_EQ(got, c.errors) << c.name;
  }
}

}  // namespace
}  // namespace pave
