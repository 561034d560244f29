#include "aws/credentials.h"

#include <cctype>
#include <ctime>

namespace pave::aws {
namespace {

bool ParseDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// The zone designator after the seconds (and fraction): only UTC forms are accepted.
bool IsUtcSuffix(std::string_view rest) {
  return rest == "Z" || rest == "z" || rest == "+00:00" || rest == "+0000" || rest == "UTC" ||
         rest.empty();
}

}  // namespace

std::string DebugString(const Credentials& creds) {
  const std::string& id = creds.access_key_id;
  std::string shown = id.size() > 8 ? id.substr(0, 4) + "…" + id.substr(id.size() - 4) : "…";
  std::string out = shown + " from " + (creds.source.empty() ? "unknown" : creds.source);
  if (creds.expiration) out += ", expires " + FormatAwsTimestamp(*creds.expiration);
  return out;
}

Result<std::chrono::system_clock::time_point> ParseAwsTimestamp(std::string_view text) {
  std::tm tm{};
  int year, mon, day, hour, min, sec;
  bool ok = ParseDigits(text, 0, 4, &year) && text.size() > 4 && text[4] == '-' &&
            ParseDigits(text, 5, 2, &mon) && text.size() > 7 && text[7] == '-' &&
            ParseDigits(text, 8, 2, &day) && text.size() > 10 &&
            (text[10] == 'T' || text[10] == 't' || text[10] == ' ') &&
            ParseDigits(text, 11, 2, &hour) && text.size() > 13 && text[13] == ':' &&
            ParseDigits(text, 14, 2, &min) && text.size() > 16 && text[16] == ':' &&
            ParseDigits(text, 17, 2, &sec);
  size_t pos = 19;
  int64_t millis = 0;
  if (ok && pos < text.size() && text[pos] == '.') {
    int64_t scale = 100;
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      millis += (text[pos] - '0') * scale;
      scale /= 10;
    }
  }
  if (!ok || !IsUtcSuffix(text.substr(std::min(pos, text.size()))) || mon < 1 || mon > 12 ||
      day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
    return Status::InvalidArgument("invalid timestamp '" + std::string(text.substr(0, 40)) + "'");
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(millis);
}

std::string FormatAwsTimestamp(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace pave::aws
