// Model: what pave knows about an AWS service's API, read from the botocore model
// (service-2.json + paginators-1.json) that src/aws/modelgen compacts at build time into an
// image the build embeds in the binary (model_blob.h). Nothing here is read from disk at run
// time, and nothing is built before it is used: an operation, with every shape it reaches,
// is built from its lines of the image the first time it is looked up (microseconds to a
// millisecond), so a process that makes one ec2 call never builds ec2's 4,014 shapes.
//
// A ShapeRef is a use of a shape in a place (a structure member, a list member, a map key or
// value, an operation's input or output). As in botocore, the traits that say how the value
// travels (locationName, flattened, xmlNamespace, timestampFormat) are those of the reference
// merged over the shape's own: the reference wins.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model_blob.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kTimestamp,
  kBlob,
};

// Where a structure member travels in a REST request or response.
enum class Location { kBody, kUri, kQueryString, kHeader, kHeaders, kStatusCode };

enum class TimestampFormat { kProtocolDefault, kIso8601, kUnixTimestamp, kRfc822 };

enum class Protocol { kEc2, kQuery, kJson, kRestJson, kRestXml };

struct Shape;

struct XmlNamespace {
  std::string prefix;  // empty: the default namespace (xmlns="uri")
  std::string uri;
  bool empty() const { return uri.empty(); }
};

struct ShapeRef {
  const Shape* shape = nullptr;
  Location location = Location::kBody;
  std::string location_name;  // reference's locationName, else the shape's; may be empty
  std::string query_name;     // ec2 only
  bool flattened = false;
  bool xml_attribute = false;
  bool idempotency_token = false;
  bool json_value = false;  // a header holding base64 of JSON
  bool host_label = false;
  bool streaming = false;
  XmlNamespace xml_namespace;
  TimestampFormat timestamp_format = TimestampFormat::kProtocolDefault;
};

struct Member {
  std::string name;
  ShapeRef ref;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  // kStructure
  std::vector<Member> members;  // in model order (XML bodies keep it)
  std::vector<std::string> required;
  std::string payload;  // name of the member that is the whole body
  bool exception = false;
  bool is_union = false;
  bool document = false;   // free-form JSON
  bool sensitive = false;  // never logged
  // Validation limits, for kString, kInteger, kLong, kList and kMap shapes (others: none).
  // min/max bound a string's length, a list's or map's count, a number's value. `pattern` is
  // as the model gives it (a Java regex).
  std::vector<std::string> enum_values;
  std::string pattern;
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  // kList: member; kMap: key and value
  ShapeRef member;
  ShapeRef key;
  ShapeRef value;
  // The shape's own traits (already merged into every ShapeRef that points here).
  std::string location_name;
  bool flattened = false;
  XmlNamespace xml_namespace;
  TimestampFormat timestamp_format = TimestampFormat::kProtocolDefault;

  const Member* FindMember(std::string_view member_name) const;

 private:
  friend class ModelBuilder;
  std::map<std::string, size_t, std::less<>> member_index_;
};

struct Operation {
  std::string name;
  std::string http_method = "POST";
  std::string request_uri = "/";  // may hold a query part: "/{Bucket}?tagging"
  int response_code = 200;
  const Shape* input = nullptr;     // null when the operation takes no input
  std::string input_location_name;  // rest-xml: root element of the request body
  XmlNamespace input_xml_namespace;
  const Shape* output = nullptr;  // null when the operation returns nothing
  std::string result_wrapper;     // query: <OperationResult>
  std::vector<std::string> errors;
  std::string host_prefix;         // "{RequestRoute}." etc.
  bool checksum_required = false;  // body needs Content-MD5
  bool unsigned_request = false;   // authtype none: no SigV4 at all
  bool unsigned_payload = false;

  // Input members filled with a random UUID when the caller leaves them out.
  std::vector<std::string> idempotency_token_members;
};

struct Paginator {
  std::vector<std::string> input_token;
  std::vector<std::string> output_token;  // JMESPath-like: "A.B", "X || Y", "Contents[-1].Key"
  std::vector<std::string> result_key;
  std::string more_results;
  std::string limit_key;
  std::vector<std::string> non_aggregate_keys;
};

struct ServiceMetadata {
  Protocol protocol = Protocol::kJson;
  std::string api_version;
  std::string endpoint_prefix;
  std::string service_id;
  std::string signing_name;  // the endpoint prefix when the model has none
  std::string signature_version;
  std::string target_prefix;
  std::string json_version;  // "1.0" or "1.1"
  std::string global_endpoint;
  std::string xml_namespace;
  bool aws_query_compatible = false;
};

// A service's operations, shapes and paginators. The Find functions build what they return
// on first use (an operation with every shape reachable from it) and keep it for the life of
// the model; they are thread-safe, and what they return is immutable and stays valid.
class ServiceModel {
 public:
  ServiceModel(std::string name, std::unique_ptr<ModelImage> image);
  ~ServiceModel();

  const std::string& name() const { return name_; }
  const ServiceMetadata& metadata() const { return metadata_; }
  const Operation* FindOperation(std::string_view name) const;
  const Shape* FindShape(std::string_view name) const;
  const Paginator* FindPaginator(std::string_view operation) const;
  // The JSON text of a waiter of waiters-2.json ("NatGatewayAvailable"); empty when absent.
  // Parsed by aws/waiters.h.
  std::string_view FindWaiterText(std::string_view name) const;
  std::vector<std::string> OperationNames() const;  // sorted

 private:
  friend class ModelBuilder;
  std::string name_;
  ServiceMetadata metadata_;
  std::unique_ptr<ModelImage> image_;
  mutable std::mutex mu_;  // guards the three maps of what is built
  mutable std::map<std::string, std::unique_ptr<Shape>, std::less<>> shapes_;
  mutable std::map<std::string, std::unique_ptr<Operation>, std::less<>> operations_;
  mutable std::map<std::string, std::unique_ptr<Paginator>, std::less<>> paginators_;
};

// A model over an image (model_blob.h), built lazily. Only the metadata is read here;
// InvalidArgument when it is not valid.
Result<std::unique_ptr<ServiceModel>> OpenServiceModel(const std::string& service,
                                                       std::unique_ptr<ModelImage> image);

// Builds a model from a botocore-shaped document: {"metadata", "operations", "shapes",
// optional "pagination"} (the full botocore service-2.json works, as does the compact form
// where those three maps are lists of [name, body] pairs), and builds every operation, shape
// and paginator of it at once, so that any error in the document is reported here (modelgen
// checks every embedded model this way at build time). `doc` must be an ordered_json so
// structure members keep their order.
Result<std::unique_ptr<ServiceModel>> BuildServiceModel(const std::string& service,
                                                        const nlohmann::ordered_json& doc);

const char* ProtocolName(Protocol protocol);
const char* ShapeTypeName(ShapeType type);

}  // namespace pave::aws
