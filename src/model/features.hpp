#pragma once
// The musical features of one audio file: what the AI is asked about and what users search by.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/result.hpp"

namespace samplemind {

// One reading of the tempo from the audio, so a half or double reading is visible.
struct TempoCandidate {
  double bpm = 0.0;
  double confidence = 0.0;  // 0..1
};

// What a file states about itself (tags, ACID and smpl chunks, its name): each value with
// the place it was read from ("tag", "acid", "basc", "smpl", "filename").
struct StatedValues {
  std::optional<double> bpm;
  std::string bpm_source;
  std::optional<int> key_tonic;       // pitch class, 0 = C
  std::optional<bool> key_minor;      // null: a note was named, not a mode
  std::string key_source;
  std::optional<int> root_midi;       // a note with its octave (smpl, ACID, "Piano C3")
  std::optional<int> root_pitch_class;  // a note without an octave ("bass_hit_c")
  std::string root_source;

  bool empty() const { return !bpm && !key_tonic && !root_midi && !root_pitch_class; }
};

struct Features {
  double duration_s = 0.0;
  int sample_rate = 0;
  int channels = 0;
  std::optional<double> tempo_bpm;         // final: stated by the file, else the audio estimate
  double tempo_confidence = 0.0;           // 0..1
  std::string tempo_source = "audio";      // "audio", "tag", "acid", "basc" or "filename"
  std::optional<double> tempo_bpm_audio;   // the audio estimate, null without a steady pulse
  std::vector<TempoCandidate> tempo_candidates;  // the best two audio readings
  std::optional<std::string> key;          // "C", "C#", ... "B"; null for atonal material
  std::optional<std::string> mode;         // "major" / "minor"; null with key
  double key_confidence = 0.0;             // 0..1
  std::optional<std::string> camelot;      // "8A"; null with key
  std::string key_source = "audio";        // "audio", "tag", "basc" or "filename"
  std::optional<std::string> key_audio;    // the audio estimate, e.g. "A minor"
  std::string kind = "one-shot";           // "loop" or "one-shot"
  std::optional<std::string> root_note;    // pitched one-shots: "C3"
  std::optional<int> root_midi;
  std::string root_source = "audio";       // "audio", "acid", "smpl", "basc" or "filename"
  std::optional<std::string> root_note_audio;  // the audio estimate, e.g. "C3", beside a stated root
  StatedValues stated;                     // what the content states (tags, chunks); cached with the rest
  double energy = 0.0;                     // 0..1, see docs/features.md
  double loudness_lufs = -70.0;            // integrated loudness, floored at -70 (silence)
  double peak_dbfs = -120.0;               // sample peak, floored at -120 (silence)
  double brightness_hz = 0.0;              // spectral centroid
  double onset_rate = 0.0;                 // onsets per second
  // What kind of sound this is: "kick", "snare", "clap", "hat", "cymbal", "tom",
  // "percussion", "bass", "lead", "pad", "chord", "vocal", "fx", "drum loop", "music loop";
  // null when nothing fits (docs/features.md, "Category").
  std::optional<std::string> category;
  std::string category_source = "audio";   // "audio" or "filename"
  std::optional<std::string> category_audio;  // the audio's category, beside a name's (set with the final values)
  std::vector<float> timbre;               // compact timbre descriptor (docs/features.md, "Timbre")
  // How strongly each pitch class C..B sounds over the file, the strongest 1.0; empty when
  // nothing tonal sounds (docs/features.md, "Pitch classes"). Not part of the AI cache key.
  std::vector<float> pitch_classes;
};

class JsonTextWriter;

// Features as JSON text with null for absent values; never emits NaN or inf. The one
// writer of features: the cache stores this text and reports print it.
void write_features_json(JsonTextWriter& out, const Features& features);
// The same, compact, as a string (what the feature cache stores).
std::string features_json_text(const Features& features);
// The same as a tree, for callers that add to it.
nlohmann::json features_to_json(const Features& features);

// The inverse of features_to_json, for the feature cache: missing or null fields keep their
// defaults, a field of the wrong type is an error (model/features_reader.hpp).
Result<Features> features_from_json_text(std::string_view text);

// Replaces NaN/inf with a fallback so JSON output stays valid.
double finite_or(double value, double fallback);

}  // namespace samplemind
