#include "platform/moved.h"

#include "platform/yaml_loader.h"

namespace pave {
namespace {

// The address at `field` of the entry `entry`, or nullopt (reported) when missing or malformed.
std::optional<ResourceAddress> AddressField(const YAML::Node& entry, const std::string& field,
                                            FileErrors& errors) {
  YAML::Node value = MapValue(entry, field);
  if (!value.IsDefined() || value.IsNull()) {
    errors.At(entry, "a moved: entry needs \"" + field + "\"",
              "write {from: type.old_name, to: type.new_name}");
    return std::nullopt;
  }
  if (!errors.ExpectString(value, "moved: " + field)) return std::nullopt;
  std::optional<ResourceAddress> address = ResourceAddress::Parse(value.Scalar());
  if (!address) {
    errors.At(value, "\"" + value.Scalar() + "\" is not a resource address",
              "expected type.name, as in `pave state list`");
  }
  return address;
}

}  // namespace

void ParseMoved(const YAML::Node& node, const Config& config, FileErrors& errors,
                std::vector<MovedResource>* moved) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsSequence()) {
    errors.At(node, "moved must be a list of {from: ADDRESS, to: ADDRESS}, found " +
                        DescribeYamlNode(node));
    return;
  }
  std::vector<MovedResource> entries;
  for (const YAML::Node& entry : node) {
    if (!errors.ExpectMap(entry, "a moved: entry")) continue;
    errors.CheckKeys(entry, {"from", "to"}, "a moved: entry");
    std::optional<ResourceAddress> from = AddressField(entry, "from", errors);
    std::optional<ResourceAddress> to = AddressField(entry, "to", errors);
    if (from && to) entries.push_back(MovedResource{*from, *to, errors.Locate(entry)});
  }
  for (Diagnostic& d : CheckMoves(entries, config)) errors.diagnostics()->push_back(std::move(d));
  *moved = std::move(entries);
}

}  // namespace pave
