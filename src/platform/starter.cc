#include "platform/starter.h"

namespace pave {
namespace {

constexpr const char* kHeader = R"(# The platform file: one YAML document that declares the whole platform.
# `pave validate` checks it without touching the cloud, `pave plan` shows what would change,
# `pave apply` makes it so and `pave destroy` removes everything it made.
# As written it makes three small local resources, so a first plan and apply need no AWS
# account. Uncomment a section below to build that part of the platform on AWS; `pave plan`
# then lists every resource it makes. `pave init --example full -f full.yaml` writes a
# complete platform with every section filled in.
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
# security group. Subnets are numbered from the VPC range by a fixed layout, so adding a
# zone or a tier later never moves an existing subnet.
# network:
#   cidr: 10.0.0.0/16      # /16 to /23; give each platform its own range if they peer
#   zones: 2               # the region's first zones, or a list: [eu-west-1a, eu-west-1c]
#   nat: single            # none | single | per-zone (one NAT gateway per zone)
#   tiers: [public, private, database]
#   flowLogs: true         # VPC flow logs to CloudWatch Logs, kept 90 days

# The cluster: EKS in the network's private subnets (needs network), secrets encrypted under
# a KMS key, managed nodes, add-ons, and IAM roles for service accounts.
# cluster:
#   version: "1.31"        # a change upgrades in place: control plane, nodes, add-ons
#   endpoint: private      # or private+public
#   nodeGroups:
#     - {name: general, instanceTypes: [m6i.large], min: 2, max: 6, desired: 2}
#   addons: [vpc-cni, coredns, kube-proxy]

# DNS: a public hosted zone. When this account also hosts parentZone, pave adds the NS
# delegation there; otherwise `pave outputs dns.delegation_records` prints what to add.
# dns:
#   domain: dev.example.org
#   parentZone: example.org

# Certificates: ACM certificates validated through the zone above (needs dns).
# certificates:
#   - {domain: "*.dev.example.org"}

# Secrets: values read at apply time and kept only in AWS (SSM SecureString under KMS);
# .pave/ holds a fingerprint, never the value.
# secrets:
#   - {name: github-token, from: env:GITHUB_TOKEN}

# Buckets: S3, private, versioned, encrypted, TLS only.
# buckets:
#   - {name: assets, versioning: true}

# Databases: RDS PostgreSQL in the database subnets (needs network), encrypted, backed up;
# the master password is generated and kept in Secrets Manager.
# databases:
#   postgres:
#     - {name: app, version: "16", class: db.t4g.medium, storageGB: 20, multiAZ: false}

# The security baseline is on as soon as the platform builds anything on AWS: CloudTrail,
# AWS Config, GuardDuty, Security Hub, IAM Access Analyzer, the password policy, EBS
# encryption by default, the S3 public access block and CIS alarms.
# Tune a part, or write `baseline: false` to go without it:
# baseline:
#   alarms: {email: security@example.org}

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

# outputs: values to show with `pave outputs` (sections add their own: cluster endpoint,
# name servers, database endpoints). `pave outputs NAME` prints one, raw, for scripts.
outputs:
  suffix: ${random_id.suffix.hex}
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
