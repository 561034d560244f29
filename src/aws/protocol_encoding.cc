#include "aws/protocol_encoding.h"

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

Result<TimePoint> FromEpochSeconds(double seconds) {
  if (!std::isfinite(seconds) || std::fabs(seconds) > 1e13) {
    return Status::InvalidArgument("epoch seconds out of range");
  }
  return TimePoint(chr::milliseconds(std::llround(seconds * 1000.0)));
}

}  // namespace

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

Result<Value> ScalarFromText(std::string_view text, const ShapeRef& ref) {
  switch (ref.shape->type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      return Value(std::string(text));
    case ShapeType::kBoolean:
      if (text == "true") return Value(true);
      if (text == "false") return Value(false);
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && end == text.data() + text.size()) return Value(v);
      break;
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      double v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && end == text.data() + text.size()) return Value(v);
      break;
    }
    case ShapeType::kTimestamp: {
      ASSIGN_OR_RETURN(TimePoint t, ParseTimestampText(text));
      return Value(FormatIso8601(t));
    }
    case ShapeType::kStructure:
    case ShapeType::kList:
    case ShapeType::kMap:
      break;
  }
  return Status::InvalidArgument("\"" + std::string(text) + "\" is not a valid " +
                                 ShapeTypeName(ref.shape->type));
}

}  // namespace pave::aws
