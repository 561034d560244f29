#include "aws/model_blob.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace pave::aws {

namespace {

constexpr char kMagic[4] = {'P', 'V', 'M', '2'};
constexpr size_t kHeaderSize = 8;

}  // namespace

Result<std::string> EncodeModelBlob(std::string_view json_text) {
  if (json_text.size() > UINT32_MAX) return Status::InvalidArgument("model too large");
  uLongf bound = compressBound(static_cast<uLong>(json_text.size()));
  std::string out(kHeaderSize + bound, '\0');
  std::memcpy(out.data(), kMagic, 4);
  auto size = static_cast<uint32_t>(json_text.size());
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((size >> (8 * i)) & 0xff);
  int rc = compress2(reinterpret_cast<Bytef*>(out.data() + kHeaderSize), &bound,
                     reinterpret_cast<const Bytef*>(json_text.data()),
                     static_cast<uLong>(json_text.size()), Z_BEST_COMPRESSION);
  if (rc != Z_OK) return Status::Internal("zlib compress failed: " + std::to_string(rc));
  out.resize(kHeaderSize + bound);
  return out;
}

Result<std::string> DecodeModelBlob(std::string_view blob) {
  if (blob.size() < kHeaderSize || std::memcmp(blob.data(), kMagic, 4) != 0) {
    return Status::DataLoss("model blob has no PVM2 header");
  }
  uint32_t size = 0;
  for (int i = 0; i < 4; ++i) {
    size |= static_cast<uint32_t>(static_cast<unsigned char>(blob[4 + i])) << (8 * i);
  }
  std::string out(size, '\0');
  uLongf out_len = size;
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &out_len,
                      reinterpret_cast<const Bytef*>(blob.data() + kHeaderSize),
                      static_cast<uLong>(blob.size() - kHeaderSize));
  if (rc != Z_OK || out_len != size) {
    return Status::DataLoss("model blob does not decompress (zlib " + std::to_string(rc) + ")");
  }
  return out;
}

}  // namespace pave::aws
