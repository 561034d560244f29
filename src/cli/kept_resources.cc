#include "cli/kept_resources.h"

#include <fmt/format.h>

#include <ctime>
#include <regex>

namespace pave::cli {
namespace {

// "2026-12-11", in UTC.
std::string Day(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

}  // namespace

std::optional<KeptResource> KeptFromNote(const ResourceAddress& address, const std::string& note,
                                         std::chrono::system_clock::time_point now) {
  static const std::regex kScheduled("scheduled for deletion in ([0-9]{1,3}) days?");
  std::smatch m;
  if (std::regex_search(note, m, kScheduled)) {
    auto days = std::chrono::hours(24 * std::stoi(m[1].str()));
    return KeptResource{address, note, Day(now + days)};
  }
  if (note.find("final snapshot") != std::string::npos) return KeptResource{address, note, ""};
  // Organization accounts are not closed without --allow-data-loss (nor an organization left
  // with members deleted): "account app (1234...) left in place in the organization: ...".
  if (note.find("left in place") != std::string::npos) return KeptResource{address, note, ""};
  return std::nullopt;
}

void PrintKept(const std::vector<KeptResource>& kept, Printer& printer) {
  if (kept.empty()) return;
  printer.err() << "\n" << printer.Styled(Style::kBold, "Kept (recoverable):") << "\n";
  for (const KeptResource& k : kept) {
    printer.err() << "  " << k.address.ToString() << ": " << k.note
                  << (k.until.empty() ? "" : " (on " + k.until + ")") << "\n";
  }
}

Value KeptToJson(const std::vector<KeptResource>& kept) {
  Value list = Value::array();
  for (const KeptResource& k : kept) {
    Value j = {{"address", k.address.ToString()}, {"note", k.note}};
    if (!k.until.empty()) j["until"] = k.until;
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace pave::cli
