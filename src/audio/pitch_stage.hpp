#pragma once
// Root note of a pitched one-shot: per-frame subharmonic summation votes, chord triads.
#include <optional>
#include <span>
#include <string>

namespace samplemind::audio {

// Seconds of audio kept for the root-note pass (one-shots are short).
constexpr double k_root_note_window_s = 6.0;
// Frame of the root-note votes: 186 ms at 22.05 kHz, 5.4 Hz bins.
constexpr int k_pitch_fft_size = 4096;

struct RootNote {
  int midi = 0;
  std::string name;  // "A4" (MIDI 69)
  bool held = false;  // one steady clean pitch throughout (a note even if tempo saw "beats")
};

// The root note of a mono signal at the analysis rate, or nothing when unpitched.
std::optional<RootNote> estimate_root_note(std::span<const float> samples);

// "C4" for MIDI 60.
std::string midi_note_name(int midi);

}  // namespace samplemind::audio
