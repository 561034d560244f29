#include "aws/protocol_encoding.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace pave::aws {

namespace chr = std::chrono;

namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// A small cursor over timestamp text.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool Digits(size_t n, int* out) {
    if (pos_ + n > s_.size()) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos_ += n;
    *out = v;
    return true;
  }
  bool Char(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  bool AtEnd() const { return pos_ == s_.size(); }
  std::string_view Rest() const { return s_.substr(pos_); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// The length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF); 0 when it is not one.
size_t Utf8SequenceLength(std::string_view s) {
  auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(0);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || s.size() < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = byte(1);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F)) {
    return 0;
  }
  return n;
}

Result<TimePoint> MakeTime(int y, int mo, int d, int h, int mi, int s, int ms) {
  chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(mo)},
                          chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) {
    return Status::InvalidArgument("timestamp out of range");
  }
  return TimePoint(chr::sys_days(ymd)) + chr::hours(h) + chr::minutes(mi) + chr::seconds(s) +
         chr::milliseconds(ms);
}

// ".123456" → milliseconds (extra digits dropped).
int ParseFraction(Scanner* sc) {
  int ms = 0;
  int digits = 0;
  int d = 0;
  while (sc->Digits(1, &d)) {
    if (digits < 3) ms = ms * 10 + d;
    ++digits;
  }
  for (; digits < 3; ++digits) ms *= 10;
  return ms;
}

Result<TimePoint> ParseIso8601(std::string_view text) {
  Scanner sc(text);
  int y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
  if (!sc.Digits(4, &y) || !sc.Char('-') || !sc.Digits(2, &mo) || !sc.Char('-') ||
      !sc.Digits(2, &d)) {
    return Status::InvalidArgument("not an ISO 8601 date");
  }
  if (sc.AtEnd()) return MakeTime(y, mo, d, 0, 0, 0, 0);
  if (!(sc.Char('T') || sc.Char('t') || sc.Char(' ')) || !sc.Digits(2, &h) || !sc.Char(':') ||
      !sc.Digits(2, &mi)) {
    return Status::InvalidArgument("not an ISO 8601 time");
  }
  if (sc.Char(':') && !sc.Digits(2, &s)) return Status::InvalidArgument("bad seconds");
  if (sc.Char('.')) ms = ParseFraction(&sc);
  int offset_minutes = 0;
  if (sc.Char('Z') || sc.Char('z')) {
  } else if (sc.Rest().size() >= 5 && (sc.Rest()[0] == '+' || sc.Rest()[0] == '-')) {
    int sign = sc.Rest()[0] == '-' ? -1 : 1;
    sc.Char(sc.Rest()[0]);
    int oh, om;
    if (!sc.Digits(2, &oh)) return Status::InvalidArgument("bad UTC offset");
    sc.Char(':');
    if (!sc.Digits(2, &om)) return Status::InvalidArgument("bad UTC offset");
    offset_minutes = sign * (oh * 60 + om);
  }
  if (!sc.AtEnd()) return Status::InvalidArgument("trailing text after the time");
  ASSIGN_OR_RETURN(TimePoint t, MakeTime(y, mo, d, h, mi, s, ms));
  return t - chr::minutes(offset_minutes);
}

Result<TimePoint> ParseRfc822(std::string_view text) {
  Scanner sc(text);
  for (const char* wd : kWeekdays) {
    if (sc.Word(wd)) break;
  }
  sc.Char(',');
  sc.Char(' ');
  int d, y, h, mi, s;
  if (!sc.Digits(2, &d) && !sc.Digits(1, &d)) return Status::InvalidArgument("bad day");
  sc.Char(' ');
  int mo = 0;
  for (int i = 0; i < 12 && mo == 0; ++i) {
    if (sc.Word(kMonths[i])) mo = i + 1;
  }
  if (mo == 0 || !sc.Char(' ') || !sc.Digits(4, &y) || !sc.Char(' ') || !sc.Digits(2, &h) ||
      !sc.Char(':') || !sc.Digits(2, &mi) || !sc.Char(':') || !sc.Digits(2, &s)) {
    return Status::InvalidArgument("not an RFC 822 date");
  }
  int ms = sc.Char('.') ? ParseFraction(&sc) : 0;
  if (!(sc.Word(" GMT") || sc.Word(" UTC") || sc.Word(" +0000") || sc.AtEnd())) {
    return Status::InvalidArgument("RFC 822 date not in GMT");
  }
  return MakeTime(y, mo, d, h, mi, s, ms);
}

// Years 1 to 9999: what ISO 8601 text can say in four digits.
constexpr double kMinEpochSeconds = -62135596800.0;
constexpr double kMaxEpochSeconds = 253402300799.0;

Result<TimePoint> FromEpochSeconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < kMinEpochSeconds || seconds > kMaxEpochSeconds) {
    return Status::InvalidArgument("epoch seconds out of range");
  }
  return TimePoint(chr::milliseconds(std::llround(seconds * 1000.0)));
}

}  // namespace

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<bool> ParseBoolText(std::string_view text) {
  auto is = [text](std::string_view word) {
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  if (is("true") || text == "1") return true;
  if (is("false") || text == "0") return false;
  return std::nullopt;
}

std::optional<double> ParseDoubleText(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> ParseIntegerText(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc() && end == digits.data() + digits.size()) return v;
  // "5.0" or "1e3": a whole number written as a float.
  std::optional<double> d = ParseDoubleText(text);
  if (d && std::trunc(*d) == *d && std::fabs(*d) < 9.0e18) return static_cast<int64_t>(*d);
  return std::nullopt;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t n = Utf8SequenceLength(text.substr(i));
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += UriEncode(name, false);
    out.push_back('=');
    out += UriEncode(value, false);
  }
  return out;
}

std::string FormatIso8601(TimePoint t) {
  auto day = chr::floor<chr::days>(t);
  chr::year_month_day ymd{day};
  chr::hh_mm_ss<chr::milliseconds> hms{t - day};
  char buf[40];
  int ms = static_cast<int>(hms.subseconds().count());
  int n =
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                    static_cast<int>(hms.seconds().count()));
  std::string out(buf, static_cast<size_t>(n));
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  return out + "Z";
}

std::string FormatRfc822(TimePoint t) {
  auto day = chr::floor<chr::days>(t);
  chr::year_month_day ymd{day};
  chr::weekday wd{day};
  chr::hh_mm_ss<chr::seconds> hms{chr::floor<chr::seconds>(t - day)};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", kWeekdays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

Value FormatUnixTimestamp(TimePoint t) {
  int64_t ms = t.time_since_epoch().count();
  if (ms % 1000 == 0) return ms / 1000;
  return static_cast<double>(ms) / 1000.0;
}

Result<TimePoint> ParseTimestampText(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("empty timestamp");
  double seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc() && end == text.data() + text.size()) return FromEpochSeconds(seconds);
  if (text.size() >= 10 && text[4] == '-') {
    auto t = ParseIso8601(text);
    if (t.ok()) return t;
  }
  auto t = ParseRfc822(text);
  if (t.ok()) return t;
  return Status::InvalidArgument("\"" + std::string(text) +
                                 "\" is not a timestamp (want ISO 8601, e.g. "
                                 "2026-01-02T03:04:05Z, or epoch seconds)");
}

Result<TimePoint> ParseTimestampValue(const Value& value) {
  if (value.is_number()) return FromEpochSeconds(value.get<double>());
  if (value.is_string()) return ParseTimestampText(value.get_ref<const std::string&>());
  return Status::InvalidArgument("expected a timestamp, got " + std::string(value.type_name()));
}

Result<std::string> ScalarToText(const Value& value, const ShapeRef& ref, TimestampFormat format) {
  switch (ref.shape->type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      if (value.is_string()) return value.get<std::string>();
      break;
    case ShapeType::kBoolean:
      if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (value.is_number()) return value.dump();
      break;
    case ShapeType::kTimestamp: {
      ASSIGN_OR_RETURN(TimePoint t, ParseTimestampValue(value));
      switch (format) {
        case TimestampFormat::kRfc822:
          return FormatRfc822(t);
        case TimestampFormat::kUnixTimestamp:
          return FormatUnixTimestamp(t).dump();
        case TimestampFormat::kIso8601:
        case TimestampFormat::kProtocolDefault:
          return FormatIso8601(t);
      }
      break;
    }
    case ShapeType::kStructure:
    case ShapeType::kList:
    case ShapeType::kMap:
      break;
  }
  return Status::InvalidArgument(std::string("cannot write ") + value.type_name() + " as " +
                                 ShapeTypeName(ref.shape->type));
}

Result<Value> ScalarFromText(std::string_view raw, const ShapeRef& ref) {
  std::string_view text = TrimSpace(raw);
  switch (ref.shape->type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      return Value(SanitizeUtf8(raw));
    case ShapeType::kBoolean:
      if (std::optional<bool> b = ParseBoolText(text)) return Value(*b);
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (std::optional<int64_t> v = ParseIntegerText(text)) return Value(*v);
      break;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (std::optional<double> v = ParseDoubleText(text)) return Value(*v);
      break;
    case ShapeType::kTimestamp: {
      ASSIGN_OR_RETURN(TimePoint t, ParseTimestampText(text));
      return Value(FormatIso8601(t));
    }
    case ShapeType::kStructure:
    case ShapeType::kList:
    case ShapeType::kMap:
      break;
  }
  return Status::InvalidArgument("\"" + SanitizeUtf8(raw.substr(0, 64)) + "\" is not a valid " +
                                 ShapeTypeName(ref.shape->type));
}

}  // namespace pave::aws
