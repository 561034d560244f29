// SpecResourceType: the one resource type that runs any ResourceSpec.
//
//  Create  validate hook; the create operation with the create members and tags (or the
//          tags right after it); the id from the output (or the key); the change wait;
//          updates for attributes the create call does not take; waits (a botocore waiter or
//          a hook's); a conflict code looks for the resource (Find) and adopts it if ours.
//  Read    batched: one Describe-by-filter per 200 ids, or one listing (all pages), or one
//          get a resource (16 in flight); detail calls of each found resource in parallel;
//          a read_group hook completes all found at once.
//  Update  each UpdateSpec whose attributes differ, in order (a parallel one beside them),
//          then tags, then a read-back.
//  Delete  the delete operation, retried while a retry code says "still in use".
//  Find    by key (unique name) or by the pave:* tags.
//  Create reports ctx.Created the moment the create call returns the id, before any other call.
#pragma once

#include <memory>
#include <mutex>

#include "aws/unsupported_operations.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/spec/resource_spec.h"
#include "providers/aws/spec/spec_constraints.h"

namespace pave::aws_provider {

class SpecResourceType : public AwsResourceType {
 public:
  SpecResourceType(AwsTypeDeps deps, ResourceSpec spec);

  const ResourceSpec& spec() const { return spec_; }
  const ResourceSchema& schema() const override { return constrained_.Get(AwsResourceType::schema(), spec_); }

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override;
  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override;
  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override;
  Status Delete(const OperationContext& ctx, const Value& prior) override;
  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override;
  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
    return spec_.hooks.check_properties ? spec_.hooks.check_properties(properties) : std::vector<PropertyProblem>();
  }

 private:
  Result<Value> Call(const std::string& operation, const Value& input) const;
  // Read without what is kept as applied (the waiting period of a scheduled delete).
  Result<std::vector<std::optional<Value>>> ReadAll(const std::vector<ReadRequest>& requests);
  Result<std::vector<Value>> ReadItems(const std::vector<std::string>& keys) const;
  // ReadStyle::kGetEach: the item of the resource `key` names (its get_members), nullopt when gone.
  Result<std::optional<Value>> GetItem(const Value& key) const;
  Result<std::vector<std::optional<Value>>> ReadEach(const std::vector<ReadRequest>& requests) const;
  // A singleton's read (ResourceSpec::singleton): one call, the account's setting for every request.
  Result<std::vector<std::optional<Value>>> ReadSingleton(const std::vector<ReadRequest>& requests) const;
  // `account` fills the spec's arn_format.
  Result<std::optional<Value>> ToAttributes(const Value& item, const Value& prior, const std::string& account) const;
  Result<Value> CreateInput(const OperationContext& ctx, const Value& desired) const;
  // `token`: the request token of calls that take one (UpdateSpec::token_member); `*id`
  // becomes the new id a call gives the resource (UpdateSpec::id_output).
  Status ApplyUpdates(const OperationContext& ctx, std::string* id, const std::string& key, const Value& prior,
                      const Value& desired, const std::string& token, bool only_not_created) const;
  // Runs the waiter `waiter` for the resource `attrs` (ResourceSpec::waiter_id_member or
  // waiter_members).
  Status Wait(const OperationContext& ctx, const std::string& waiter, const Value& attrs) const;
  // ResourceSpec::change_wait for the change a create, update or delete call `answer`ed.
  Status WaitChange(const OperationContext& ctx, const Value& answer, const std::string& what) const;
  // The calls ApplyUpdates makes, in the spec's order.
  struct UpdateCall {
    std::string operation;
    Value input;
    const UpdateSpec* spec;
  };
  std::vector<UpdateCall> UpdateCalls(const std::string& key, const Value& prior, const Value& desired,
                                      const std::string& token, bool only_not_created) const;
  // UpdateSpec::item_member: a call for each item added to or taken from the list;
  // UpdateSpec::added_member: one call given both.
  static void ItemCalls(const UpdateSpec& u, const Value& input, const Value& prior, const Value& desired,
                        std::vector<UpdateCall>* calls);
  Status SyncTags(const OperationContext& ctx, const Value& prior, const Value& desired);
  // TagStyle::kRoute53: one ChangeTagsForResource call, after the create too (CreateHostedZone
  // takes no tags); the resource is named by the last path step of its attribute ("Z1").
  std::string TagResourceOf(const Value& attrs) const;
  Status ChangeRoute53Tags(const Value& attrs, const Value& add, const Value& remove) const;
  Status TagAfterCreate(const OperationContext& ctx, const Value& key, const Value& desired) const;
  // Sets the tags of every read resource from TagSpec::batch_list_operation (kRoute53).
  Status ReadRoute53Tags(std::vector<std::optional<Value>>* read) const;
  Result<std::optional<Value>> FindByTags(const OperationContext& ctx, const Value& desired);
  // The full tag list (pave:* tags too) of the resource `attrs` names, from the list
  // operation or a fresh read item; nullopt when the spec has no way to read it.
  Result<std::optional<Value>> ManagedTagList(const Value& attrs) const;
  // `attrs` when its tags say it is ctx's resource (or cannot be read); nullopt when not.
  Result<std::optional<Value>> CheckOwnTags(const OperationContext& ctx, Value attrs) const;
  // ReadBack, or SpecHooks::written when the spec has it.
  Result<Value> ReadWritten(const OperationContext& ctx, const Value& key, bool create_done);
  // `got` once SpecHooks::ready holds for it, reading again (polling) until then.
  Result<Value> WaitReady(const OperationContext& ctx, Value got);
  Status DeleteOnce(const OperationContext& ctx, const std::string& key, const Value& prior) const;
  // The key of a desired or prior value: the key attribute, or the id parts joined.
  std::string KeyOf(const Value& v) const;
  static void SetMembers(const std::vector<std::pair<std::string, std::string>>& members,
                         const Value& from, Value* input);
  // `desired` with "id" set: what ReadBack reads (and keeps unreadable values from).
  Value Key(const std::string& id, const Value& desired) const;
  SpecEnv Env() const { return {client(), region(), deps_.account.get(), &poller()}; }
  SpecEnv Env(const OperationContext& ctx) const {
    SpecEnv env = Env();
    env.ctx = &ctx;
    return env;
  }
  // The attribute the read's filter is given (ReadSpec::filter_attribute, else the key).
  const std::string& FilterAttribute() const {
    return spec_.read.filter_attribute.empty() ? spec_.key_attribute : spec_.read.filter_attribute;
  }
  // The key of a read item (ReadSpec::item_key, its last path step with key_last_step).
  std::string ItemKey(const Value& item) const;
  // RequestToken for the create's token member, as long as its model asks.
  std::string TokenFor(const OperationContext& ctx) const;

  ResourceSpec spec_;
  ConstrainedSchema constrained_;  // the schema with the model's limits (spec_constraints.h)
  mutable aws::UnsupportedOperations unsupported_;  // batch tag reads this endpoint lacks
  mutable std::once_flag token_once_;
  mutable size_t token_min_length_ = 0;
  mutable size_t token_max_length_ = 64;
  mutable bool token_word_only_ = false;
};

std::unique_ptr<ResourceType> NewSpecType(AwsTypeDeps deps, ResourceSpec spec);

// The token a request carries for the engine's idempotency token, as the member's model
// allows: its first `max_length` characters (64, the most any AWS ClientToken takes), or its
// SHA-256 hex (cut to max_length) when it is shorter than `min_length` (Secrets Manager's
// ClientRequestToken: 32) or, `word_only` (ACM's IdempotencyToken: \w+, at most 32), holds
// another character or is too long — the same for every attempt either way.
std::string RequestToken(const std::string& idempotency_token, size_t min_length = 32, size_t max_length = 64,
                         bool word_only = false);

// The longest common prefix of `names` ("" for none): one listing by prefix that covers
// every name of a batched read (DescribeLogGroups logGroupNamePrefix).
std::string CommonPrefix(const std::vector<std::string>& names);

// The value at dotted `path` of `v`, or null.
Value AtPath(const Value& v, const std::string& path);
// Sets the dotted `path` of `*v` (creating objects on the way).
void SetPath(Value* v, const std::string& path, Value value);

}  // namespace pave::aws_provider
