#pragma once
// Features fixtures and checks shared by the tests of the extractor's rules: a keyed note
// to clear, and the "no pulse, no pitch" outcome several rules share.
#include <doctest/doctest.h>

#include "model/features.hpp"

namespace samplemind::testing {

// The audio's key A minor (confidence 0.7) and the given root, as the extractor fills them.
inline Features with_audio_a_minor(int root_midi, const char* root_note) {
  Features f;
  f.key = "A";
  f.mode = "minor";
  f.camelot = "8A";
  f.key_audio = "A minor";
  f.key_confidence = 0.7;
  f.root_midi = root_midi;
  f.root_note = root_note;
  return f;
}

// A sound read as neither a loop nor a note: no tempo, no key, no root.
inline void check_no_tempo_key_or_root(const Features& f) {
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK_FALSE(f.key.has_value());
  CHECK_FALSE(f.root_midi.has_value());
}

}  // namespace samplemind::testing
