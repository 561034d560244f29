// ModelRegistry: the service models pave carries, each parsed on first use.
//
// The embedded registry holds the botocore models chosen at configure time (see
// protocols.cmake). Parsing ec2 (the largest) takes tens of milliseconds, so it happens once
// per process and only for the services a run calls.
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
  // are immutable once parsed, so sharing it is safe.
  static const ModelRegistry& Embedded();

  // The model of `service` ("ec2", "iam"...). NotFound with a suggestion for unknown names.
  // Thread-safe; the first call for a service parses it.
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
