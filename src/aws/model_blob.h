// The compact form of one service model as it is embedded in the pave binary.
//
// Format (version 2), written by src/aws/modelgen at build time:
//   bytes 0-3   magic "PVM2"
//   bytes 4-7   uncompressed size, little-endian uint32
//   bytes 8-    zlib stream (RFC 1950) of the stripped botocore document as compact JSON:
//               {"metadata": {...}, "operations": [[name, op]...], "shapes": [[name, shape]...],
//                "pagination": [[name, paginator]...]} with documentation, examples,
//               validation limits and endpoint rules removed, structure member order kept.
// Version 1 had the three maps as JSON objects (quadratic to parse in order).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

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

// Compresses a model document (JSON text) into the blob format.
Result<std::string> EncodeModelBlob(std::string_view json_text);
// The JSON text back from a blob; DataLoss when it is damaged.
Result<std::string> DecodeModelBlob(std::string_view blob);

}  // namespace pave::aws
