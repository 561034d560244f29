// ObjectStore: the few object-storage calls the S3 state backend needs, as a seam so that
// pave_state does not depend on the AWS client (state/s3_object_store.h implements it with
// S3). Writes can be conditional on the object's ETag: that is what makes the lock and the
// lost-update check safe without any other coordination.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pave {

struct StoredObject {
  std::string body;
  std::string etag;  // as the store returns it (S3: quoted hex)
};

// When a Put or Delete may take effect.
struct WriteCondition {
  enum class Kind { kAlways, kIfAbsent, kIfMatch };
  Kind kind = Kind::kAlways;
  std::string etag;  // kIfMatch

  static WriteCondition Always() { return {}; }
  static WriteCondition IfAbsent() { return {Kind::kIfAbsent, ""}; }
  static WriteCondition IfMatch(std::string etag) { return {Kind::kIfMatch, std::move(etag)}; }
};

// The reason() of a Status for a write whose condition did not hold (S3's error code).
inline constexpr const char* kPreconditionFailed = "PreconditionFailed";

inline bool IsPreconditionFailed(const Status& s) { return s.reason() == kPreconditionFailed; }

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  // NotFound when there is no such object.
  virtual Result<StoredObject> Get(const std::string& key) = 0;
  // Returns the new ETag. A condition that does not hold: Aborted with reason
  // kPreconditionFailed (nothing written).
  virtual Result<std::string> Put(const std::string& key, std::string_view body,
                                  const WriteCondition& condition) = 0;
  // OK when the object is gone already (whatever the condition).
  virtual Status Delete(const std::string& key, const WriteCondition& condition) = 0;
  // Every key that starts with `prefix`, in lexicographic order.
  virtual Result<std::vector<std::string>> List(const std::string& prefix) = 0;
  // "s3://bucket/key", for messages.
  virtual std::string Describe(const std::string& key) const = 0;
};

}  // namespace pave
