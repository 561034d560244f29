// ResourceSpec: an AWS resource type described as data. One generic implementation
// (SpecResourceType, spec_type.h) runs any spec: create, batched read, update, delete, adoption
// and tags. Every operation and member a spec names is checked against the embedded botocore
// model (spec_check.h), so a typo fails a unit test, not an apply.
//
// Member paths are dotted ("InternetGateway.InternetGatewayId"); a step through a list goes to
// its member. Input paths are in the operation's input shape; read paths in one read item.
// What does not fit is a small named hook (SpecHooks), never a fork of the type.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"
#include "engine/schema.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/common/poller.h"

namespace pave::aws_provider {

// How a service takes tags; CheckSpec accepts every style.
enum class TagStyle {
  kNone,                  // the resource has no tags
  kEc2TagSpecifications,  // TagSpecifications at create; CreateTags / DeleteTags after
  kKeyValueList,          // [{"Key":k,"Value":v}] at create (or right after: after_create);
                          // tag/untag operations by ARN (or the resource_attribute)
  kMap,                   // {"k":"v"} at create; tag/untag operations by ARN (logs, eks)
  kArnBased,              // RDS-style: a Key/Value list, tagged by ARN, read only by ARN
  kIam,                   // Key/Value list at create; TagRole / UntagRole ... given the key (name)
  kRoute53,               // none at create; ChangeTagsForResource (AddTags / RemoveTagKeys) by
                          // ResourceType constant and the bare id, after the create too
};

// How Read finds many resources at once.
enum class ReadStyle {
  kDescribeByFilter,  // EC2 Describe* with a Filters entry holding every id (200 per call)
  kListAndMatch,      // one listing (all pages, optionally by common name prefix), matched by key
  kGetEach,           // one call a resource, several in flight (DescribeAddon): given the
                      // prior's `get_members`, the item at result_key; *NotFound: gone
};

// How Find recognises what an interrupted create made.
enum class FindStyle {
  kNone,    // nothing to find (the create call is idempotent by itself)
  kByKey,   // the key (a unique name) is known before the create: read it; when its tags can
            // be read (read item or list operation) adopt it only if they say it is ours
  kByTags,  // describe by the pave:address / pave:platform tags, pick by pave:token
  kByToken, // the API shows the create's token (Route53's CallerReference): the find_key hook
            // names the one carrying this create's token, ours whatever its tags say (a crash
            // may have come before the tagging)
  kByContent, // AWS holds one resource of a content (a security group rule): the find_key hook
              // names the one with the desired content; adopted when its tags say it is ours
              // or carry no pave address (the allow-all egress rule of every new group, taken
              // over and tagged), never when they name another address or state. A create
              // answer without the id (an older API version) is found this way too.
};

// An operation chosen by an attribute's value: the one `operations` names for the value, the
// spec's own operation otherwise (a security group rule of type "egress" is made by
// AuthorizeSecurityGroupEgress, not ...Ingress).
struct OperationChoice {
  std::string attribute;
  std::map<std::string, std::string> operations;  // value -> operation

  // The operation for the resource `v` (a desired or prior value).
  const std::string& For(const std::string& otherwise, const Value& v) const;
};

struct AttrSpec {
  std::string name;
  AttrType type = AttrType::kString;
  bool required = false;
  bool force_new = false;
  bool computed = false;
  bool stable = false;
  bool secret = false;
  bool unordered = false;
  std::string description;
  // For an attribute the create call does not take, also what AWS gives a new resource: a
  // create makes the update call only for a value other than this.
  std::optional<Value> default_value;
  std::string create_member;  // where the create input takes it; "": not sent at create
  std::string read_member;    // where a read item holds it; "": not read (hook or prior)
  bool create_in_list = false;  // the create member is a list: given a one-item list (ResourceIds)
  bool json = false;            // a JSON document in a string: compared parsed (AttributeSchema::json)
  // What AWS gives a new resource when it is not default_value (a KMS key's rotation: on by
  // default in pave, off in AWS): a create makes the update call unless the desired value is this.
  std::optional<Value> initial_value;
  bool monotonic = false;  // only ever moves forward (a Kubernetes version: AttributeSchema::monotonic)
};

struct CreateSpec {
  std::string operation;
  // Where the create output holds the id (a one-item list counts); "": the id is the key
  // attribute's value.
  std::string id_output;
  // A batch call's output list of per-item errors ({"Error": {"Code", "Message"}}): the call
  // answers 200 and reports the failure there (EC2 CreateFlowLogs' "Unsuccessful").
  std::string unsuccessful_member;
  // Error codes meaning "it exists already": look for it with Find and adopt it if ours.
  std::vector<std::string> conflict_codes;
  // Error codes that may mean "it exists" or "it is pending deletion" among other things
  // (Route53's InvalidChangeBatch, Secrets Manager's InvalidRequestException): Find looks (with
  // the restore hook); when it finds none of ours the error is passed on as it came.
  std::vector<std::string> pending_codes;
  // Input member given the idempotency token (RequestToken: 32 to 64 characters): a resent
  // create makes nothing new. "": the operation takes none.
  std::string token_member;
  Value constants = Value::object();  // input members always given ({"ReturnSubscriptionArn": true})
  OperationChoice choice;  // another operation for some values of an attribute
  // Error code -> what it means for the user, added to the error (S3's BucketAlreadyExists:
  // the name is another account's; bucket names are global).
  std::map<std::string, std::string> explained_codes;
};

struct ReadSpec {
  ReadStyle style = ReadStyle::kDescribeByFilter;
  std::string operation;
  std::string result_key;  // the output's list of items ("InternetGateways")
  std::string item_key;    // the item member equal to the key ("InternetGatewayId")
  // kDescribeByFilter
  std::string filter_member = "Filters";
  std::string filter_name;  // "internet-gateway-id"
  // The filter is given this attribute of each resource (its VPC: "vpc-id"), not the key;
  // the items are matched by item_key. "": the key.
  std::string filter_attribute;
  // kListAndMatch: input member given the longest common prefix of the keys; "": none.
  std::string prefix_member;
  // The key is the last path step of item_key and of the create's id_output (Route53's
  // "/hostedzone/Z1" is the zone "Z1").
  bool key_last_step = false;
  // kGetEach: attribute -> input member ({"cluster_name", "clusterName"}).
  std::vector<std::pair<std::string, std::string>> get_members;
};

struct SpecEnv;

// One update call: made when any of `members`' attributes differ, or on every update when
// one of them is secret (prior holds only its fingerprint, so a change cannot be seen);
// `unset_operation` (with only the key) instead when they are all unset in the desired value.
struct UpdateSpec {
  std::string operation;
  std::string key_member;  // input member given the key; "": only `members`
  std::vector<std::pair<std::string, std::string>> members;  // attribute -> input member
  std::string unset_operation;
  Value constants = Value::object();  // input members always given ({"Overwrite": true})
  // Attribute -> input member, taken from the prior value (WAFv2's LockToken, read last).
  std::vector<std::pair<std::string, std::string>> prior_members;
  // A bool attribute that two operations turn on and off (a security group's allow-all egress,
  // revoked while true): false goes to `unset_operation` too, which then also gets `constants`.
  // A member "" watches the attribute without sending it.
  bool false_is_unset = false;
  // Errors meaning the call found nothing left to do (InvalidPermission.NotFound): success.
  std::vector<std::string> done_codes;
  // Input member given the idempotency token (a new secret version: ClientRequestToken).
  std::string token_member;
  // The call is made only for resources this accepts (rotation: symmetric encryption keys
  // only); unset: for all.
  std::function<bool(const Value& desired)> applies;
  // A list attribute changed item by item (an OIDC provider's client ids): `operation` once
  // for each item added, given as this input member, `unset_operation` once for each taken
  // away (`members` names the one attribute, its member "").
  std::string item_member;
  // A list changed in one call given the items added (AddRouteTableIds) and those taken away
  // (RemoveRouteTableIds), each member left out when empty (`members` names the one attribute,
  // its member ""). A map: the entries added or changed, and the keys taken away (a node
  // group's labels).
  std::string added_member;
  std::string removed_member;
  // Only the members whose attribute changed are given (UpdateAddon: a version move leaves the
  // role alone).
  bool changed_only = false;
  // Attribute -> input member, given from the desired value with the call but never a reason
  // for it (an add-on's conflict policy).
  std::vector<std::pair<std::string, std::string>> sent_members;
  // The call gives the resource a new id, at this output member (ReplaceRouteTableAssociation's
  // NewAssociationId): the read-back uses it.
  std::string id_output;
  // `unset_operation` instead when this holds for the desired value (no lifecycle rule for 0
  // days, no bucket policy when no statement is left).
  std::function<bool(const Value& desired)> unset_when;
  // Adds to the call's input what its members cannot say (a cluster's logging block: the
  // types turned on and those turned off), or reshapes it (a record's change batch, naming the
  // record it replaces as AWS holds it now), just before the call.
  std::function<Status(const SpecEnv& env, const Value& prior, const Value& desired, Value* input)> fill;
  // Independent of the spec's other updates: made at the same time as them (a VPC's default
  // group rules beside its DNS settings), not after the one before it. Such a call gives no id.
  bool parallel = false;
  // The update is calls of a hook's own, not `operation` (a VPC's default security group:
  // read, then each of its rules revoked, or AWS's two default rules put back); given the key.
  // `members` still say when it is due.
  std::function<Status(const SpecEnv& env, const std::string& key, const Value& prior, const Value& desired)> apply;
  // Errors meaning "not now" (a database still modifying: InvalidDBInstanceState): the call is
  // made again, polling, until it is taken or fails otherwise.
  std::vector<std::string> retry_codes;
};

struct TagSpec {
  TagStyle style = TagStyle::kNone;
  std::string create_member;      // "TagSpecifications", "tags", "Tags"
  std::string ec2_resource_type;  // kEc2TagSpecifications: "internet-gateway"
  std::string read_member;        // item member with the tags; "": not read, kept as applied
  std::string tag_operation;      // kMap / kKeyValueList; kRoute53: adds and removes
  std::string untag_operation;
  std::string resource_member;    // input member naming the resource ("resourceArn")
  std::string resource_attribute = "arn";  // the attribute it is given (kIam: the key)
  Value resource_constants = Value::object();  // also given to tag, untag and list calls
  // Attribute -> input member, also given to tag, untag and list calls from the resource's
  // attributes (sso-admin names a permission set by its instance too: InstanceArn).
  std::vector<std::pair<std::string, std::string>> resource_members;
  std::string tags_member;        // tag_operation's tags ("tags")
  std::string keys_member;        // untag_operation's keys ("tagKeys")
  // A Key/Value list's member names where the service spells them otherwise (KMS: TagKey,
  // TagValue), at create, tag and list alike.
  std::string key_name = "Key";
  std::string value_name = "Value";
  // The untag operation takes the keys as a tag list ([{"Key": k}]: ACM's
  // RemoveTagsFromCertificate), not as names.
  bool keys_as_tags = false;
  // kArnBased: the tags are read with this operation (resource_member = the ARN); Find
  // adopts only what carries this platform's and address's pave:* tags.
  std::string list_operation;  // "ListTagsForResource"
  std::string list_result;     // "TagList"
  // kRoute53: the tags of every resource read, 10 ids a call, with the read (drift shows):
  // the operation ("ListTagsForResources") given resource_constants and the ids
  // (`batch_ids_member`, "ResourceIds"); its `batch_result` ("ResourceTagSets") items hold
  // the id (resource_member) and Tags. "": tags are kept as applied.
  std::string batch_list_operation;
  std::string batch_ids_member;
  std::string batch_result;
  // kKeyValueList with no create_member: the create takes no tags; they are put by
  // tag_operation right after it (with the token), retried while one of these codes says the
  // new resource is not visible yet (S3's NoSuchBucket). An empty untag_operation: the tag
  // operation replaces the whole set (PutBucketTagging).
  std::vector<std::string> not_yet_codes;
  bool after_create = false;
  // The list operation's error codes for a resource with no tags at all (NoSuchTagSet).
  std::vector<std::string> no_tags_codes;
};

struct DeleteSpec {
  std::string operation;
  std::string key_member;  // input member given the key; "": only `members`
  std::vector<std::pair<std::string, std::string>> members;  // attribute -> input member
  std::vector<std::string> gone_codes;   // besides the *NotFound family: already deleted
  std::vector<std::string> retry_codes;  // still in use: look again, then retry
  bool key_in_list = false;  // key_member takes a list: the key alone (DeleteAlarms' AlarmNames)
  std::string unsuccessful_member;  // as CreateSpec's (DeleteFlowLogs)
  // Input members always given: a setting "deleted" by an update back to AWS's default
  // ({"AutoEnableOrganizationMembers": "NONE"}).
  Value constants = Value::object();
  // A delete that only schedules the deletion after a waiting period (KMS keys, secrets): the
  // int attribute holding the days (7..30, checked before create, update and delete; kept in
  // state as applied, never read), given to the delete as `waiting_member`. Delete reports
  // "<waiting_noun> <key> scheduled for deletion in N days" (the destroy's kept resources).
  std::string waiting_attribute;
  std::string waiting_member;
  std::string waiting_noun;
  OperationChoice choice;  // another operation for some values of an attribute
};

// AWS's waiting periods for keys and secrets: 7..30 days.
inline constexpr int64_t kMinWaitingDays = 7;
inline constexpr int64_t kMaxWaitingDays = 30;

// What hooks may use.
struct SpecEnv {
  aws::AwsClient* client;
  std::string region;
  AccountId* account = nullptr;  // the caller's account id, asked once
  const Poller* poller = nullptr;
  // The operation's context in create, update and delete hooks; null in reads.
  const OperationContext* ctx = nullptr;
};

struct SpecHooks {
  // Refuses a desired value before any call (a KMS alias name must start with "alias/").
  std::function<Status(const OperationContext& ctx, const Value& desired)> validate;
  // Completes the attributes read from `item` (ARNs AWS leaves out, values kept as written);
  // false: the item does not count as the resource.
  std::function<bool(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs)> read;
  // After `read`, for what the listing lacks and a call of its own gives (a hosted zone's
  // name servers, asked once: state keeps them); an error fails the read.
  std::function<Status(const SpecEnv& env, const Value& prior, Value* attrs)> read_detail;
  // Adds to the create input what no attribute holds (a key pair made for the create, whose
  // private half goes to AWS only, never to state), or reshapes what an attribute's
  // create_member got (a cluster's log types as EKS's logging block).
  std::function<Status(const SpecEnv& env, const Value& desired, Value* input)> create_input;
  // Before each delete attempt (detaching a gateway from its VPCs).
  std::function<Status(const SpecEnv& env, const std::string& id)> before_delete;
  // After a delete refused with a retry code, before the next attempt (an address lets go
  // of an association pave does not manage).
  std::function<Status(const SpecEnv& env, const std::string& id)> after_delete_refused;
  // After a delete call AWS took (not one that found it gone): waits for what the next
  // deletes depend on (a VPC endpoint's routes gone before its route tables go).
  std::function<Status(const SpecEnv& env, const OperationContext& ctx, const Value& prior)> after_delete;
  // Replaces the generic batched read when items nest in a parent (a role's inline
  // policies): one entry per request, nullopt when gone. Attributes as ToAttributes gives.
  std::function<Result<std::vector<std::optional<Value>>>(const SpecEnv& env,
                                                          const std::vector<ReadRequest>& requests)>
      read_batch;
  // Replaces the generic listing when the API reads one resource differently from many (IAM:
  // GetRole for one, the account-wide listing for many): the raw read items for `keys`, which
  // the generic read maps by the read members as usual.
  std::function<Result<std::vector<Value>>(const SpecEnv& env, const std::vector<std::string>& keys)>
      read_items;
  // Find for a resource named by an AWS-assigned id: by a name the desired value holds (a WAF
  // web ACL by name and scope), or by its pave:* tags where no describe filters by them (KMS
  // keys): the key of the one there, nullopt when none. What it names is read and adopted only
  // when its tags say it is ours.
  std::function<Result<std::optional<std::string>>(const SpecEnv& env, const OperationContext& ctx,
                                                   const Value& desired)>
      find_key;
  // Adjusts the desired value of an update before its calls are worked out (an add-on's
  // version follows the cluster's Kubernetes version).
  std::function<Result<Value>(const SpecEnv& env, const Value& prior, const Value& desired)> update_desired;
  // After each update call, given its answer (EKS: wait for the update it started).
  std::function<Status(const SpecEnv& env, const UpdateSpec& update, const Value& output, const Value& prior)>
      after_update;
  // Whether what Find read is the one this create made (an alias naming the wanted key).
  std::function<bool(const Value& desired, const Value& attrs)> adoptable;
  // After the create and its read-back: calls that need the made resource (a trail's
  // StartLogging, a policy type enabled on the organization's root).
  std::function<Status(const SpecEnv& env, const OperationContext& ctx, const Value& attrs)> after_create;
  // An update that must make a new resource (an OIDC provider for another issuer, which the
  // planner could not see while the cluster was being updated): Update creates the new one,
  // then deletes the old.
  std::function<bool(const Value& prior, const Value& desired)> replaced_in_update;
  // What AWS publishes a moment after the create (an ACM certificate's validation record):
  // Create and an adopting Find read again, polling, until this holds.
  std::function<bool(const Value& attrs)> ready;
  // Find read nothing by the key: brings back this address's resource pending deletion (a
  // secret destroyed, then declared again); true when it did, and Find reads it again.
  std::function<Result<bool>(const SpecEnv& env, const OperationContext& ctx, const Value& desired)> restore;
  // The id of a resource named by its id_parts when the parts need shaping first (a record:
  // its zone's bare id, its name as Route53 compares it).
  std::function<std::string(const Value& v)> id_of;
  // Completes the delete input from what AWS holds now (a record's DELETE names its current
  // values); a *NotFound or gone-code status: already gone.
  std::function<Status(const SpecEnv& env, const Value& prior, Value* input)> delete_input;
  // The attributes a create or update made, from the desired value with its id, where the
  // call's success says all and a read-back would cost (a record: its whole zone listed again
  // for one record, though Route53 applied the batch once INSYNC).
  std::function<Value(const Value& written)> written;
  // Load-time checks of a resource's properties beyond the schema (a bucket's log-delivery
  // services known): ResourceType::CheckProperties.
  std::function<std::vector<PropertyProblem>(const Value& properties)> check_properties;
  // Find read a resource of the key with no tags at all, as a create that stopped before its
  // tagging (TagSpec::after_create) leaves it: adopted when this says so (a bucket holding no
  // object), else left alone.
  std::function<Result<bool>(const SpecEnv& env, const Value& attrs)> adopt_untagged;
  // After the read, completes every resource found at once where one call answers for all of
  // them (each VPC's main route table and default security group: one Describe each for all
  // VPCs read); may set an entry to nullopt (gone meanwhile). Its own per-resource calls (a
  // VPC's DNS attributes) it makes in parallel with those.
  std::function<Status(const SpecEnv& env, std::vector<std::optional<Value>>* read)> read_group;
  // Where no botocore waiter says when a new resource is usable (a database: available with no
  // modification pending; a failed state ends it): waits after the create call, and for what
  // Find adopts, like ResourceSpec::create_waiter.
  std::function<Status(const SpecEnv& env, const OperationContext& ctx, const Value& attrs)> wait_usable;
  // A create refused with a conflict code: waits out the deletion of a resource of the same
  // name still under way (a database destroyed, then declared again); true when it waited, and
  // the create is made again. False: Find looks for it as usual.
  std::function<Result<bool>(const SpecEnv& env, const OperationContext& ctx, const Value& desired)> await_deletion;
};

// A service whose writes are changes to wait for (Route53's ChangeInfo): after the create
// call, each update call and the delete call, `waiter` runs given the id at `id_output` of
// the call's answer as its input member `id_member`; an answer without one is not waited for.
struct ChangeWaitSpec {
  std::string waiter;     // "ResourceRecordSetsChanged"
  std::string id_output;  // "ChangeInfo.Id"
  std::string id_member;  // "Id"
};

struct ResourceSpec {
  std::string type;  // "aws_cloudwatch_log_group"
  std::string description;
  std::string service;  // botocore service name ("logs")
  // The attribute that names the resource in AWS; "id": the AWS-assigned id.
  std::string key_attribute = "id";
  // A resource named by several attributes (a role's policy): id = the parts joined by
  // `id_separator` ("<role>:<name>"), and the key is the id.
  std::vector<std::string> id_parts;
  std::string id_separator = ":";
  // An account setting (password policy, EBS encryption by default): one per account and
  // region, its id the account id. Read calls `read.operation` once with no input and takes
  // `read.result_key` as the item (absent or a *NotFound / `del.gone_codes` error: not set);
  // delete resets it to AWS's default.
  bool singleton = false;
  // A singleton's create and read input member given the account id (s3control's AccountId);
  // updates and delete name it by their key_member (the id is the account id).
  std::string account_member;
  // "id" is implied; "tags" (no members) places the tags attribute, else it goes before the
  // first computed one. A secret attribute's value is redacted from every error.
  std::vector<AttrSpec> attributes;
  // The "arn" attribute when the read item has none: {region}, {account}, {id}, {path} (the id
  // without a leading '/') and {Member} (a member of the read item, "{OwnerId}") are replaced:
  // "arn:aws:ec2:{region}:{account}:elastic-ip/{id}".
  std::string arn_format;
  bool holds_data = false;
  CreateSpec create;
  ReadSpec read;
  std::vector<UpdateSpec> updates;
  TagSpec tags;
  DeleteSpec del;
  FindStyle find = FindStyle::kNone;
  // Waiters of the service's waiters-2.json (aws/waiters.h) run after the create call (once
  // the resource is journaled as made) and after the delete: "NatGatewayAvailable". Their
  // operation is given the id at `waiter_id_member` ("NatGatewayIds": a one-item list).
  std::string create_waiter;
  std::string delete_waiter;
  std::string waiter_id_member;
  // Attribute -> input member, for a waiter naming the resource by several (AddonActive:
  // clusterName and addonName); instead of waiter_id_member.
  std::vector<std::pair<std::string, std::string>> waiter_members;
  // The type's waits and polls last at least this long (an EKS control plane: 45 minutes);
  // 0: the apply's own bound.
  std::chrono::milliseconds poll_timeout{0};
  ChangeWaitSpec change_wait;
  // How long a create usually takes (the apply schedules long chains first); 0: the default.
  std::chrono::milliseconds typical_create{0};
  SpecHooks hooks;
};

// The engine's view of the spec: the attributes with their flags, plus "tags" when the spec
// has a tag style.
ResourceSchema SchemaOf(const ResourceSpec& spec);

}  // namespace pave::aws_provider
