// Durations and sizes for cache management flags.
#include "cache/cache_units.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

namespace samplemind {
namespace {

// Beyond these, a product would overflow int64 (or mean nothing): usage errors, not UB.
constexpr double k_max_duration_seconds = 100.0 * 365.25 * 86400.0;  // a century
constexpr double k_max_size_bytes = 1e18;                             // an exabyte

struct NumberAndUnit {
  double number = 0.0;
  std::string unit;
  bool ok = false;
};

NumberAndUnit split_number(const std::string& text) {
  NumberAndUnit parsed;
  char* end = nullptr;
  parsed.number = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(parsed.number) || parsed.number < 0) return parsed;
  parsed.unit = std::string(end);
  parsed.unit.erase(std::remove_if(parsed.unit.begin(), parsed.unit.end(), [](unsigned char c) { return std::isspace(c); }),
                    parsed.unit.end());
  std::transform(parsed.unit.begin(), parsed.unit.end(), parsed.unit.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  parsed.ok = true;
  return parsed;
}

}  // namespace

Result<std::int64_t> parse_duration_seconds(const std::string& text) {
  static const std::map<std::string, std::int64_t> k_seconds_per_unit = {
      {"s", 1}, {"m", 60}, {"min", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};
  NumberAndUnit parsed = split_number(text);
  auto unit = k_seconds_per_unit.find(parsed.unit);
  if (!parsed.ok || unit == k_seconds_per_unit.end() ||
      parsed.number * static_cast<double>(unit->second) > k_max_duration_seconds) {
    return Error{"invalid duration '" + text + "': a number with a unit s, m, h, d or w, e.g. 90s, 30m, 12h, 7d, 2w (at most 100 years)"};
  }
  return static_cast<std::int64_t>(std::llround(parsed.number * static_cast<double>(unit->second)));
}

Result<std::int64_t> parse_size_bytes(const std::string& text) {
  static const std::map<std::string, double> k_bytes_per_unit = {
      {"b", 1},          {"k", 1e3},          {"kb", 1e3},          {"m", 1e6},
      {"mb", 1e6},       {"g", 1e9},        {"gb", 1e9},         {"t", 1e12},          {"tb", 1e12},
      {"kib", 1024.0},   {"ki", 1024.0},    {"mib", 1048576.0},  {"mi", 1048576.0},    {"gib", 1073741824.0},
      {"gi", 1073741824.0}};
  NumberAndUnit parsed = split_number(text);
  auto unit = k_bytes_per_unit.find(parsed.unit);
  if (!parsed.ok || unit == k_bytes_per_unit.end() || parsed.number * unit->second > k_max_size_bytes) {
    return Error{"invalid size '" + text + "': a number with a unit B, KB, MB, GB, TB, KiB, MiB or GiB, e.g. 500MB, 2GiB (at most 1e18 bytes)"};
  }
  return static_cast<std::int64_t>(std::llround(parsed.number * unit->second));
}

}  // namespace samplemind
