#pragma once
// Whether what follows a supposed loop inside a file can be a tail: the stretched readings
// (pulse_evidence.cpp) read a file as a loop followed by something else, and that something
// must sound like what follows a loop. Measured on the frame RMS of the onset envelopes.
#include <cstddef>
#include <span>
#include <vector>

namespace samplemind::audio {

class TailShape {
 public:
  // frame_rms: the level of every onset frame of the file (OnsetEnvelopes::frame_rms).
  explicit TailShape(std::span<const float> frame_rms);

  // Why: a tail after a loop is reverb or a fade (quieter than the loop), or the loop's own
  // opening again (an export a little too long). A tail as loud as the loop that does not
  // repeat its opening is the loop going on: the file's own length stands. A held sound
  // (steady levels) is no evidence either way, and may have any tail. loop_share: the
  // loop's part of the file (a stretched reading's length scale); 1 or more has no tail.
  bool can_follow_loop(double loop_share) const;

 private:
  bool steady_until(std::size_t cut) const;            // a held sound: nothing for a tail to differ from
  bool fades_after(std::size_t cut) const;             // quieter than the loop: reverb, a fade, silence
  bool repeats_opening_after(std::size_t cut) const;   // the loop's first frames again, as loud
  bool alike(std::size_t a, std::size_t b, std::size_t n) const;  // n levels from a and b: same shape and size

  std::span<const float> rms_;
  std::vector<double> power_prefix_;  // running sum of rms^2, one more entry than frames
  mutable std::vector<signed char> verdicts_;  // per cut frame: unknown, no or yes
};

}  // namespace samplemind::audio
