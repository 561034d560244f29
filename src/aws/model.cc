#include "aws/model.h"

#include <algorithm>

namespace pave::aws {

using Json = nlohmann::ordered_json;

const Member* Shape::FindMember(std::string_view member_name) const {
  auto it = member_index_.find(member_name);
  return it == member_index_.end() ? nullptr : &members[it->second];
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

std::optional<int64_t> OptInt(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
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

}  // namespace

// Builds the parts of a ServiceModel from the lines of its image, on demand. Every function
// runs with the model's mutex held.
class ModelBuilder {
 public:
  explicit ModelBuilder(const ServiceModel& model) : model_(model) {}

  static Status ParseMetadata(const Json& md, ServiceMetadata* m) {
    ASSIGN_OR_RETURN(m->protocol, ParseProtocol(Str(md, "protocol")));
    m->api_version = Str(md, "apiVersion");
    m->endpoint_prefix = Str(md, "endpointPrefix");
    m->service_id = Str(md, "serviceId");
    m->signing_name = Str(md, "signingName");
    if (m->signing_name.empty()) m->signing_name = m->endpoint_prefix;
    m->signature_version = Str(md, "signatureVersion");
    m->target_prefix = Str(md, "targetPrefix");
    m->json_version = Str(md, "jsonVersion");
    m->global_endpoint = Str(md, "globalEndpoint");
    m->xml_namespace = Str(md, "xmlNamespace");
    m->aws_query_compatible = md.contains("awsQueryCompatible");
    return Status::Ok();
  }

  // The shape `name`, built with every shape it reaches. A shape enters the map once its own
  // traits are set and before its references are resolved, so recursive shapes resolve.
  Result<const Shape*> GetShape(std::string_view name) {
    if (auto it = model_.shapes_.find(name); it != model_.shapes_.end()) return it->second.get();
    std::string_view text = ModelImage::Find(model_.image_->shapes, name);
    if (text.empty()) return Status::InvalidArgument("unknown shape \"" + std::string(name) + "\"");
    ASSIGN_OR_RETURN(Json body, ParseJson(text));
    auto shape = std::make_unique<Shape>();
    shape->name = std::string(name);
    RETURN_IF_ERROR(FillOwnTraits(shape.get(), body).WithContext("shape " + shape->name));
    Shape* raw = shape.get();
    model_.shapes_.emplace(raw->name, std::move(shape));
    RETURN_IF_ERROR(ResolveRefs(raw, body).WithContext("shape " + raw->name));
    return static_cast<const Shape*>(raw);
  }

  Result<const Operation*> GetOperation(std::string_view name) {
    auto& ops = model_.operations_;
    if (auto it = ops.find(name); it != ops.end()) return static_cast<const Operation*>(it->second.get());
    std::string_view text = ModelImage::Find(model_.image_->operations, name);
    if (text.empty()) return Status::NotFound("no operation " + std::string(name));
    ASSIGN_OR_RETURN(Json body, ParseJson(text));
    auto op = std::make_unique<Operation>();
    op->name = std::string(name);
    RETURN_IF_ERROR(FillOperation(op.get(), body).WithContext("operation " + op->name));
    const Operation* raw = op.get();
    ops.emplace(raw->name, std::move(op));
    return raw;
  }

  Result<const Paginator*> GetPaginator(std::string_view name) {
    auto& pages = model_.paginators_;
    if (auto it = pages.find(name); it != pages.end()) return static_cast<const Paginator*>(it->second.get());
    std::string_view text = ModelImage::Find(model_.image_->paginators, name);
    if (text.empty()) return Status::NotFound("no paginator " + std::string(name));
    ASSIGN_OR_RETURN(Json body, ParseJson(text));
    auto p = std::make_unique<Paginator>();
    p->input_token = StrList(body, "input_token");
    p->output_token = StrList(body, "output_token");
    p->result_key = StrList(body, "result_key");
    p->more_results = Str(body, "more_results");
    p->limit_key = Str(body, "limit_key");
    p->non_aggregate_keys = StrList(body, "non_aggregate_keys");
    const Paginator* raw = p.get();
    pages.emplace(std::string(name), std::move(p));
    return raw;
  }

  static Result<std::unique_ptr<ServiceModel>> Open(const std::string& service,
                                                    std::unique_ptr<ModelImage> image) {
    auto model = std::make_unique<ServiceModel>(service, std::move(image));
    ASSIGN_OR_RETURN(Json md, ParseJson(model->image_->metadata));
    RETURN_IF_ERROR(ParseMetadata(md, &model->metadata_).WithContext("model of " + service));
    return model;
  }

  // Every shape, operation and paginator, reporting the first error.
  static Status BuildAll(const ServiceModel& model) {
    std::lock_guard lock(model.mu_);
    ModelBuilder b(model);
    for (const auto& [name, text] : model.image_->shapes) RETURN_IF_ERROR(b.GetShape(name).status());
    for (const auto& [name, text] : model.image_->operations) {
      RETURN_IF_ERROR(b.GetOperation(name).status());
    }
    for (const auto& [name, text] : model.image_->paginators) {
      RETURN_IF_ERROR(b.GetPaginator(name).status());
    }
    return Status::Ok();
  }

  static Result<Json> ParseJson(std::string_view text) {
    Json body = Json::parse(text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return Status::InvalidArgument("model entry is not a JSON object");
    }
    return body;
  }

 private:
  // A reference's traits merged over its target shape's.
  Result<ShapeRef> MakeRef(const Json& ref) {
    ShapeRef r;
    ASSIGN_OR_RETURN(r.shape, GetShape(Str(ref, "shape")));
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

  static Status FillOwnTraits(Shape* shape, const Json& body) {
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
    shape->enum_values = StrList(body, "enum");
    shape->pattern = Str(body, "pattern");
    shape->min = OptInt(body, "min");
    shape->max = OptInt(body, "max");
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

  Status FillOperation(Operation* op, const Json& body) {
    auto http = body.find("http");
    if (http != body.end()) {
      if (http->contains("method")) op->http_method = Str(*http, "method");
      if (http->contains("requestUri")) op->request_uri = Str(*http, "requestUri");
      auto code = http->find("responseCode");
      if (code != http->end() && code->is_number_integer()) op->response_code = code->get<int>();
    }
    auto input = body.find("input");
    if (input != body.end()) {
      ASSIGN_OR_RETURN(op->input, GetShape(Str(*input, "shape")));
      op->input_location_name = Str(*input, "locationName");
      op->input_xml_namespace = ParseXmlNamespace(*input);
      for (const Member& m : op->input->members) {
        if (m.ref.idempotency_token) op->idempotency_token_members.push_back(m.name);
      }
    }
    auto output = body.find("output");
    if (output != body.end()) {
      ASSIGN_OR_RETURN(op->output, GetShape(Str(*output, "shape")));
      op->result_wrapper = Str(*output, "resultWrapper");
    }
    auto errors = body.find("errors");
    if (errors != body.end()) {
      for (const Json& e : *errors)
        op->errors.push_back(e.is_string() ? e.get<std::string>() : Str(e, "shape"));
    }
    auto endpoint = body.find("endpoint");
    if (endpoint != body.end()) op->host_prefix = Str(*endpoint, "hostPrefix");
    auto checksum = body.find("httpChecksum");
    op->checksum_required = Flag(body, "httpChecksumRequired") ||
                            (checksum != body.end() && Flag(*checksum, "requestChecksumRequired"));
    op->unsigned_request = Str(body, "authtype") == "none";
    op->unsigned_payload = Flag(body, "unsignedPayload");
    return Status::Ok();
  }

  const ServiceModel& model_;
};

ServiceModel::ServiceModel(std::string name, std::unique_ptr<ModelImage> image)
    : name_(std::move(name)), image_(std::move(image)) {}

ServiceModel::~ServiceModel() = default;

// A lookup that fails to build (a damaged image: embedded models are checked whole at build
// time) finds nothing.
const Operation* ServiceModel::FindOperation(std::string_view name) const {
  std::lock_guard lock(mu_);
  try {
    auto op = ModelBuilder(*this).GetOperation(name);
    return op.ok() ? *op : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  std::lock_guard lock(mu_);
  try {
    auto shape = ModelBuilder(*this).GetShape(name);
    return shape.ok() ? *shape : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

const Paginator* ServiceModel::FindPaginator(std::string_view operation) const {
  std::lock_guard lock(mu_);
  auto p = ModelBuilder(*this).GetPaginator(operation);
  return p.ok() ? *p : nullptr;
}

std::string_view ServiceModel::FindWaiterText(std::string_view name) const {
  return ModelImage::Find(image_->waiters, name);
}

std::vector<std::string> ServiceModel::OperationNames() const {
  std::vector<std::string> names;
  names.reserve(image_->operations.size());
  for (const auto& [name, text] : image_->operations) names.emplace_back(name);
  return names;
}

Result<std::unique_ptr<ServiceModel>> OpenServiceModel(const std::string& service,
                                                       std::unique_ptr<ModelImage> image) {
  return ModelBuilder::Open(service, std::move(image));
}

Result<std::unique_ptr<ServiceModel>> BuildServiceModel(const std::string& service,
                                                        const Json& doc) {
  auto image = MakeModelImage(doc);
  if (!image.ok()) return image.status().WithContext("model of " + service);
  ASSIGN_OR_RETURN(auto model, OpenServiceModel(service, std::move(image).value()));
  try {
    RETURN_IF_ERROR(ModelBuilder::BuildAll(*model).WithContext("model of " + service));
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument("model of " + service + ": " + e.what());
  }
  return model;
}

}  // namespace pave::aws
