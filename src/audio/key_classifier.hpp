#pragma once
// Key from a pitch-class profile: correlation with 24 rotated key profiles, and a
// tonalness gate so drums and noise get no key.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "audio/chroma_stage.hpp"
#include "model/key_profiles.hpp"
#include "model/musical_key.hpp"

namespace samplemind::audio {

// The profile sets live in the core (model/key_profiles.hpp), shared with the statement check.
using samplemind::ProfileSet;
using samplemind::profile_set_from_name;

// The tonalness (Chroma::tonalness) a sound needs for a key: the line between a tonal sound
// and a drum. Real corpus, tuning half: drum hits stay keyless (0.96), more tonal loops get
// a key. The voice rule (voice_phrase.hpp) reuses it as "pitched".
inline constexpr double k_min_tonalness = 0.5;

struct KeyEstimate {
  std::optional<int> tonic;      // pitch class 0 = C; null for atonal material
  bool minor = false;
  double confidence = 0.0;       // 0..1
  double correlation = 0.0;      // best key's correlation
  double margin = 0.0;           // best minus second-best correlation
};

// What the sound is, for the key gates: a one-shot whose chroma is one class is a note (it
// gets a root note), a loop whose bass makes its tonic tower over the rest still has a key.
enum class SoundKind { one_shot, loop };

// What the rest of the sound (its timbre) already says: a loop that sounds tonal needs
// less peak energy in its chroma to carry a key. (A drum's key is dropped after the
// category is known: drop_drum_key in category_classifier.hpp.)
enum class TimbreEvidence { none, tonal };

// Classifies a profile with one profile set; gates on tonalness.
KeyEstimate classify_key(const Chroma& chroma, ProfileSet set, SoundKind kind = SoundKind::one_shot,
                         TimbreEvidence timbre = TimbreEvidence::none);

// Key names and Camelot codes come from the core (one implementation for every user).
using samplemind::camelot_code;
using samplemind::pitch_class_name;

}  // namespace samplemind::audio
