// Parsing find's filter flags. Every malformed value is an error naming the flag (exit 2).
#include "index/find_query.hpp"

#include <algorithm>
#include <cmath>

#include "metadata/key_text.hpp"
#include "model/musical_key.hpp"
#include "util/checked_number.hpp"
#include "util/range_text.hpp"

namespace samplemind {
namespace {

constexpr NumberRange k_bpm_bounds{1.0, 1000.0, false, false, "BPM"};
constexpr NumberRange k_lufs_bounds{-200.0, 50.0, false, false, "LUFS"};
constexpr NumberRange k_seconds_bounds{0.0, 1e7, false, false, "seconds"};

using BoundParser = Result<double> (*)(std::string_view);

// One range flag: both sides parsed by parse_bound; a single value v matches
// [v - half_step, v + half_step]; "..", "-" alone or a reversed range are errors.
Result<ValueRange> parse_range(std::string_view text, bool dash_splits, BoundParser parse_bound, double half_step,
                               std::string_view flag) {
  const std::string shown(text);
  const RangeSides sides = split_range_text(trim_blanks(text), dash_splits);
  ValueRange range;
  if (!sides.high) {
    auto value = parse_bound(trim_blanks(sides.low));
    if (!value) return Error{value.error()};
    return ValueRange{*value - half_step, *value + half_step};
  }
  if (!trim_blanks(sides.low).empty()) {
    auto low = parse_bound(trim_blanks(sides.low));
    if (!low) return Error{low.error()};
    range.low = *low;
  }
  if (!trim_blanks(*sides.high).empty()) {
    auto high = parse_bound(trim_blanks(*sides.high));
    if (!high) return Error{high.error()};
    range.high = *high;
  }
  if (!range.low && !range.high) return Error{std::string(flag) + " needs at least one bound, got '" + shown + "'"};
  if (range.low && range.high && *range.low > *range.high) {
    return Error{std::string(flag) + " range is reversed: '" + shown + "'"};
  }
  return range;
}

Result<double> bpm_bound(std::string_view text) {
  if (ends_with_ci(text, "bpm")) text = trim_blanks(text.substr(0, text.size() - 3));
  return parse_checked_number(text, k_bpm_bounds, "--bpm");
}

Result<double> lufs_bound(std::string_view text) {
  if (ends_with_ci(text, "lufs")) text = trim_blanks(text.substr(0, text.size() - 4));
  return parse_checked_number(text, k_lufs_bounds, "--loudness");
}

Result<double> seconds_bound(std::string_view text) {
  double scale = 1.0;
  if (ends_with_ci(text, "ms")) {
    scale = 0.001;
    text.remove_suffix(2);
  } else if (ends_with_ci(text, "min")) {
    scale = 60.0;
    text.remove_suffix(3);
  } else if (ends_with_ci(text, "s")) {
    text.remove_suffix(1);
  }
  auto value = parse_checked_number(trim_blanks(text), k_seconds_bounds, "--duration");
  if (!value) return value;
  return *value * scale;
}

}  // namespace

bool ValueRange::contains(double value) const {
  if (!std::isfinite(value)) return false;
  return (!low || value >= *low) && (!high || value <= *high);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

Result<ValueRange> parse_bpm_range(std::string_view text) {
  return parse_range(text, true, bpm_bound, 0.5, "--bpm");
}

Result<ValueRange> parse_loudness_range(std::string_view text) {
  return parse_range(text, false, lufs_bound, 0.5, "--loudness");
}

Result<ValueRange> parse_duration_range(std::string_view text) {
  return parse_range(text, false, seconds_bound, 0.05, "--duration");
}

Result<KeyFilter> parse_key_filter(std::string_view text) {
  const auto key = metadata::parse_key_text(trim_blanks(text));
  if (!key) return Error{"--key: '" + std::string(text) + "' is not a key (e.g. Am, A minor, 8A, 1m, F#)"};
  return KeyFilter{key->tonic_pc, key->minor};
}

Result<std::vector<std::string>> parse_compatible(std::string_view text) {
  const auto key = metadata::parse_key_text(trim_blanks(text));
  if (!key || !key->minor) {
    return Error{"--compatible: '" + std::string(text) + "' is not a key with a mode (e.g. 8A, Am, C major)"};
  }
  return compatible_camelot_codes(camelot_code(key->tonic_pc, *key->minor));
}

Result<std::string> parse_kind(std::string_view text) {
  const std::string kind = ascii_lower(trim_blanks(text));
  if (kind == "loop" || kind == "loops") return std::string("loop");
  if (kind == "one-shot" || kind == "oneshot" || kind == "one shot" || kind == "one-shots") return std::string("one-shot");
  return Error{"--kind: '" + std::string(text) + "' is neither loop nor one-shot"};
}

const std::vector<std::string>& find_category_names() {
  static const std::vector<std::string> names = {"kick", "snare", "clap",  "hat",   "cymbal",    "tom",
                                                 "percussion", "bass", "lead", "pad", "chord", "vocal",
                                                 "fx",   "drum loop", "music loop"};
  return names;
}

Result<std::string> parse_category(std::string_view text) {
  const std::string category = ascii_lower(trim_blanks(text));
  const auto& names = find_category_names();
  if (std::find(names.begin(), names.end(), category) != names.end()) return category;
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return Error{"--category: '" + std::string(text) + "' is not a category; one of: " + list};
}

}  // namespace samplemind
