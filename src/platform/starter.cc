#include "platform/starter.h"

namespace pave {
namespace {

constexpr const char* kHeader = R"(# The platform file: one YAML document that declares the whole platform.
# `pave validate` checks it without touching the cloud, `pave plan` shows what would change,
# `pave apply` makes it so and `pave destroy` removes everything it made.
# Reference: docs/platform-file.md
apiVersion: pave.dev/v1
kind: Platform

# metadata names the platform and where it lives.
#   name     lower-case letters, digits and '-'; tags every resource ("pave:platform")
#   region   the AWS region of everything below
#   account  optional guard: apply refuses to run against another AWS account (quote it)
#   tags     added to every resource that takes tags
metadata:
)";

constexpr const char* kSections = R"(
# Sections expand into many resources at once. Each is optional; uncomment one to use it.
# `pave plan` lists every resource a section makes.
#
# The network: a VPC over two or three zones with public, private and database subnets,
# an internet gateway, NAT, route tables, an S3 endpoint, flow logs and a baseline
# security group (docs/platform-file.md lists every key).
# network:
#   cidr: 10.0.0.0/16      # /16 to /23
#   zones: 2               # the region's first zones, or a list of zone names
#   nat: single            # none | single | per-zone (one NAT gateway per zone)
#   flowLogs: true

# resources declares resources one by one:
#   type        a resource type: random_id, random_password, local_file, time_sleep,
#               or an AWS type such as aws_s3_bucket
#   name        unique for its type: letters, digits, '_' and '-'
#   properties  the type's attributes
#   dependsOn   ["type.name", ...]: other resources to create first (references below
#               already imply it)
# In a property string:
#   ${type.name.attribute}  the attribute of another resource, known once it exists
#   ${env:NAME}             an environment variable, read when the file is loaded
#   ${file:path}            a file's content (path relative to this file), read when loaded
#   $${                     a literal "${"
# Values read with ${env:...} or ${file:...} never appear in messages, and attributes
# marked secret (like random_password's result) are kept in state only as fingerprints.
resources:
  - type: random_id
    name: suffix
    properties:
      byte_length: 4

  - type: random_password
    name: admin
    properties:
      length: 24
      special: true

  - type: local_file
    name: readme
    properties:
      path: pave-platform.txt
      content: "platform ${random_id.suffix.hex}\n"
      file_permission: "0644"
)";

}  // namespace

std::string StarterPlatformYaml(const std::string& name, const std::string& region) {
  std::string out = kHeader;
  out += "  name: " + name + "\n";
  out += "  region: " + region + "\n";
  out += "  # account: \"123456789012\"\n";
  out += "  tags:\n";
  out += "    owner: platform-team\n";
  out += kSections;
  return out;
}

}  // namespace pave
