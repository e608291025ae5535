#pragma once
// A find query: which cached files to list, parsed from the command line's filter flags.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace samplemind {

// Inclusive bounds; an absent bound is open.
struct ValueRange {
  std::optional<double> low;
  std::optional<double> high;
  bool contains(double value) const;
};

// A key to match: the tonic always, the mode only when the text named one ("A" matches both).
struct KeyFilter {
  int tonic_pc = 0;
  std::optional<bool> minor;
};

struct FindQuery {
  std::optional<ValueRange> bpm;
  std::optional<ValueRange> loudness_lufs;
  std::optional<ValueRange> duration_s;
  std::optional<KeyFilter> key;
  std::vector<std::string> compatible_camelot;  // empty: no harmonic filter
  std::optional<std::string> kind;              // "loop" or "one-shot"
  std::optional<std::string> category;          // lower case
  std::optional<std::string> genre;             // lower case, matched inside genre and subgenres
  std::vector<std::string> tags;                // lower case, every one must be among the answer's tags
  std::vector<std::string> words;               // lower case, each in the name, category, genre or tags
  bool contradicted = false;                    // only files whose audio contradicts what they state

  // Whether matching needs the cached AI answers (genre, tags or free words).
  bool needs_answers() const { return genre || !tags.empty() || !words.empty(); }
};

// Why: "--bpm 120-128", "120..128", "120-", "..128", "120" (a single value matches what rounds to it).
Result<ValueRange> parse_bpm_range(std::string_view text);
// Why: "--loudness -14..-8" (LUFS, an optional "LUFS" suffix); negative numbers need "..".
Result<ValueRange> parse_loudness_range(std::string_view text);
// Why: "--duration ..2s", "500ms..1.5s", "1..4" (seconds when no unit).
Result<ValueRange> parse_duration_range(std::string_view text);
// Why: "--key Am", "A minor", "8A", "1m" (Open Key), or a bare note "F#" for either mode.
Result<KeyFilter> parse_key_filter(std::string_view text);
// Why: "--compatible 8A" (or "Am"): the same code, one step either way, and the relative key.
Result<std::vector<std::string>> parse_compatible(std::string_view text);
// Why: "--kind loop|one-shot" ("oneshot" and "one shot" accepted).
Result<std::string> parse_kind(std::string_view text);
// Why: "--category kick": one of the category names the features use.
Result<std::string> parse_category(std::string_view text);

// The category names a file can carry (the classifier's vocabulary).
const std::vector<std::string>& find_category_names();

// Lower-case ASCII copy, for case-insensitive matching.
std::string ascii_lower(std::string_view text);

}  // namespace samplemind
