#include "aws/model_blob.h"

#include <algorithm>
#include <cstring>

namespace pave::aws {

namespace {

constexpr std::string_view kMagic = "PVM3\n";

using Json = nlohmann::ordered_json;

bool ByName(const std::pair<std::string_view, std::string_view>& a,
            const std::pair<std::string_view, std::string_view>& b) {
  return a.first < b.first;
}

// Calls fn(name, body) for each entry of a botocore map: a JSON object, or a list of
// [name, body] pairs.
template <typename Fn>
Status ForEachEntry(const Json& map, Fn fn) {
  if (map.is_object()) {
    for (const auto& item : map.items()) fn(item.key(), item.value());
    return Status::Ok();
  }
  if (!map.is_array()) return Status::InvalidArgument("expected an object or a list of pairs");
  for (const Json& pair : map) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) {
      return Status::InvalidArgument("expected [name, body] pairs");
    }
    fn(pair[0].get_ref<const std::string&>(), pair[1]);
  }
  return Status::Ok();
}

// The lines "<tag>\t<name>\t<body>" of one map, sorted by name.
Status WriteSection(const Json& map, char tag, std::string* out) {
  std::vector<std::pair<std::string, std::string>> lines;
  RETURN_IF_ERROR(ForEachEntry(map, [&](const std::string& name, const Json& body) {
    lines.emplace_back(name, body.dump());
  }));
  std::sort(lines.begin(), lines.end());
  for (const auto& [name, body] : lines) {
    if (name.find_first_of("\t\n") != std::string::npos) {
      return Status::InvalidArgument("name with a tab or newline: \"" + name + "\"");
    }
    out->append(1, tag).append("\t").append(name).append("\t").append(body).append("\n");
  }
  return Status::Ok();
}

Status Damaged(const std::string& why) { return Status::DataLoss("model image: " + why); }

Status AddLine(std::string_view line, ModelImage* image) {
  if (line.size() < 2 || line[1] != '\t') return Damaged("line without a tag");
  std::string_view rest = line.substr(2);
  if (line[0] == 'M') {
    image->metadata = rest;
    return Status::Ok();
  }
  size_t tab = rest.find('\t');
  if (tab == std::string_view::npos) return Damaged("entry without a name");
  std::pair entry{rest.substr(0, tab), rest.substr(tab + 1)};
  switch (line[0]) {
    case 'O':
      image->operations.push_back(entry);
      return Status::Ok();
    case 'S':
      image->shapes.push_back(entry);
      return Status::Ok();
    case 'P':
      image->paginators.push_back(entry);
      return Status::Ok();
    case 'W':
      image->waiters.push_back(entry);
      return Status::Ok();
    default:
      return Damaged(std::string("unknown tag '") + line[0] + "'");
  }
}

Status Index(std::string_view bytes, ModelImage* image) {
  if (!bytes.starts_with(kMagic)) return Damaged("no PVM3 header");
  size_t at = kMagic.size();
  while (at < bytes.size()) {
    size_t eol = bytes.find('\n', at);
    if (eol == std::string_view::npos) return Damaged("truncated");
    RETURN_IF_ERROR(AddLine(bytes.substr(at, eol - at), image));
    at = eol + 1;
  }
  if (image->metadata.empty()) return Damaged("no metadata");
  for (ModelImage::Entries* e : {&image->operations, &image->shapes, &image->paginators, &image->waiters}) {
    if (!std::is_sorted(e->begin(), e->end(), ByName)) std::sort(e->begin(), e->end(), ByName);
  }
  return Status::Ok();
}

}  // namespace

std::string_view ModelImage::Find(const Entries& entries, std::string_view name) {
  auto it = std::lower_bound(entries.begin(), entries.end(), std::pair{name, std::string_view()},
                             ByName);
  if (it == entries.end() || it->first != name) return {};
  return it->second;
}

Result<std::unique_ptr<ModelImage>> ReadModelImage(std::string_view bytes) {
  auto image = std::make_unique<ModelImage>();
  RETURN_IF_ERROR(Index(bytes, image.get()));
  return image;
}

Result<std::string> WriteModelImage(const Json& doc) {
  auto metadata = doc.find("metadata");
  auto operations = doc.find("operations");
  auto shapes = doc.find("shapes");
  if (!doc.is_object() || metadata == doc.end() || !metadata->is_object() ||
      operations == doc.end() || shapes == doc.end()) {
    return Status::InvalidArgument("a model needs metadata, operations and shapes");
  }
  std::string out(kMagic);
  out.append("M\t").append(metadata->dump()).append("\n");
  RETURN_IF_ERROR(WriteSection(*operations, 'O', &out).WithContext("operations"));
  RETURN_IF_ERROR(WriteSection(*shapes, 'S', &out).WithContext("shapes"));
  if (auto pages = doc.find("pagination"); pages != doc.end()) {
    RETURN_IF_ERROR(WriteSection(*pages, 'P', &out).WithContext("pagination"));
  }
  if (auto waiters = doc.find("waiters"); waiters != doc.end()) {
    RETURN_IF_ERROR(WriteSection(*waiters, 'W', &out).WithContext("waiters"));
  }
  return out;
}

Result<std::unique_ptr<ModelImage>> MakeModelImage(const Json& doc) {
  ASSIGN_OR_RETURN(std::string text, WriteModelImage(doc));
  auto image = std::make_unique<ModelImage>();
  image->owned = std::move(text);
  RETURN_IF_ERROR(Index(image->owned, image.get()));
  return image;
}

}  // namespace pave::aws
