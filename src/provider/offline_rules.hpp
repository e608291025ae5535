#pragma once
// The offline analyser's musical rules, kept apart from JSON shaping so tests can
// check each rule on its own.
#include <optional>
#include <string>
#include <vector>

#include "model/normalized_features.hpp"

namespace samplemind {

// The normalised features read back as numbers; absent values stay empty.
struct OfflineFacts {
  std::string kind;                  // "loop" or "one-shot"
  std::optional<double> tempo_bpm;
  std::string key;                   // "" when atonal
  std::string mode;                  // "major", "minor" or ""
  std::string camelot;               // "8A" or ""
  double energy = 0.0;               // 0..1
  double brightness_hz = 0.0;
  double loudness_lufs = -70.0;
  double peak_dbfs = -120.0;
  double duration_s = 0.0;
  double onset_rate = 0.0;
  std::string channels;              // "mono", "stereo", ...
};

struct GenreGuess {
  std::string genre;
  std::vector<std::string> subgenres;
  double confidence = 0.0;           // 0..1
};

// Parses the text values of normalised features into facts.
OfflineFacts read_facts(const NormalizedFeatures& features);

// A genre from tempo, energy and brightness.
GenreGuess guess_genre(const OfflineFacts& facts);

// A mood word from mode and energy.
std::string guess_mood(const OfflineFacts& facts);

// "slow", "downtempo", "mid-tempo", "uptempo", "fast" or "no tempo".
std::string tempo_band(const OfflineFacts& facts);

// Search tags: kind, tempo band, Camelot key, brightness, energy, channels.
std::vector<std::string> search_tags(const OfflineFacts& facts);

}  // namespace samplemind
