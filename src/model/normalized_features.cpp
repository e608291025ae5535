// Quantisation rules of docs/cache-key.md: each field is rounded to the resolution
// the AI can use, so extraction noise never changes the cache key.
#include "model/normalized_features.hpp"

#include <cmath>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace samplemind {

namespace {
constexpr double k_duration_step_s = 0.1;
constexpr double k_energy_step = 0.05;
constexpr double k_brightness_step_hz = 100.0;
constexpr double k_onset_rate_step_per_s = 0.5;

double quantise(double value, double step) { return std::round(finite_or(value, 0.0) / step) * step; }

std::string channel_layout(int channels) {
  if (channels <= 1) return "mono";
  if (channels == 2) return "stereo";
  return fmt::format("{}ch", channels);
}

std::string or_none(const std::optional<std::string>& value) { return value ? *value : "none"; }
}  // namespace

NormalizedFeatures normalize_features(const Features& f) {
  NormalizedFeatures out;
  out.reserve(14);  // the fields below: one allocation, not a chain of regrowths
  out.emplace_back("kind", f.kind);
  out.emplace_back("duration_s", fmt::format(FMT_COMPILE("{:.1f}"), quantise(f.duration_s, k_duration_step_s)));
  out.emplace_back("channels", channel_layout(f.channels));
  out.emplace_back("tempo_bpm", f.tempo_bpm && std::isfinite(*f.tempo_bpm)
                                    ? fmt::format(FMT_COMPILE("{:.0f}"), std::round(*f.tempo_bpm))
                                    : "none");
  out.emplace_back("key", or_none(f.key));
  out.emplace_back("mode", f.key ? or_none(f.mode) : "none");
  out.emplace_back("camelot", f.key ? or_none(f.camelot) : "none");
  out.emplace_back("root_note", or_none(f.root_note));
  out.emplace_back("energy", fmt::format(FMT_COMPILE("{:.2f}"), quantise(f.energy, k_energy_step)));
  out.emplace_back("loudness_lufs", fmt::format(FMT_COMPILE("{:.0f}"), std::round(finite_or(f.loudness_lufs, -70.0))));
  out.emplace_back("peak_dbfs", fmt::format(FMT_COMPILE("{:.0f}"), std::round(finite_or(f.peak_dbfs, -120.0))));
  out.emplace_back("brightness_hz", fmt::format(FMT_COMPILE("{:.0f}"), quantise(f.brightness_hz, k_brightness_step_hz)));
  out.emplace_back("onset_rate", fmt::format(FMT_COMPILE("{:.1f}"), quantise(f.onset_rate, k_onset_rate_step_per_s)));
  out.emplace_back("category", or_none(f.category));
  // "-0" and "-0.0" must not differ from "0": normalise the sign of zero.
  for (auto& [name, value] : out) {
    if (value == "-0" || value == "-0.0" || value == "-0.00") value = value.substr(1);
  }
  return out;
}

std::string normalized_value(const NormalizedFeatures& features, const std::string& name) {
  for (const auto& [field, value] : features) {
    if (field == name) return value;
  }
  return "";
}

}  // namespace samplemind
