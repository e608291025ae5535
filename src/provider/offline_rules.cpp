// Rule-based musical judgements for the offline analyser: deterministic, explainable,
// and coarse on purpose (it sees the same quantised features as a hosted model).
#include "provider/offline_rules.hpp"

#include "model/musical_key.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace samplemind {

namespace {
constexpr double k_bright_hz = 3000.0;
constexpr double k_dark_hz = 1500.0;
constexpr double k_loud_lufs = -12.0;      // and busy: high energy
constexpr double k_busy_onsets = 2.0;      // per second
constexpr double k_quiet_lufs = -26.0;     // or a calm one-shot: low energy

double number_or(const std::string& text, double fallback) {
  if (text.empty() || text == "none") return fallback;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? fallback : value;
}

std::string none_to_empty(const std::string& text) { return text == "none" ? "" : text; }

// A genre band for drum loops: tempo range, genre, neighbours, confidence.
struct GenreBand {
  double from_bpm;
  double to_bpm;
  const char* genre;
  std::vector<std::string> subgenres;
  double confidence;
};

const std::vector<GenreBand>& drum_loop_bands() {
  static const std::vector<GenreBand> bands = {
      {85, 100, "hip hop", {"boom bap", "lo-fi hip hop"}, 0.4},
      {118, 130, "house", {"tech house", "deep house"}, 0.35},
      {130, 150, "techno", {"tech house", "hard techno"}, 0.35},
      {160, 180, "drum and bass", {"jungle", "liquid"}, 0.45},
  };
  return bands;
}
}  // namespace

OfflineFacts read_facts(const NormalizedFeatures& features) {
  OfflineFacts facts;
  facts.kind = normalized_value(features, "kind");
  facts.category = none_to_empty(normalized_value(features, "category"));
  const std::string tempo = normalized_value(features, "tempo_bpm");
  if (!tempo.empty() && tempo != "none") facts.tempo_bpm = number_or(tempo, 0.0);
  facts.key = none_to_empty(normalized_value(features, "key"));
  facts.mode = none_to_empty(normalized_value(features, "mode"));
  facts.camelot = none_to_empty(normalized_value(features, "camelot"));
  if (facts.camelot.empty()) facts.camelot = camelot_code(facts.key, facts.mode);
  facts.energy = number_or(normalized_value(features, "energy"), 0.0);
  facts.brightness_hz = number_or(normalized_value(features, "brightness_hz"), 0.0);
  facts.loudness_lufs = number_or(normalized_value(features, "loudness_lufs"), -70.0);
  facts.peak_dbfs = number_or(normalized_value(features, "peak_dbfs"), -120.0);
  facts.duration_s = number_or(normalized_value(features, "duration_s"), 0.0);
  facts.onset_rate = number_or(normalized_value(features, "onset_rate"), 0.0);
  facts.channels = normalized_value(features, "channels");
  return facts;
}

GenreGuess guess_genre(const OfflineFacts& f) {
  if (f.category != "drum loop" || !f.tempo_bpm) return {};
  for (const GenreBand& band : drum_loop_bands()) {
    if (*f.tempo_bpm >= band.from_bpm && *f.tempo_bpm < band.to_bpm) return {band.genre, band.subgenres, band.confidence};
  }
  return {};
}

std::string tone_word(const OfflineFacts& f) {
  if (f.brightness_hz >= k_bright_hz) return "bright";
  if (f.brightness_hz > 0.0 && f.brightness_hz < k_dark_hz) return "dark";
  return "balanced";
}

std::string energy_word(const OfflineFacts& f) {
  if (f.loudness_lufs >= k_loud_lufs && f.onset_rate >= k_busy_onsets) return "high";
  if (f.loudness_lufs < k_quiet_lufs) return "low";
  return "";
}

std::string guess_mood(const OfflineFacts& f) {
  const std::string tone = tone_word(f);
  if (f.mode == "minor") return tone == "bright" ? "tense" : tone == "dark" ? "dark" : "moody";
  if (f.mode == "major") return tone == "bright" ? (energy_word(f) == "low" ? "airy" : "uplifting") : "warm";
  if (tone == "dark") return "dark";
  if (tone == "bright") return energy_word(f) == "high" ? "energetic" : "crisp";
  return "neutral";
}

std::string tempo_band(const OfflineFacts& f) {
  if (!f.tempo_bpm || *f.tempo_bpm <= 0.0) return "no tempo";
  const double bpm = *f.tempo_bpm;
  if (bpm < 80) return "slow";
  if (bpm < 100) return "downtempo";
  if (bpm < 130) return "mid-tempo";
  if (bpm < 150) return "uptempo";
  return "fast";
}

std::string category_phrase(const OfflineFacts& f) {
  if (f.category.empty()) return f.kind == "loop" ? "loop" : "sound";
  if (f.category == "kick" || f.category == "snare" || f.category == "tom") return f.category + " drum";
  if (f.category == "hat") return "hi-hat";
  if (f.category == "fx") return "effect";
  if (f.category == "chord") return "chord or keys sound";
  if (f.category == "lead") return "lead or pluck";
  if (f.category == "pad") return "pad";
  return f.category;
}

std::vector<std::string> search_tags(const OfflineFacts& f) {
  std::vector<std::string> tags;
  if (!f.category.empty()) tags.push_back(f.category);
  tags.push_back(f.kind.empty() ? "one-shot" : f.kind);
  if (f.tempo_bpm) {
    tags.push_back(tempo_band(f));
    tags.push_back(fmt::format("{:.0f} bpm", *f.tempo_bpm));
  }
  if (!f.camelot.empty()) tags.push_back(f.camelot);
  if (!f.key.empty()) tags.push_back(f.mode.empty() ? f.key : f.key + " " + f.mode);
  if (const std::string tone = tone_word(f); tone != "balanced") tags.push_back(tone);
  if (const std::string energy = energy_word(f); !energy.empty()) tags.push_back(energy + " energy");
  if (const std::string mood = guess_mood(f); mood != "neutral" && mood != tone_word(f)) tags.push_back(mood);
  if (!f.channels.empty()) tags.push_back(f.channels);
  return tags;
}

}  // namespace samplemind
