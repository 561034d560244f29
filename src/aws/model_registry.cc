#include "aws/model_registry.h"

#include <algorithm>

#include "core/diagnostic.h"

namespace pave::aws {

namespace {

Result<std::unique_ptr<ServiceModel>> OpenBlob(const EmbeddedModelBlob& blob) {
  std::string_view bytes(reinterpret_cast<const char*>(blob.begin),
                         static_cast<size_t>(blob.end - blob.begin));
  ASSIGN_OR_RETURN(auto image, ReadModelImage(bytes));
  return OpenServiceModel(blob.service, std::move(image));
}

}  // namespace

ModelRegistry::ModelRegistry(std::span<const EmbeddedModelBlob> blobs) {
  for (const EmbeddedModelBlob& blob : blobs) {
    auto entry = std::make_unique<Entry>();
    entry->blob = &blob;
    entries_.push_back(std::move(entry));
  }
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return std::string_view(a->blob->service) < std::string_view(b->blob->service);
  });
}

const ModelRegistry& ModelRegistry::Embedded() {
  static const ModelRegistry registry(EmbeddedModelBlobs());
  return registry;
}

Result<const ServiceModel*> ModelRegistry::Get(std::string_view service) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), service,
                             [](const auto& e, std::string_view name) {
                               return std::string_view(e->blob->service) < name;
                             });
  if (it == entries_.end() || std::string_view((*it)->blob->service) != service) {
    std::string message = "unknown aws service \"" + std::string(service) + "\"";
    std::string close = ClosestMatch(std::string(service), ServiceNames());
    if (!close.empty()) message += " (did you mean \"" + close + "\"?)";
    return Status::NotFound(message);
  }
  const Entry& entry = **it;
  std::call_once(entry.once, [&entry] {
    auto model = OpenBlob(*entry.blob);
    if (model.ok()) {
      entry.model = std::move(model).value();
    } else {
      entry.status =
          model.status().WithContext("embedded model " + std::string(entry.blob->service));
    }
  });
  if (!entry.status.ok()) return entry.status;
  return static_cast<const ServiceModel*>(entry.model.get());
}

std::vector<std::string> ModelRegistry::ServiceNames() const {
  std::vector<std::string> names;
  for (const auto& e : entries_) names.emplace_back(e->blob->service);
  return names;
}

}  // namespace pave::aws
