#pragma once
// The musical features of one audio file: what the AI is asked about and what users search by.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace samplemind {

struct Features {
  double duration_s = 0.0;
  int sample_rate = 0;
  int channels = 0;
  std::optional<double> tempo_bpm;         // null when there is no steady pulse
  double tempo_confidence = 0.0;           // 0..1
  std::string tempo_source = "audio";      // "audio" or "metadata"
  std::optional<std::string> key;          // "C", "C#", ... "B"; null for atonal material
  std::optional<std::string> mode;         // "major" / "minor"; null with key
  double key_confidence = 0.0;             // 0..1
  std::optional<std::string> camelot;      // "8A"; null with key
  std::string kind = "one-shot";           // "loop" or "one-shot"
  std::optional<std::string> root_note;    // pitched one-shots: "C3"
  std::optional<int> root_midi;
  double energy = 0.0;                     // 0..1, see docs/features.md
  double loudness_lufs = -70.0;            // integrated loudness, floored at -70 (silence)
  double peak_dbfs = -120.0;               // sample peak, floored at -120 (silence)
  double brightness_hz = 0.0;              // spectral centroid
  double onset_rate = 0.0;                 // onsets per second
};

// Features as JSON with null for absent values; never emits NaN or inf.
nlohmann::json features_to_json(const Features& features);

// The inverse of features_to_json, for the feature cache; missing fields keep defaults.
Features features_from_json(const nlohmann::json& json);

// Replaces NaN/inf with a fallback so JSON output stays valid.
double finite_or(double value, double fallback);

}  // namespace samplemind
