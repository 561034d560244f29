// Text forms shared by the wire protocols: percent-encoding, the three timestamp formats,
// and scalars written into query strings, headers and XML text.
//
// Values follow the AwsClient convention (aws/client.h): timestamps come in as ISO 8601
// strings or epoch seconds and go out as ISO 8601 strings; blobs are base64 both ways.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/model.h"
#include "aws/sigv4.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// Percent-encoding is UriEncode (aws/sigv4.h), shared with the signer.
// "a=1&b=x%20y" from name/value pairs, both encoded with UriEncode.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs);

// "2026-01-02T03:04:05Z", with ".123" before the Z when there are milliseconds.
std::string FormatIso8601(TimePoint t);
// "Fri, 02 Jan 2026 03:04:05 GMT"
std::string FormatRfc822(TimePoint t);
// Epoch seconds: an integer when whole, else a number with milliseconds.
Value FormatUnixTimestamp(TimePoint t);

// Accepts ISO 8601 ("2026-01-02", "2026-01-02T03:04:05Z", fractions, "+01:00" offsets),
// RFC 822 / HTTP dates, and epoch seconds written as a number ("1767323045.5").
Result<TimePoint> ParseTimestampText(std::string_view text);
// A caller's timestamp: an ISO 8601 / RFC 822 string or epoch seconds as a JSON number.
Result<TimePoint> ParseTimestampValue(const Value& value);

// The wire text of a scalar value of shape `ref` (string, numbers, boolean, timestamp in
// `format`, blob as its base64 text). InvalidArgument for structures, lists and maps.
Result<std::string> ScalarToText(const Value& value, const ShapeRef& ref, TimestampFormat format);
// The Value of wire text read as shape `ref`, leniently as botocore reads it: surrounding
// white space ignored; booleans true/false in any case or 1/0; integers also as "5.0";
// timestamps in any form ParseTimestampText takes (they become ISO 8601 strings); strings
// with invalid UTF-8 bytes replaced by U+FFFD. InvalidArgument when the text is none of these.
Result<Value> ScalarFromText(std::string_view text, const ShapeRef& ref);

// The pieces of ScalarFromText, for the JSON protocols' strings-for-numbers leniency.
std::string_view TrimSpace(std::string_view s);
std::optional<bool> ParseBoolText(std::string_view text);
std::optional<int64_t> ParseIntegerText(std::string_view text);
std::optional<double> ParseDoubleText(std::string_view text);  // finite numbers only
// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so the
// value can always be written as JSON.
std::string SanitizeUtf8(std::string_view text);

// A timestamp format with the protocol's default filled in.
inline TimestampFormat OrDefault(TimestampFormat format, TimestampFormat default_format) {
  return format == TimestampFormat::kProtocolDefault ? default_format : format;
}

}  // namespace pave::aws
