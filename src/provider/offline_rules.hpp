#pragma once
// The offline analyser's musical rules, kept apart from JSON shaping so tests can
// check each rule on its own. One vocabulary (docs/offline.md): the tone word, the mood
// and the tags are derived from the same readings, so they cannot contradict each other.
#include <optional>
#include <string>
#include <vector>

#include "model/normalized_features.hpp"

namespace samplemind {

// The normalised features read back as numbers; absent values stay empty.
struct OfflineFacts {
  std::string kind;                  // "loop" or "one-shot"
  std::string category;              // "kick", ..., "music loop"; "" when unknown
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
  std::optional<std::string> genre;  // null when the evidence does not support one
  std::vector<std::string> subgenres;
  double confidence = 0.0;           // 0..1
};

// Parses the text values of normalised features into facts.
OfflineFacts read_facts(const NormalizedFeatures& features);

// Why: genre only where rhythm makes it conventional (a drum loop at a genre's tempo);
// one-shots, music loops and unusual tempi get null rather than a guess.
GenreGuess guess_genre(const OfflineFacts& facts);

// Why: "dark", "bright" or "balanced" from the spectral centroid; mood and tags reuse it.
std::string tone_word(const OfflineFacts& facts);

// Why: "high", "low" or "" (medium) from loudness and activity, not peak-normalised RMS,
// which calls nearly every sample "high energy".
std::string energy_word(const OfflineFacts& facts);

// Why: a mood from mode and tone together, so a dark sound is never "uplifting".
std::string guess_mood(const OfflineFacts& facts);

// "slow", "downtempo", "mid-tempo", "uptempo", "fast" or "no tempo".
std::string tempo_band(const OfflineFacts& facts);

// Why: search tags from the same words: category, kind, tempo, key, tone, energy, channels.
std::vector<std::string> search_tags(const OfflineFacts& facts);

// Why: the category as a noun phrase for sentences ("kick drum", "music loop", "sound").
std::string category_phrase(const OfflineFacts& facts);

}  // namespace samplemind
