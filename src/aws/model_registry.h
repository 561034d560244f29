// ModelRegistry: the service models pave carries, each opened on first use.
//
// The embedded registry holds the botocore models chosen at configure time (see
// protocols.cmake). Opening one indexes its image in place (ec2: a fraction of a
// millisecond); operations and shapes are then built as they are used (model.h).
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model.h"
#include "aws/model_blob.h"
#include "core/status.h"

namespace pave::aws {

class ModelRegistry {
 public:
  explicit ModelRegistry(std::span<const EmbeddedModelBlob> blobs);
  ModelRegistry(const ModelRegistry&) = delete;
  ModelRegistry& operator=(const ModelRegistry&) = delete;

  // The registry of the models built into pave. Lives for the whole process; its contents
  // are immutable once built, so sharing it is safe.
  static const ModelRegistry& Embedded();

  // The model of `service` ("ec2", "iam"...). NotFound with a suggestion for unknown names.
  // Thread-safe; the first call for a service opens it.
  Result<const ServiceModel*> Get(std::string_view service) const;
  std::vector<std::string> ServiceNames() const;

 private:
  struct Entry {
    const EmbeddedModelBlob* blob;
    mutable std::once_flag once;
    mutable std::unique_ptr<ServiceModel> model;  // written once under `once`
    mutable Status status;                        // written once under `once`
  };
  std::vector<std::unique_ptr<Entry>> entries_;
};

}  // namespace pave::aws
