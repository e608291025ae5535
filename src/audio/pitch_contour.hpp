#pragma once
// The f0 contour of a sound's head, hop by hop (aubio's YIN), and how a voice moves on it:
// speech glides through every voiced stretch, notes hold, and noise has no pitch at all.
#include <span>
#include <vector>

namespace samplemind::audio {

constexpr int k_contour_hop = 256;      // 11.6 ms at the analysis rate
constexpr int k_contour_window = 1024;  // 46 ms: two periods of 43 Hz

struct ContourFrame {
  double midi = 0.0;        // f0 as a fractional MIDI note (aubio reads one even in noise)
  double confidence = 0.0;  // YIN's periodicity, 0-1
  double rms = 0.0;         // the hop's level
};

// Why: the voice rules need the pitch hop by hop, where the root-note votes see 186 ms
// frames. The contour of a mono signal at the analysis rate, one frame per k_contour_hop.
std::vector<ContourFrame> pitch_contour(std::span<const float> samples);

struct VoicedGlide {
  double voiced_share = 0.0;  // of the audible hops, those with a clear pitch in a voice's range
  double glide_share = 0.0;   // of the pairs 93 ms apart in one voiced stretch, those 0.5 semitone apart
  double held_share = 0.0;    // of the voiced hops, those in stretches of 0.4 s or more: a held voice
};

// Why: a spoken sentence has no pauses to tell it from a groove, but its pitch is there
// most of the time and keeps moving in short stretches (syllables); a drum's ring jitters
// round one pitch or has none, and a singer holds her notes (with a vibrato, moving too).
VoicedGlide measure_voiced_glide(std::span<const ContourFrame> contour);

}  // namespace samplemind::audio
