// Rules, in order: loops by periodicity and tonal evidence; pitched one-shots by envelope
// and pitch (a tuned tom or kick first); unpitched one-shots by duration, centroid, low band
// and flatness. Every threshold was chosen on the tuning half of the real corpus, the
// version 17 ones checked on Debian's drum kits too (docs/features.md, "Category").
#include "audio/category_classifier.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace samplemind::audio {

namespace {
// Loops: "music loop" when at least three of five tonal signs agree, else "drum loop".
constexpr double k_loop_sustain = 0.63;          // share of the span within 20 dB of the peak
constexpr double k_loop_low_ratio = 0.67;        // drum loops carry most energy below 150 Hz
constexpr double k_loop_mfcc3_spread = 0.27;     // MFCC 3 moves more under changing chords
constexpr double k_loop_tonalness = 0.65;        // chroma energy in clear peaks: hats, snares and breaks have little
constexpr int k_timbre_tonal_votes = 2;          // of the three timbre signs (the key gate's question)
constexpr int k_loop_tonal_votes = 3;            // of all five (version 17; two of four before)
constexpr double k_busy_onset_rate = 3.0;        // a "loop" with a root but this many onsets is music
constexpr double k_held_onset_rate = 1.0;        // a "loop" this still and sustained is one held sound
constexpr double k_held_sustain = 0.8;
// Pitched one-shots.
constexpr double k_pad_rise_s = 0.245;           // a slow swell (time to within 1 dB of the peak)...
constexpr double k_pad_duration_s = 2.5;         // ...or a long note that holds its level
constexpr double k_pad_sustain = 0.8;
constexpr int k_bass_below_midi = 40;            // E2
constexpr double k_plucked_sustain = 0.6;        // decays: a strum or a keyboard note
constexpr double k_tuned_drum_max_sustain = 0.6; // kit toms and kicks 0.16-0.57; basses held at 0.72-0.77
// Unpitched one-shots.
constexpr double k_fx_duration_s = 2.5;
constexpr double k_fx_max_centroid_hz = 2900.0;  // longer and brighter is a cymbal
constexpr double k_fx_sustain = 0.7;             // a flat envelope...
constexpr double k_fx_attack_s = 0.05;           // ...that does not start with a hit
// A long dark sound struck and left to ring (a ride, an open hat, a crash held 3-12 s) is a
// cymbal, not fx: it reaches its peak within 70 ms (a recorded crash takes up to 65 ms),
// stays within 20 dB of the peak for under half its span (version 21: 0.05 s and 0.35
// before, from Hydrogen's kits; refitted with the recorded AVL kits, docs/evaluation.md),
constexpr double k_struck_max_attack_s = 0.07;
constexpr double k_struck_max_sustain = 0.5;
constexpr double k_struck_max_low_ratio = 0.3;   // ...and has little below 150 Hz (a boom has much)
constexpr double k_metal_centroid_hz = 2520.0;   // hats and cymbals
constexpr double k_cymbal_duration_s = 0.9;
constexpr double k_drum_body_centroid_hz = 223.0;  // kicks and toms
constexpr double k_drum_body_low_ratio = 0.3;
constexpr double k_tom_duration_s = 0.5;
constexpr double k_snare_min_centroid_hz = 630.0;
constexpr double k_snare_flatness = 0.02;        // the snares' noise

int tonal_timbre_signs(const TimbreSummary& t) {
  return int(t.sustain > k_loop_sustain) + int(t.low_ratio <= k_loop_low_ratio) + int(t.mfcc_spread[2] > k_loop_mfcc3_spread);
}

std::string loop_category(const TimbreSummary& t, const Features& f, double tonalness) {
  const int votes = int(f.key.has_value()) + tonal_timbre_signs(t) + int(tonalness > k_loop_tonalness);
  return votes >= k_loop_tonal_votes ? "music loop" : "drum loop";
}

std::string pitched_category(const TimbreSummary& t, const Features& f) {
  if (t.rise_s > k_pad_rise_s) return "pad";  // a swell: slow to come near its peak
  // A low note is a bass however long it holds (a 3 s 808); only a slow swell makes it a pad.
  if (f.root_midi && *f.root_midi < k_bass_below_midi) return "bass";
  if (t.duration_s > k_pad_duration_s && t.sustain > k_pad_sustain) return "pad";
  if (t.sustain < k_plucked_sustain || f.key) return "chord";
  return "lead";
}

bool rings_like_struck_metal(const TimbreSummary& t) {
  return t.attack_s < k_struck_max_attack_s && t.sustain < k_struck_max_sustain && t.low_ratio < k_struck_max_low_ratio;
}

std::string unpitched_category(const TimbreSummary& t) {
  if (t.duration_s > k_fx_duration_s && t.centroid_hz < k_fx_max_centroid_hz) {
    return rings_like_struck_metal(t) ? "cymbal" : "fx";
  }
  if (t.sustain > k_fx_sustain && t.attack_s > k_fx_attack_s) return "fx";
  if (t.centroid_hz >= k_metal_centroid_hz) return t.duration_s > k_cymbal_duration_s ? "cymbal" : "hat";
  if (t.centroid_hz < k_drum_body_centroid_hz && t.low_ratio > k_drum_body_low_ratio) {
    return t.duration_s > k_tom_duration_s ? "tom" : "kick";
  }
  if (t.centroid_hz >= k_snare_min_centroid_hz && t.flatness > k_snare_flatness) return "snare";
  return "percussion";
}
}  // namespace

bool timbre_sounds_tonal(const TimbreSummary& timbre) {
  return timbre.audible && tonal_timbre_signs(timbre) >= k_timbre_tonal_votes;
}

bool is_drum_category(std::string_view category) {
  static constexpr std::string_view k_drums[] = {"drum loop", "kick", "snare", "clap", "hat", "cymbal", "tom"};
  return std::find(std::begin(k_drums), std::end(k_drums), category) != std::end(k_drums);
}

std::optional<std::string> classify_category(const TimbreSummary& timbre, const Features& features, double tonalness) {
  if (!timbre.audible) return std::nullopt;
  const bool held = features.onset_rate < k_held_onset_rate && timbre.sustain > k_held_sustain;
  if (features.kind == "loop" && held) return "pad";
  if (features.kind == "loop" && (!features.root_midi || features.onset_rate > k_busy_onset_rate)) {
    return loop_category(timbre, features, tonalness);
  }
  if (features.root_midi) {
    // A tuned drum (a tom, an 808 kick) has a real pitch, and is still a drum: the drum rules
    // decide when they find its low body and it decays like a struck skin, not a held note.
    const std::string drum = unpitched_category(timbre);
    const bool tuned_drum = (drum == "tom" || drum == "kick") && timbre.sustain < k_tuned_drum_max_sustain;
    return tuned_drum ? drum : pitched_category(timbre, features);
  }
  return unpitched_category(timbre);
}

bool is_drum_hit_category(std::string_view category) {
  static constexpr std::string_view k_hits[] = {"kick", "snare", "clap", "hat", "cymbal", "tom", "percussion"};
  return std::find(std::begin(k_hits), std::end(k_hits), category) != std::end(k_hits);
}

void drop_drum_key(Features& features) {
  if (!features.category || !is_drum_category(*features.category) || features.key_source != "audio") return;
  features.key.reset();
  features.mode.reset();
  features.camelot.reset();
  features.key_audio.reset();
  features.key_confidence = 0.0;
}

void drop_unpitched_drum_root(Features& features) {
  if (!features.category) return;
  const std::string& c = *features.category;
  if (c != "hat" && c != "cymbal" && c != "snare" && c != "clap") return;
  features.root_note_audio.reset();  // what the audio heard on such a drum is no pitch either
  if (features.root_source != "audio" && features.root_source != "smpl") return;
  features.root_midi.reset();
  features.root_note.reset();
  features.root_source = "audio";  // no root: nothing the chunk states is left
}

}  // namespace samplemind::audio
