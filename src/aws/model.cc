#include "aws/model.h"

#include <algorithm>

namespace pave::aws {

using Json = nlohmann::ordered_json;

const Member* Shape::FindMember(std::string_view member_name) const {
  auto it = member_index_.find(member_name);
  return it == member_index_.end() ? nullptr : &members[it->second];
}

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_by_name_.find(name);
  return it == shapes_by_name_.end() ? nullptr : it->second;
}

const Paginator* ServiceModel::FindPaginator(std::string_view operation) const {
  auto it = paginators_.find(operation);
  return it == paginators_.end() ? nullptr : &it->second;
}

std::vector<std::string> ServiceModel::OperationNames() const {
  std::vector<std::string> names;
  names.reserve(operations_.size());
  for (const auto& [name, op] : operations_) names.push_back(name);
  return names;
}

const char* ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kEc2:
      return "ec2";
    case Protocol::kQuery:
      return "query";
    case Protocol::kJson:
      return "json";
    case Protocol::kRestJson:
      return "rest-json";
    case Protocol::kRestXml:
      return "rest-xml";
  }
  return "?";
}

const char* ShapeTypeName(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure:
      return "structure";
    case ShapeType::kList:
      return "list";
    case ShapeType::kMap:
      return "map";
    case ShapeType::kString:
      return "string";
    case ShapeType::kInteger:
      return "integer";
    case ShapeType::kLong:
      return "long";
    case ShapeType::kFloat:
      return "float";
    case ShapeType::kDouble:
      return "double";
    case ShapeType::kBoolean:
      return "boolean";
    case ShapeType::kTimestamp:
      return "timestamp";
    case ShapeType::kBlob:
      return "blob";
  }
  return "?";
}

namespace {

std::string Str(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

bool Flag(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

// String or list of strings, as paginators write tokens and result keys.
std::vector<std::string> StrList(const Json& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const Json& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

Result<ShapeType> ParseShapeType(const std::string& type) {
  static constexpr std::pair<const char*, ShapeType> kTypes[] = {
      {"structure", ShapeType::kStructure},
      {"list", ShapeType::kList},
      {"map", ShapeType::kMap},
      {"string", ShapeType::kString},
      {"integer", ShapeType::kInteger},
      {"long", ShapeType::kLong},
      {"float", ShapeType::kFloat},
      {"double", ShapeType::kDouble},
      {"boolean", ShapeType::kBoolean},
      {"timestamp", ShapeType::kTimestamp},
      {"blob", ShapeType::kBlob},
  };
  for (const auto& [name, value] : kTypes) {
    if (type == name) return value;
  }
  return Status::InvalidArgument("unknown shape type \"" + type + "\"");
}

Result<Location> ParseLocation(const std::string& location) {
  if (location.empty()) return Location::kBody;
  if (location == "uri") return Location::kUri;
  if (location == "querystring") return Location::kQueryString;
  if (location == "header") return Location::kHeader;
  if (location == "headers") return Location::kHeaders;
  if (location == "statusCode") return Location::kStatusCode;
  return Status::InvalidArgument("unknown member location \"" + location + "\"");
}

TimestampFormat ParseTimestampFormat(const std::string& format) {
  if (format == "iso8601") return TimestampFormat::kIso8601;
  if (format == "unixTimestamp") return TimestampFormat::kUnixTimestamp;
  if (format == "rfc822") return TimestampFormat::kRfc822;
  return TimestampFormat::kProtocolDefault;
}

Result<Protocol> ParseProtocol(const std::string& protocol) {
  if (protocol == "ec2") return Protocol::kEc2;
  if (protocol == "query") return Protocol::kQuery;
  if (protocol == "json") return Protocol::kJson;
  if (protocol == "rest-json") return Protocol::kRestJson;
  if (protocol == "rest-xml") return Protocol::kRestXml;
  return Status::Unimplemented("unsupported protocol \"" + protocol + "\"");
}

XmlNamespace ParseXmlNamespace(const Json& obj) {
  XmlNamespace ns;
  auto it = obj.find("xmlNamespace");
  if (it == obj.end()) return ns;
  if (it->is_string()) {
    ns.uri = it->get<std::string>();
  } else if (it->is_object()) {
    ns.prefix = Str(*it, "prefix");
    ns.uri = Str(*it, "uri");
  }
  return ns;
}

// Calls fn(name, body) for each entry of a botocore map: a JSON object, or the compact
// form's array of [name, body] pairs (model_blob.h).
template <typename Fn>
Status ForEachEntry(const Json& map, Fn fn) {
  if (map.is_object()) {
    for (const auto& item : map.items()) RETURN_IF_ERROR(fn(item.key(), item.value()));
    return Status::Ok();
  }
  if (!map.is_array()) return Status::InvalidArgument("expected an object or a list of pairs");
  for (const Json& pair : map) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) {
      return Status::InvalidArgument("expected [name, body] pairs");
    }
    RETURN_IF_ERROR(fn(pair[0].get_ref<const std::string&>(), pair[1]));
  }
  return Status::Ok();
}

}  // namespace

// Two passes: create every shape, then resolve references (shapes refer to each other in
// any order, and recursively).
class ModelBuilder {
 public:
  explicit ModelBuilder(std::string service) : model_(std::make_unique<ServiceModel>()) {
    model_->name_ = std::move(service);
  }

  Result<std::unique_ptr<ServiceModel>> Build(const Json& doc) {
    RETURN_IF_ERROR(ParseMetadata(doc.at("metadata")));
    // Shape bodies by index: an ordered_json object looks keys up linearly.
    std::vector<const Json*> bodies;
    RETURN_IF_ERROR(ForEachEntry(doc.at("shapes"), [&](const std::string& name, const Json& body) {
      auto shape = std::make_unique<Shape>();
      shape->name = name;
      model_->shapes_by_name_[name] = shape.get();
      model_->shapes_.push_back(std::move(shape));
      bodies.push_back(&body);
      return Status::Ok();
    }));
    // Own traits of every shape first: references copy them.
    for (size_t i = 0; i < bodies.size(); ++i) {
      Shape* shape = model_->shapes_[i].get();
      RETURN_IF_ERROR(FillOwnTraits(shape, *bodies[i]).WithContext("shape " + shape->name));
    }
    for (size_t i = 0; i < bodies.size(); ++i) {
      Shape* shape = model_->shapes_[i].get();
      RETURN_IF_ERROR(ResolveRefs(shape, *bodies[i]).WithContext("shape " + shape->name));
    }
    RETURN_IF_ERROR(
        ForEachEntry(doc.at("operations"), [&](const std::string& name, const Json& body) {
          return AddOperation(name, body).WithContext("operation " + name);
        }));
    auto pagination = doc.find("pagination");
    if (pagination != doc.end()) {
      RETURN_IF_ERROR(ForEachEntry(*pagination, [&](const std::string& name, const Json& body) {
        AddPaginator(name, body);
        return Status::Ok();
      }));
    }
    return std::move(model_);
  }

 private:
  Status ParseMetadata(const Json& md) {
    ServiceMetadata& m = model_->metadata_;
    ASSIGN_OR_RETURN(m.protocol, ParseProtocol(Str(md, "protocol")));
    m.api_version = Str(md, "apiVersion");
    m.endpoint_prefix = Str(md, "endpointPrefix");
    m.service_id = Str(md, "serviceId");
    m.signing_name = Str(md, "signingName");
    if (m.signing_name.empty()) m.signing_name = m.endpoint_prefix;
    m.signature_version = Str(md, "signatureVersion");
    m.target_prefix = Str(md, "targetPrefix");
    m.json_version = Str(md, "jsonVersion");
    m.global_endpoint = Str(md, "globalEndpoint");
    m.xml_namespace = Str(md, "xmlNamespace");
    m.aws_query_compatible = md.contains("awsQueryCompatible");
    return Status::Ok();
  }

  Result<const Shape*> Lookup(const std::string& name) const {
    const Shape* shape = model_->FindShape(name);
    if (shape == nullptr) return Status::InvalidArgument("unknown shape \"" + name + "\"");
    return shape;
  }

  // A reference's traits merged over its target shape's.
  Result<ShapeRef> MakeRef(const Json& ref) const {
    ShapeRef r;
    ASSIGN_OR_RETURN(r.shape, Lookup(Str(ref, "shape")));
    const Shape& s = *r.shape;
    ASSIGN_OR_RETURN(r.location, ParseLocation(Str(ref, "location")));
    r.location_name = Str(ref, "locationName");
    if (r.location_name.empty()) r.location_name = s.location_name;
    r.query_name = Str(ref, "queryName");
    r.flattened = Flag(ref, "flattened") || s.flattened;
    r.xml_attribute = Flag(ref, "xmlAttribute");
    r.idempotency_token = Flag(ref, "idempotencyToken");
    r.json_value = Flag(ref, "jsonvalue");
    r.host_label = Flag(ref, "hostLabel");
    r.streaming = Flag(ref, "streaming");
    r.xml_namespace = ParseXmlNamespace(ref);
    if (r.xml_namespace.empty()) r.xml_namespace = s.xml_namespace;
    r.timestamp_format = ParseTimestampFormat(Str(ref, "timestampFormat"));
    if (r.timestamp_format == TimestampFormat::kProtocolDefault) {
      r.timestamp_format = s.timestamp_format;
    }
    return r;
  }

  Status FillOwnTraits(Shape* shape, const Json& body) {
    ASSIGN_OR_RETURN(shape->type, ParseShapeType(Str(body, "type")));
    shape->location_name = Str(body, "locationName");
    shape->flattened = Flag(body, "flattened");
    shape->xml_namespace = ParseXmlNamespace(body);
    shape->timestamp_format = ParseTimestampFormat(Str(body, "timestampFormat"));
    shape->exception = Flag(body, "exception");
    shape->is_union = Flag(body, "union");
    shape->document = Flag(body, "document");
    shape->sensitive = Flag(body, "sensitive");
    shape->payload = Str(body, "payload");
    shape->required = StrList(body, "required");
    return Status::Ok();
  }

  Status ResolveRefs(Shape* shape, const Json& body) {
    switch (shape->type) {
      case ShapeType::kStructure: {
        auto members = body.find("members");
        if (members == body.end()) return Status::Ok();
        for (const auto& [name, ref] : members->items()) {
          ASSIGN_OR_RETURN(ShapeRef r, MakeRef(ref));
          shape->member_index_[name] = shape->members.size();
          shape->members.push_back(Member{name, std::move(r)});
        }
        return Status::Ok();
      }
      case ShapeType::kList: {
        ASSIGN_OR_RETURN(shape->member, MakeRef(body.at("member")));
        return Status::Ok();
      }
      case ShapeType::kMap: {
        ASSIGN_OR_RETURN(shape->key, MakeRef(body.at("key")));
        ASSIGN_OR_RETURN(shape->value, MakeRef(body.at("value")));
        return Status::Ok();
      }
      case ShapeType::kString:
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kFloat:
      case ShapeType::kDouble:
      case ShapeType::kBoolean:
      case ShapeType::kTimestamp:
      case ShapeType::kBlob:
        return Status::Ok();
    }
    return Status::Ok();
  }

  Status AddOperation(const std::string& name, const Json& body) {
    Operation op;
    op.name = name;
    auto http = body.find("http");
    if (http != body.end()) {
      if (http->contains("method")) op.http_method = Str(*http, "method");
      if (http->contains("requestUri")) op.request_uri = Str(*http, "requestUri");
      auto code = http->find("responseCode");
      if (code != http->end() && code->is_number_integer()) op.response_code = code->get<int>();
    }
    auto input = body.find("input");
    if (input != body.end()) {
      ASSIGN_OR_RETURN(op.input, Lookup(Str(*input, "shape")));
      op.input_location_name = Str(*input, "locationName");
      op.input_xml_namespace = ParseXmlNamespace(*input);
      for (const Member& m : op.input->members) {
        if (m.ref.idempotency_token) op.idempotency_token_members.push_back(m.name);
      }
    }
    auto output = body.find("output");
    if (output != body.end()) {
      ASSIGN_OR_RETURN(op.output, Lookup(Str(*output, "shape")));
      op.result_wrapper = Str(*output, "resultWrapper");
    }
    auto errors = body.find("errors");
    if (errors != body.end()) {
      for (const Json& e : *errors)
        op.errors.push_back(e.is_string() ? e.get<std::string>() : Str(e, "shape"));
    }
    auto endpoint = body.find("endpoint");
    if (endpoint != body.end()) op.host_prefix = Str(*endpoint, "hostPrefix");
    auto checksum = body.find("httpChecksum");
    op.checksum_required = Flag(body, "httpChecksumRequired") ||
                           (checksum != body.end() && Flag(*checksum, "requestChecksumRequired"));
    op.unsigned_request = Str(body, "authtype") == "none";
    op.unsigned_payload = Flag(body, "unsignedPayload");
    model_->operations_[name] = std::move(op);
    return Status::Ok();
  }

  void AddPaginator(const std::string& name, const Json& body) {
    Paginator p;
    p.input_token = StrList(body, "input_token");
    p.output_token = StrList(body, "output_token");
    p.result_key = StrList(body, "result_key");
    p.more_results = Str(body, "more_results");
    p.limit_key = Str(body, "limit_key");
    p.non_aggregate_keys = StrList(body, "non_aggregate_keys");
    model_->paginators_[name] = std::move(p);
  }

 private:
  std::unique_ptr<ServiceModel> model_;
};

Result<std::unique_ptr<ServiceModel>> BuildServiceModel(const std::string& service,
                                                        const Json& doc) {
  try {
    return ModelBuilder(service).Build(doc);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument("model of " + service + ": " + e.what());
  }
}

}  // namespace pave::aws
