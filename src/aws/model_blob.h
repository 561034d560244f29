// The model image: one service model as it is embedded in the pave binary, read in place.
//
// Format (version 3), written by src/aws/modelgen at build time and embedded uncompressed
// (the pages of a model nobody calls are never touched; those of one that is are mapped, not
// copied). Text, one entry per line; compact JSON never holds a raw tab or newline:
//   "PVM3\n"
//   "M\t" metadata "\n"                  the service's metadata object
//   "O\t" name "\t" operation "\n"      one per operation, sorted by name
//   "S\t" name "\t" shape "\n"          one per shape, sorted by name
//   "P\t" name "\t" paginator "\n"      one per paginator, sorted by name
//   "W\t" name "\t" waiter "\n"         one per waiter (waiters-2.json), sorted by name
// Each body is the stripped botocore object (documentation, examples and endpoint rules
// removed; a string, integer, long, list or map shape keeps its enum, pattern, min and max;
// structure member order kept). Reading an image indexes its lines
// (a fraction of a millisecond for ec2) and nothing else: the model builds an operation, and
// the shapes it reaches, from their lines when first asked for (model.h).
// Version 2 was the whole document as zlib-compressed JSON, built whole before a first call
// (about 80 ms for ec2's 4,014 shapes).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace pave::aws {

struct EmbeddedModelBlob {
  const char* service;  // botocore service name: "ec2", "secretsmanager"...
  const unsigned char* begin;
  const unsigned char* end;
};

// Every model embedded at build time, sorted by service name. Defined by the generated
// model_blobs.cc (see protocols.cmake).
std::span<const EmbeddedModelBlob> EmbeddedModelBlobs();

// The index of an image: views into its text, which must outlive it (embedded images live
// as long as the process; `owned` keeps the text of one written at run time).
struct ModelImage {
  using Entries = std::vector<std::pair<std::string_view, std::string_view>>;  // name, JSON

  std::string owned;
  std::string_view metadata;
  Entries operations;  // each sorted by name
  Entries shapes;
  Entries paginators;
  Entries waiters;  // by waiter name ("NatGatewayAvailable"); none when the service has none

  // The JSON text of `name` in `entries`; empty when absent.
  static std::string_view Find(const Entries& entries, std::string_view name);
};

// Indexes an image without copying it. DataLoss when it is damaged.
Result<std::unique_ptr<ModelImage>> ReadModelImage(std::string_view bytes);

// Writes the image of a botocore-shaped document: {"metadata", "operations", "shapes",
// optional "pagination"}, where the three maps are JSON objects (botocore's service-2.json)
// or lists of [name, body] pairs. InvalidArgument when the document is not of that shape.
Result<std::string> WriteModelImage(const nlohmann::ordered_json& doc);

// WriteModelImage then ReadModelImage, the image owning its text.
Result<std::unique_ptr<ModelImage>> MakeModelImage(const nlohmann::ordered_json& doc);

}  // namespace pave::aws
