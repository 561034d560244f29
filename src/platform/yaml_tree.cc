#include "platform/yaml_tree.h"

#include <yaml.h>

#include <algorithm>

#include "platform/yaml_loader.h"

namespace pave {
namespace {

bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// libyaml's parser and its current event, released however the parse ends.
class EventStream {
 public:
  explicit EventStream(std::string_view text) {
    ok_ = yaml_parser_initialize(&parser_) != 0;
    if (ok_) {
      yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                   text.size());
    }
  }
  ~EventStream() {
    if (has_event_) yaml_event_delete(&event_);
    if (ok_) yaml_parser_delete(&parser_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The next event, or nullptr on a syntax error.
  const yaml_event_t* Next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = ok_ && yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool ok_ = false;
  bool has_event_ = false;
};

}  // namespace

class YamlTreeBuilder {
 public:
  YamlTreeBuilder(YamlTree* tree, int max_depth) : tree_(tree), max_depth_(max_depth) {}

  // Feeds one event; false when the text is outside the plain subset.
  bool Feed(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_NO_EVENT:
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        return true;
      case YAML_STREAM_END_EVENT:
        done_ = true;
        return !tree_->nodes_.empty() && open_.empty();
      case YAML_DOCUMENT_START_EVENT:
        return ++documents_ == 1;
      case YAML_ALIAS_EVENT:
        return false;
      case YAML_SCALAR_EVENT:
        return Scalar(e);
      case YAML_SEQUENCE_START_EVENT:
        if (e.data.sequence_start.anchor || e.data.sequence_start.tag) return false;
        return Open(e, YamlTree::Kind::kSequence,
                    e.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        if (e.data.mapping_start.anchor || e.data.mapping_start.tag) return false;
        return Open(e, YamlTree::Kind::kMap,
                    e.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
        open_.pop_back();
        return true;
      case YAML_MAPPING_END_EVENT:
        return CloseMap();
    }
    return false;
  }
  bool done() const { return done_; }

 private:
  struct Open_ {
    YamlTree::Id id;
    YamlTree::Id last = YamlTree::kNone;
  };

  bool Scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    if (s.anchor || s.tag) return false;
    std::string_view text(reinterpret_cast<const char*>(s.value), s.length);
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    YamlTree::Id id =
        Add(e, plain && IsNullText(text) ? YamlTree::Kind::kNull : YamlTree::Kind::kScalar);
    if (id == YamlTree::kNone) return false;
    YamlTree::Node& node = tree_->nodes_[id];
    node.plain = plain;
    node.text_at = static_cast<uint32_t>(tree_->pool_.size());
    node.text_size = static_cast<uint32_t>(text.size());
    tree_->pool_.append(text);
    return tree_->pool_.size() <= UINT32_MAX;
  }

  bool Open(const yaml_event_t& e, YamlTree::Kind kind, bool block) {
    YamlTree::Id id = Add(e, kind);
    if (id == YamlTree::kNone) return false;
    tree_->nodes_[id].block = block;
    open_.push_back(Open_{id});
    return true;
  }

  // Appends a node under the innermost open collection; kNone when too deep.
  YamlTree::Id Add(const yaml_event_t& e, YamlTree::Kind kind) {
    if (static_cast<int>(open_.size()) > max_depth_) return YamlTree::kNone;
    if (open_.empty() && !tree_->nodes_.empty()) return YamlTree::kNone;
    auto id = static_cast<YamlTree::Id>(tree_->nodes_.size());
    YamlTree::Node node{kind};
    node.line = static_cast<uint32_t>(e.start_mark.line);
    node.column = static_cast<uint32_t>(e.start_mark.column);
    tree_->nodes_.push_back(node);
    if (!open_.empty()) {
      Open_& parent = open_.back();
      if (parent.last == YamlTree::kNone) {
        tree_->nodes_[parent.id].first_child = id;
      } else {
        tree_->nodes_[parent.last].next_sibling = id;
      }
      parent.last = id;
    }
    return id;
  }

  // Keys must be scalars, not "<<", and unique.
  bool CloseMap() {
    YamlTree::Id map = open_.back().id;
    open_.pop_back();
    keys_.clear();
    for (YamlTree::Id k = tree_->first_child(map); k != YamlTree::kNone;
         k = tree_->next(tree_->next(k))) {
      if (tree_->kind(k) != YamlTree::Kind::kScalar) return false;
      std::string_view key = tree_->text(k);
      if (tree_->plain(k) && key == "<<") return false;
      keys_.push_back(key);
    }
    if (keys_.size() <= 8) {
      for (size_t i = 0; i < keys_.size(); ++i) {
        for (size_t j = i + 1; j < keys_.size(); ++j) {
          if (keys_[i] == keys_[j]) return false;
        }
      }
      return true;
    }
    std::sort(keys_.begin(), keys_.end());
    return std::adjacent_find(keys_.begin(), keys_.end()) == keys_.end();
  }

  YamlTree* tree_;
  int max_depth_;
  std::vector<Open_> open_;
  std::vector<std::string_view> keys_;
  int documents_ = 0;
  bool done_ = false;
};

std::optional<YamlTree> YamlTree::Parse(std::string_view text, int max_depth) {
  YamlTree tree;
  tree.nodes_.reserve(text.size() / 16);
  tree.pool_.reserve(text.size() / 2);
  YamlTreeBuilder builder(&tree, max_depth);
  EventStream events(text);
  while (!builder.done()) {
    const yaml_event_t* e = events.Next();
    if (!e || !builder.Feed(*e)) return std::nullopt;
  }
  return tree;
}

YamlTree::Id YamlTree::Find(Id map, std::string_view key, Id* key_id) const {
  if (kind(map) != Kind::kMap) return kNone;
  for (Id k = first_child(map); k != kNone; k = next(next(k))) {
    if (text(k) == key) {
      if (key_id) *key_id = k;
      return next(k);
    }
  }
  return kNone;
}

std::optional<Value> YamlTreeToValue(const YamlTree& tree, YamlTree::Id id) {
  switch (tree.kind(id)) {
    case YamlTree::Kind::kNull:
      return Value(nullptr);
    case YamlTree::Kind::kScalar: {
      std::string text(tree.text(id));
      if (!tree.plain(id)) return Value(std::move(text));
      if (IsOutOfRangeInteger(text)) return std::nullopt;
      return PlainScalarToValue(text);
    }
    case YamlTree::Kind::kSequence: {
      Value out = Value::array();
      for (YamlTree::Id c = tree.first_child(id); c != YamlTree::kNone; c = tree.next(c)) {
        std::optional<Value> v = YamlTreeToValue(tree, c);
        if (!v) return std::nullopt;
        out.push_back(std::move(*v));
      }
      return out;
    }
    case YamlTree::Kind::kMap: {
      Value out = Value::object();
      for (YamlTree::Id k = tree.first_child(id); k != YamlTree::kNone;
           k = tree.next(tree.next(k))) {
        std::optional<Value> v = YamlTreeToValue(tree, tree.next(k));
        if (!v) return std::nullopt;
        out[std::string(tree.text(k))] = std::move(*v);
      }
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace pave
