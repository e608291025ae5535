// Parsing and applying the user's tempo range. The range acts on final values only (after
// the feature cache), so changing it never re-extracts a file.
#include "model/tempo_range.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "util/checked_number.hpp"
#include "util/range_text.hpp"

namespace samplemind {

namespace {
constexpr NumberRange k_bound_range{k_tempo_range_lowest_bpm, k_tempo_range_highest_bpm, false, false, "BPM"};
constexpr int k_max_octave_steps = 6;  // 20-500 BPM is under five octaves

// One bound, with an optional "bpm" suffix in any case.
Result<double> parse_bound(std::string_view text, std::string_view setting) {
  text = trim_blanks(text);
  if (ends_with_ci(text, "bpm")) text = trim_blanks(text.substr(0, text.size() - 3));
  return parse_checked_number(text, k_bound_range, setting);
}

double two_decimals(double bpm) { return std::round(bpm * 100.0) / 100.0; }

// How far (in octaves) bpm lies outside the range; 0 inside.
double octaves_outside(double bpm, const TempoRange& range) {
  if (bpm < range.min_bpm) return std::log2(range.min_bpm / bpm);
  if (bpm > range.max_bpm) return std::log2(bpm / range.max_bpm);
  return 0.0;
}
}  // namespace

std::string to_string(const TempoRange& range) {
  return fmt::format("{}-{}", range.min_bpm, range.max_bpm);  // {} prints the shortest exact form
}

std::string bpm_text(double bpm) {
  const double rounded = std::round(bpm * 100.0) / 100.0;
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) return fmt::format("{:.0f}", rounded);
  std::string text = fmt::format("{:.2f}", rounded);
  while (text.back() == '0') text.pop_back();
  return text;
}

Result<TempoRange> parse_tempo_range(std::string_view text, std::string_view setting) {
  const std::string shown = shown_rejected_text(text);
  const auto usage = [&](const std::string& why) {
    return Error{std::string(setting) + ": " + why + " (got '" + shown + "'; e.g. 70-180)"};
  };
  const RangeSides sides = split_range_text(text, true);
  if (!sides.high) return usage("needs two tempos, MIN-MAX");
  auto min_bpm = parse_bound(sides.low, setting);
  if (!min_bpm) return Error{min_bpm.error()};
  auto max_bpm = parse_bound(*sides.high, setting);
  if (!max_bpm) return Error{max_bpm.error()};
  if (*max_bpm <= *min_bpm) return usage("MAX must be above MIN");
  return TempoRange{*min_bpm, *max_bpm};
}

void apply_tempo_range(Features& f, const TempoRange& range) {
  if (f.tempo_source != "audio" || !f.tempo_bpm || !std::isfinite(*f.tempo_bpm) || *f.tempo_bpm <= 0.0) return;
  if (range.contains(*f.tempo_bpm)) return;
  for (const TempoCandidate& candidate : f.tempo_candidates) {
    if (std::isfinite(candidate.bpm) && range.contains(candidate.bpm)) {
      f.tempo_bpm = candidate.bpm;
      // As printed among the candidates (3 decimals), so a cached file reads the same.
      f.tempo_confidence = std::round(candidate.confidence * 1000.0) / 1000.0;
      return;
    }
  }
  // No candidate inside: the same pulse counted at another octave, the one inside the range
  // or, for a range narrower than an octave (Serato-style 58-115), the one nearest it.
  double best = *f.tempo_bpm;
  for (int step = -k_max_octave_steps; step <= k_max_octave_steps; ++step) {
    const double bpm = std::ldexp(*f.tempo_bpm, step);
    if (octaves_outside(bpm, range) < octaves_outside(best, range)) best = bpm;
  }
  f.tempo_bpm = two_decimals(best);
}

}  // namespace samplemind
