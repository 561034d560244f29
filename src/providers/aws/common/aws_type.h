// AwsResourceType: the base of the AWS resource types — holds the schema, the client and the
// poller, and the steps most types share (read back after a write, tag updates, adoption).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/common/poller.h"

namespace pave::aws_provider {

class AwsResourceType : public ResourceType {
 public:
  const ResourceSchema& schema() const override { return schema_; }

  // Of several candidates (AWS items) for adoption, the one whose pave:token tag is the
  // context's token; else the only one tagged with the address; else nullopt. Items of
  // another state's lineage (OwnershipOf) are never picked.
  static std::optional<Value> PickAdoptable(const OperationContext& ctx,
                                            const std::vector<Value>& items,
                                            const std::string& tags_member = "Tags");

 protected:
  AwsResourceType(AwsTypeDeps deps, ResourceSchema schema)
      : deps_(std::move(deps)), schema_(std::move(schema)), poller_(deps_.env, deps_.poll) {}

  aws::AwsClient* client() const { return deps_.client; }
  const Poller& poller() const { return poller_; }
  Result<Value> Ec2(const std::string& operation, const Value& input) const {
    return deps_.client->Call("ec2", operation, input);
  }
  std::string region() const { return deps_.client->region(); }
  Result<std::string> Account() const { return deps_.account->Get(); }

  // Reads the resource `key` (which holds "id" and whatever Read filters on) after a write,
  // looking again until Describe shows it (EC2 is eventually consistent). In a create it first
  // reports the resource made (ctx.CreatedComplete, or ctx.Created when `create_done` is false
  // because steps follow), so a read that fails leaves the resource recorded.
  Result<Value> ReadBack(const OperationContext& ctx, const Value& key, bool create_done = true);
  // Makes the EC2 resource's user tags equal desired["tags"] (CreateTags / DeleteTags) and
  // re-asserts the managed pave:platform / pave:address tags. Reports ctx.Created({id}) first.
  Status SyncEc2Tags(const OperationContext& ctx, const std::string& id, const Value& prior,
                     const Value& desired);

  AwsTypeDeps deps_;
  ResourceSchema schema_;
  Poller poller_;
};

}  // namespace pave::aws_provider
