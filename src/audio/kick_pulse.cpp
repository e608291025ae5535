// Four-on-the-floor kicks: a dark sound with one onset on every beat of a whole-beat
// reading of the file, nothing between, every second kick as strong as the others. The
// constants are set from that description, not fitted (docs/features.md, "Which beat count").
#include "audio/kick_pulse.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace samplemind::audio {

namespace {
// Kick rates of 70-140 BPM only: above, the half reading (70-90) is as likely, since a bass
// pumping even eighths at 86 BPM is the same pulse as kicks at 172 (a held-out LMMS loop
// read 172 when the range went to 180).
constexpr double k_min_kick_bpm = 70.0;
constexpr double k_max_kick_bpm = 140.0;
constexpr int k_min_kicks = 4;             // a bar of them
constexpr double k_on_beat_slack_s = 0.035;
constexpr double k_max_accent_ratio = 1.5; // every second kick no more than this louder (or softer)
constexpr std::size_t k_hit_hops = 4;      // 46 ms of onset hops: where a kick's level peaks
// A kick's spectral centroid sits at 0.2-0.8 kHz; snares and claps 2-3 kHz, hats 5-8 kHz
// (Hydrogen's kits and LMMS's loops).
constexpr double k_max_kick_brightness_hz = 1000.0;

// Whether the onsets are one kick on each of `beats` beats over the file, evenly accented.
bool kicks_on_every_beat(const OnsetEnvelopes& env, const std::vector<double>& onset_times_s, double duration_s,
                         int beats) {
  const double period_s = duration_s / beats;
  std::vector<int> filled(static_cast<std::size_t>(beats), 0);
  double even_sum = 0.0, odd_sum = 0.0;
  int even_count = 0, odd_count = 0;
  for (const double t : onset_times_s) {
    const long beat = std::lround(t / period_s);
    if (beat < 0 || beat >= beats || std::abs(t - static_cast<double>(beat) * period_s) > k_on_beat_slack_s) return false;
    if (filled[static_cast<std::size_t>(beat)]++ > 0) return false;  // two onsets in one beat: something between
    const auto frame = static_cast<std::size_t>(std::max(0L, std::lround(t * env.frame_rate_hz)));
    // The hit's level: its loudest hop within 46 ms of the onset.
    const auto& rms = env.frame_rms;
    if (frame >= rms.size()) return false;
    const auto last = rms.begin() + static_cast<std::ptrdiff_t>(std::min(rms.size(), frame + k_hit_hops));
    const double level = *std::max_element(rms.begin() + static_cast<std::ptrdiff_t>(frame), last);
    (beat % 2 == 0 ? even_sum : odd_sum) += level;
    ++(beat % 2 == 0 ? even_count : odd_count);
  }
  // One beat may be missed by the onset picker (a kick at the file's first frame).
  if (static_cast<int>(onset_times_s.size()) < beats - 1 || even_count == 0 || odd_count == 0) return false;
  const double even = even_sum / even_count, odd = odd_sum / odd_count;
  return even > 0.0 && odd > 0.0 && std::max(even, odd) / std::min(even, odd) <= k_max_accent_ratio;
}
}  // namespace

int kick_rate_beats(const OnsetEnvelopes& envelopes, const std::vector<double>& onset_times_s, double duration_s,
                    double brightness_hz) {
  const auto onsets = static_cast<int>(onset_times_s.size());
  if (onsets < k_min_kicks || !(duration_s > 0.0) || envelopes.frame_rate_hz <= 0.0) return 0;
  if (!(brightness_hz > 0.0 && brightness_hz < k_max_kick_brightness_hz)) return 0;
  for (const int beats : {onsets, onsets + 1}) {
    const double bpm = 60.0 * beats / duration_s;
    if (bpm < k_min_kick_bpm || bpm > k_max_kick_bpm) continue;
    if (kicks_on_every_beat(envelopes, onset_times_s, duration_s, beats)) return beats;
  }
  return 0;
}

}  // namespace samplemind::audio
