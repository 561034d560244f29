#include "providers/aws/common/describe.h"

#include <set>

namespace pave::aws_provider {

Result<std::vector<Value>> DescribeByFilter(aws::AwsClient* client, const DescribeQuery& query,
                                            const std::vector<std::string>& values) {
  std::vector<Value> items;
  for (size_t start = 0; start < values.size(); start += kMaxFilterValues) {
    size_t end = std::min(values.size(), start + kMaxFilterValues);
    Value chunk = Value::array();
    for (size_t i = start; i < end; ++i) chunk.push_back(values[i]);
    Value filters = Value::array({{{"Name", query.filter_name}, {"Values", chunk}}});
    for (const Value& f : query.extra_filters) filters.push_back(f);
    Value input = {{query.filter_member, filters}};
    ASSIGN_OR_RETURN(Value out, client->CallAllPages(query.service, query.operation, input));
    if (out.contains(query.result_key) && out[query.result_key].is_array()) {
      for (Value& item : out[query.result_key]) items.push_back(std::move(item));
    }
  }
  return items;
}

std::vector<std::string> PriorValues(const std::vector<ReadRequest>& requests,
                                     const std::string& attribute) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const ReadRequest& r : requests) {
    if (!r.prior.is_object() || !r.prior.contains(attribute)) continue;
    const Value& v = r.prior[attribute];
    if (!v.is_string() || v.get<std::string>().empty()) continue;
    if (seen.insert(v.get<std::string>()).second) out.push_back(v.get<std::string>());
  }
  return out;
}

std::map<std::string, Value> IndexBy(const std::vector<Value>& items, const std::string& key) {
  std::map<std::string, Value> out;
  for (const Value& item : items) {
    if (item.contains(key) && item[key].is_string()) out[item[key].get<std::string>()] = item;
  }
  return out;
}

bool IsNotFound(const Status& status) {
  if (status.ok()) return false;
  if (status.code() == StatusCode::kNotFound) return true;
  const std::string& r = status.reason();
  auto ends_with = [&](std::string_view suffix) {
    return r.size() >= suffix.size() && r.compare(r.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("NotFound") || ends_with("NotFoundException") || r == "NoSuchEntity" ||
         r == "InvalidAssociationID.NotFound";
}

}  // namespace pave::aws_provider
