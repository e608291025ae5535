// Numbers from people (flags, environment, .env) are checked here, once, before any use:
// nan, inf and absurd magnitudes never reach a timer, a budget or a timestamp.
#include "util/checked_number.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace samplemind {

namespace {
constexpr std::size_t k_max_number_chars = 64;

// Plain decimal only: [+-]digits[.digits][e[+-]digits]. No hex floats, nan, inf, spaces.
bool is_plain_decimal(std::string_view text) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

}  // namespace

std::string shown_rejected_text(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, k_max_number_chars)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) out += fmt::format("\\x{:02x}", byte);
    else out += c;
  }
  if (text.size() > k_max_number_chars) out += "...";
  return out;
}

namespace {

// 1000000 rather than 1e+06; fractions with up to six significant digits.
std::string number_text(double value) {
  constexpr double k_max_whole_shown = 1e15;
  if (std::floor(value) == value && std::fabs(value) < k_max_whole_shown) return fmt::format("{:.0f}", value);
  return fmt::format("{:g}", value);
}

constexpr std::array<std::pair<std::string_view, NumberRange>, 4> k_environment_ranges{{
    {"AI_CACHE_TTL_HOURS", k_ttl_hours_range},
    {"SAMPLEMIND_TIMEOUT_S", k_timeout_s_range},
    {"SAMPLEMIND_CONNECT_TIMEOUT_S", k_timeout_s_range},
    {"SAMPLEMIND_MAX_RETRIES", k_retries_range},
}};
}  // namespace

std::string describe_range(const NumberRange& range) {
  std::string text = fmt::format("{} from {} to {}", range.integer ? "a whole number" : "a number",
                                 number_text(range.min), number_text(range.max));
  if (range.zero_allowed) text += ", or 0";
  if (!range.unit.empty()) text += fmt::format(" ({})", range.unit);
  return text;
}

Result<double> parse_checked_number(std::string_view text, const NumberRange& range, std::string_view setting) {
  auto rejected = [&](std::string_view why) {
    return Error{fmt::format("{} must be {}; got '{}'{}", setting, describe_range(range), shown_rejected_text(text), why)};
  };
  if (text.size() > k_max_number_chars || !is_plain_decimal(text)) return rejected("");
  double value = 0.0;
  const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return rejected(" (out of range)");
  }
  if (value == 0.0) value = 0.0;  // "-0" is 0
  if (value == 0.0 && range.zero_allowed) return value;
  if (value < range.min || value > range.max) return rejected(" (out of range)");
  if (range.integer && std::floor(value) != value) return rejected(" (not a whole number)");
  return value;
}

std::optional<NumberRange> environment_number_range(std::string_view variable) {
  for (const auto& [name, range] : k_environment_ranges) {
    if (name == variable) return range;
  }
  return std::nullopt;
}

}  // namespace samplemind
