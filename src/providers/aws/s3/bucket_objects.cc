#include "providers/aws/s3/bucket_objects.h"

#include "providers/aws/common/attrs.h"

namespace pave::aws_provider {
namespace {

constexpr int64_t kPageSize = 1000;  // the most ListObjectVersions returns and DeleteObjects takes

// [{"Key":..,"VersionId":..}] of the versions and delete markers of one listing page.
Value Identifiers(const Value& page) {
  Value out = Value::array();
  for (const char* member : {"Versions", "DeleteMarkers"}) {
    for (const Value& v : page.value(member, Value::array())) {
      Value id = {{"Key", GetString(v, "Key")}};
      if (!GetString(v, "VersionId").empty()) id["VersionId"] = v["VersionId"];
      out.push_back(std::move(id));
    }
  }
  return out;
}

Result<Value> FirstPage(aws::AwsClient* client, const std::string& bucket) {
  return client->Call("s3", "ListObjectVersions", {{"Bucket", bucket}, {"MaxKeys", kPageSize}});
}

}  // namespace

std::string ObjectCount::ToString() const {
  if (more) return "more than " + std::to_string(versions) + " object versions";
  return std::to_string(versions) + (versions == 1 ? " object version" : " object versions");
}

Result<ObjectCount> CountObjectVersions(aws::AwsClient* client, const std::string& bucket) {
  ASSIGN_OR_RETURN(Value page, FirstPage(client, bucket));
  ObjectCount count;
  count.versions = static_cast<int64_t>(Identifiers(page).size());
  count.more = GetBool(page, "IsTruncated", false);
  return count;
}

Result<int64_t> EmptyBucket(aws::AwsClient* client, const std::string& bucket) {
  int64_t deleted = 0;
  Value last = Value::array();
  while (true) {
    // Always the first page: what was listed before is deleted by now.
    ASSIGN_OR_RETURN(Value page, FirstPage(client, bucket));
    Value objects = Identifiers(page);
    if (objects.empty()) return deleted;
    if (objects == last) {
      return Status::FailedPrecondition("objects of bucket " + bucket + " remain after DeleteObjects reported them deleted");
    }
    ASSIGN_OR_RETURN(Value out, client->Call("s3", "DeleteObjects",
                                             {{"Bucket", bucket}, {"Delete", {{"Objects", objects}, {"Quiet", true}}}}));
    const Value errors = out.value("Errors", Value::array());
    if (!errors.empty()) {
      const Value& e = errors[0];
      return Status::FailedPrecondition("cannot delete object \"" + GetString(e, "Key") + "\" of bucket " + bucket +
                                        ": " + GetString(e, "Code") + " " + GetString(e, "Message"))
          .WithReason(GetString(e, "Code"));
    }
    deleted += static_cast<int64_t>(objects.size());
    last = std::move(objects);
  }
}

}  // namespace pave::aws_provider
