// A fast, read-only YAML tree for the hot part of the platform file (its `resources` list),
// built from libyaml's event parser into one flat array: no node per heap allocation, every
// node with its 0-based line and column (the same marks yaml-cpp gives).
//
// It covers only plain YAML: one document, no anchors, aliases or explicit tags, scalar keys
// without duplicates or merge keys (<<), nesting within a limit. Anything else — and any
// syntax error — makes Parse return nullopt, and the caller loads the file with the full
// loader (yaml_loader.h), which reports it with the usual message and location. So this
// tree never produces a diagnostic of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace pave {

class YamlTree {
 public:
  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };
  using Id = uint32_t;
  static constexpr Id kNone = UINT32_MAX;

  // Parses `text`; nullopt when it is outside the plain subset above or not valid YAML.
  static std::optional<YamlTree> Parse(std::string_view text, int max_depth);

  Id root() const { return 0; }
  Kind kind(Id id) const { return nodes_[id].kind; }
  // A scalar written without quotes or block style (yaml-cpp's tag "?").
  bool plain(Id id) const { return nodes_[id].plain; }
  bool block(Id id) const { return nodes_[id].block; }
  // 0-based. An empty null value stands where libyaml puts it (yaml-cpp differs): not for
  // messages.
  int line(Id id) const { return static_cast<int>(nodes_[id].line); }
  int column(Id id) const { return static_cast<int>(nodes_[id].column); }  // 0-based
  // The text of a scalar (also of a null: "~", "null" or empty).
  std::string_view text(Id id) const {
    return std::string_view(pool_).substr(nodes_[id].text_at, nodes_[id].text_size);
  }
  // Children in order; a map's are key, value, key, value...
  Id first_child(Id id) const { return nodes_[id].first_child; }
  Id next(Id id) const { return nodes_[id].next_sibling; }
  // The value at `key` of the map `id`, or kNone; with *key_id set to the key node.
  Id Find(Id map, std::string_view key, Id* key_id = nullptr) const;

 private:
  struct Node {
    Kind kind;
    bool plain = false;
    bool block = false;
    uint32_t line = 0, column = 0;
    uint32_t text_at = 0, text_size = 0;
    Id first_child = kNone, next_sibling = kNone;
  };
  friend class YamlTreeBuilder;

  std::vector<Node> nodes_;
  std::string pool_;  // the text of every scalar, one after another
};

// The Value the full loader (YamlToValue) gives the node `id`, or nullopt where it would
// report an error (an integer out of range).
std::optional<Value> YamlTreeToValue(const YamlTree& tree, YamlTree::Id id);

}  // namespace pave
