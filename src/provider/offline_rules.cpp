// Rule-based musical judgements for the offline analyser: deterministic, explainable,
// and coarse on purpose (it sees the same quantised features as a hosted model).
#include "provider/offline_rules.hpp"

#include "model/musical_key.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace samplemind {

namespace {
constexpr double k_high_energy = 0.6;
constexpr double k_low_energy = 0.3;
constexpr double k_bright_hz = 3000.0;
constexpr double k_dark_hz = 1500.0;

double number_or(const std::string& text, double fallback) {
  if (text.empty() || text == "none") return fallback;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? fallback : value;
}

std::string none_to_empty(const std::string& text) { return text == "none" ? "" : text; }

}  // namespace

OfflineFacts read_facts(const NormalizedFeatures& features) {
  OfflineFacts facts;
  facts.kind = normalized_value(features, "kind");
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
  const bool bright = f.brightness_hz >= k_bright_hz;
  const bool dark = f.brightness_hz > 0.0 && f.brightness_hz < k_dark_hz;
  const bool hot = f.energy >= k_high_energy;
  const bool calm = f.energy < k_low_energy;
  if (!f.tempo_bpm || *f.tempo_bpm <= 0.0) {
    if (calm) return {"ambient", {"drone", "soundscape"}, 0.45};
    if (f.kind == "one-shot" && f.onset_rate <= 2.0) {
      return {bright ? "electronic" : "hip hop", {"one-shot", "sound design"}, 0.3};
    }
    return {"experimental", {"sound design", "texture"}, 0.3};
  }
  const double bpm = *f.tempo_bpm;
  if (bpm < 80) return calm ? GenreGuess{"ambient", {"downtempo", "chillout"}, 0.45}
                            : GenreGuess{"trip hop", {"downtempo", "lo-fi hip hop"}, 0.45};
  if (bpm < 100) {
    if (dark || calm) return {"lo-fi hip hop", {"boom bap", "chillhop"}, 0.55};
    return {"hip hop", {"boom bap", "trap"}, 0.55};
  }
  if (bpm < 118) return hot ? GenreGuess{"nu disco", {"funk", "indie dance"}, 0.45}
                            : GenreGuess{"downtempo", {"chillout", "deep house"}, 0.4};
  if (bpm < 126) {
    if (dark) return {"deep house", {"house", "minimal"}, 0.55};
    return {"house", bright ? std::vector<std::string>{"tech house", "progressive house"}
                            : std::vector<std::string>{"deep house", "garage"}, 0.6};
  }
  if (bpm < 136) {
    if (hot && !bright) return {"techno", {"peak-time techno", "industrial techno"}, 0.6};
    if (bright) return {"trance", {"progressive trance", "uplifting trance"}, 0.5};
    return {"techno", {"minimal techno", "tech house"}, 0.5};
  }
  if (bpm < 150) return bright ? GenreGuess{"trance", {"psytrance", "uplifting trance"}, 0.5}
                               : GenreGuess{"dubstep", {"riddim", "bass music"}, 0.45};
  if (bpm < 165) return {"trap", {"drill", "hip hop"}, 0.45};
  if (bpm < 185) return {"drum and bass", hot ? std::vector<std::string>{"neurofunk", "jump up"}
                                              : std::vector<std::string>{"liquid", "jungle"}, 0.6};
  return {"hardcore", {"gabber", "hardstyle"}, 0.45};
}

std::string guess_mood(const OfflineFacts& f) {
  const bool hot = f.energy >= k_high_energy;
  const bool calm = f.energy < k_low_energy;
  if (f.mode == "minor") return hot ? "dark" : calm ? "melancholic" : "moody";
  if (f.mode == "major") return hot ? "uplifting" : calm ? "peaceful" : "warm";
  return hot ? "driving" : calm ? "calm" : "neutral";
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

std::vector<std::string> search_tags(const OfflineFacts& f) {
  std::vector<std::string> tags;
  tags.push_back(f.kind.empty() ? "one-shot" : f.kind);
  tags.push_back(tempo_band(f));
  if (f.tempo_bpm) tags.push_back(fmt::format("{:.0f} bpm", *f.tempo_bpm));
  if (!f.camelot.empty()) tags.push_back(f.camelot);
  if (!f.key.empty()) tags.push_back(f.mode.empty() ? f.key : f.key + " " + f.mode);
  if (f.brightness_hz >= k_bright_hz) tags.push_back("bright");
  if (f.brightness_hz > 0.0 && f.brightness_hz < k_dark_hz) tags.push_back("dark");
  if (f.energy >= k_high_energy) tags.push_back("high energy");
  if (f.energy < k_low_energy) tags.push_back("low energy");
  if (!f.channels.empty()) tags.push_back(f.channels);
  return tags;
}

}  // namespace samplemind
