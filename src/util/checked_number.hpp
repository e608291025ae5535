#pragma once
// One validated-number parser for every numeric flag and environment variable: a finite
// decimal number inside a documented range, or an error that names the setting and the range.
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace samplemind {

// The values a numeric setting accepts: min..max, optionally also exactly 0 (a "no limit" or
// "never" value below min), optionally whole numbers only. unit is for the message ("hours").
struct NumberRange {
  double min = 0.0;
  double max = 0.0;
  bool zero_allowed = false;
  bool integer = false;
  std::string_view unit;
};

// Parses text as a finite number in range; the error names `setting` (a flag or a variable),
// the allowed range and the rejected text. Rejects nan, inf, hex floats, trailing junk, "".
Result<double> parse_checked_number(std::string_view text, const NumberRange& range, std::string_view setting);

// Why: a rejected setting is echoed in its error safely: control bytes escaped, cut after
// 64 characters ("..."), so a hostile value can neither drive the terminal nor flood it.
std::string shown_rejected_text(std::string_view text);

// "a number from 1 to 100 (hours), or 0": the allowed values in words, for errors and help.
std::string describe_range(const NumberRange& range);

// The documented range of a numeric environment variable, if samplemind reads it as a number.
std::optional<NumberRange> environment_number_range(std::string_view variable);

// Ranges of the numeric flags and variables (the one table; README's configuration section).
inline constexpr double k_max_cost_usd_limit = 1e6;
inline constexpr double k_max_rpm = 1e6;
inline constexpr double k_min_rpm = 0.01;                 // one request per 100 minutes
inline constexpr double k_max_ttl_hours = 87600.0;        // ten years
inline constexpr double k_min_ttl_hours = 1.0 / 3600.0;   // one second
inline constexpr double k_max_timeout_s = 86400.0;        // one day
inline constexpr double k_min_timeout_s = 0.001;          // one millisecond
inline constexpr double k_max_retries = 100.0;

inline constexpr NumberRange k_max_cost_range{0.0, k_max_cost_usd_limit, false, false, "USD"};
inline constexpr NumberRange k_rpm_range{k_min_rpm, k_max_rpm, true, false, "requests per minute; 0: no limit"};
inline constexpr NumberRange k_ttl_hours_range{k_min_ttl_hours, k_max_ttl_hours, true, false,
                                               "hours; 0: never expires"};
inline constexpr NumberRange k_timeout_s_range{k_min_timeout_s, k_max_timeout_s, false, false, "seconds"};
inline constexpr NumberRange k_retries_range{0.0, k_max_retries, false, true, "retries"};

}  // namespace samplemind
