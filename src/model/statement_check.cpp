// Stated values against the audio's readings (statement_check.hpp), with the allowances
// the audio needs: its tempo octave, its key among the stated key's neighbours or as well
// fitted by the pitch classes, its root's octave or a chord's triad on a root that sounds.
#include "model/statement_check.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "model/key_profiles.hpp"
#include "model/musical_key.hpp"
#include "model/tempo_range.hpp"

namespace samplemind {

namespace {
constexpr double k_tempo_tolerance = 0.04;  // Acc1's line: a reading within 4% is the same tempo
// A chord's audio root is the root of the strongest triad inside it: a third up from the
// stated root (m7, m7b5, maj7), a tritone up (m7b5's diminished triad) or a fifth up (a minor
// chord read by its fifth). The stated root must then sound in the profile itself.
constexpr std::array<int, 4> k_chord_root_steps{3, 4, 6, 7};
constexpr double k_sounding_class_share = 0.5;  // docs/metadata.md, "Checking what files state"
// The profile holds peaks up to 3.5 kHz: from C6 up a note has at most three harmonics in
// it, too few to tell a chord from one note (freepats' top piano and xylophone notes).
constexpr int k_highest_chord_octave = 5;
// A stated key whose fit to the pitch classes trails the best key's by at most this is one
// the audio cannot tell from its own reading (an excerpt on another chord of the key). Set
// on the real corpus' tuning half: three of the seven right keys the wheel rejects trail by
// 0-0.06 (the rest by 0.27 and more), every wrong key by 0.14 and more (docs/metadata.md).
constexpr double k_key_fit_tolerance = 0.1;

std::string_view source_words(std::string_view source) {
  if (source == "tag") return "its tags state";
  if (source == "acid") return "its ACID chunk states";
  if (source == "basc") return "its Apple Loops chunk states";
  if (source == "smpl") return "its smpl chunk states";
  if (source == "filename") return "its file name states";
  return "it states";
}

bool same_tempo(double reading, double stated) {
  return std::isfinite(reading) && reading > 0.0 && std::abs(reading / stated - 1.0) <= k_tempo_tolerance;
}

// The audio's readings: its tempo and its two best candidates; none when it heard no steady
// pulse (a one-shot's candidates are not a tempo it claims).
std::vector<double> tempo_readings(const Features& f) {
  std::vector<double> readings;
  if (!f.tempo_bpm_audio) return readings;
  readings.push_back(*f.tempo_bpm_audio);
  for (const TempoCandidate& candidate : f.tempo_candidates) readings.push_back(candidate.bpm);
  return readings;
}

StatementVerdict tempo_verdict(const Features& f, double stated) {
  const std::vector<double> readings = tempo_readings(f);
  if (readings.empty()) return StatementVerdict::unchecked;
  for (double reading : readings) {
    if (same_tempo(reading, stated) || same_tempo(reading, stated * 2.0) || same_tempo(reading, stated / 2.0)) {
      return StatementVerdict::agrees;
    }
  }
  return StatementVerdict::disagrees;
}

// Whether the stated key fits the audio's pitch classes nearly as well as the best key does.
bool stated_key_fits_profile(const Features& f, int tonic, bool minor) {
  if (f.pitch_classes.size() != 12) return false;  // an entry from before pitch classes
  PitchProfile profile{};
  std::copy(f.pitch_classes.begin(), f.pitch_classes.end(), profile.begin());
  const double gap = best_key_fit(profile, k_key_profile_set) - key_fit(profile, k_key_profile_set, tonic, minor);
  return gap <= k_key_fit_tolerance;
}

// The stated key's neighbours on the Camelot wheel (itself, its relative, a fifth either way
// in the same mode) or its parallel agree, and so does a key that fits the pitch classes
// about as well as the audio's; audio_key is the audio's form, "A minor".
StatementVerdict key_verdict(const Features& f, std::string_view key, std::string_view mode,
                             std::string_view audio_key) {
  const auto space = audio_key.find(' ');
  if (space == std::string_view::npos) return StatementVerdict::unchecked;
  const std::string_view audio_tonic = audio_key.substr(0, space);
  const std::string audio_code = camelot_code(audio_tonic, audio_key.substr(space + 1));
  const std::vector<std::string> near = compatible_camelot_codes(camelot_code(key, mode));
  const std::optional<int> tonic = pitch_class_from_name(key);
  if (audio_code.empty() || near.empty() || !tonic) return StatementVerdict::unchecked;
  const bool parallel = tonic == pitch_class_from_name(audio_tonic);
  const bool neighbour = parallel || std::find(near.begin(), near.end(), audio_code) != near.end();
  return neighbour || stated_key_fits_profile(f, *tonic, mode == "minor") ? StatementVerdict::agrees
                                                                         : StatementVerdict::disagrees;
}

// The pitch class a note name starts with: "C#3" -> 1.
std::optional<int> note_pitch_class(std::string_view note) {
  if (note.size() >= 2 && (note[1] == '#' || note[1] == 'b')) {
    if (auto pitch_class = pitch_class_from_name(note.substr(0, 2))) return pitch_class;
  }
  return note.empty() ? std::nullopt : pitch_class_from_name(note.substr(0, 1));
}

// The octave a note name ends with: "C#3" -> 3, "B-1" -> -1; none without one.
std::optional<int> note_octave(std::string_view note) {
  const std::size_t digits = note.find_first_of("-0123456789");
  int octave = 0;
  if (digits == std::string_view::npos) return std::nullopt;
  const auto [end, error] = std::from_chars(note.data() + digits, note.data() + note.size(), octave);
  return error == std::errc{} && end == note.data() + note.size() ? std::optional<int>(octave) : std::nullopt;
}

// Whether the audio's root is the strongest triad of a chord built on the stated root:
// it sits a chord step above it, low enough for the profile to hold a chord, and the stated
// class itself sounds.
bool reads_chord_on_stated_root(const Features& f, int stated, int audio) {
  if (f.pitch_classes.size() != 12) return false;  // an entry from before pitch classes: strict
  const std::optional<int> octave = note_octave(f.root_note_audio.value_or(""));
  if (!octave || *octave > k_highest_chord_octave) return false;
  const int step = ((audio - stated) % 12 + 12) % 12;
  const bool chord_step = std::find(k_chord_root_steps.begin(), k_chord_root_steps.end(), step) != k_chord_root_steps.end();
  return chord_step && f.pitch_classes[static_cast<std::size_t>(stated)] >= k_sounding_class_share;
}

void check_tempo(const Features& f, StatementCheck& check) {
  if (f.tempo_source == "audio" || !f.tempo_bpm || !std::isfinite(*f.tempo_bpm) || *f.tempo_bpm <= 0.0) return;
  check.tempo = tempo_verdict(f, *f.tempo_bpm);
  if (*check.tempo != StatementVerdict::disagrees) return;
  check.disagreements.push_back(fmt::format("{} {} BPM; its audio reads {} BPM", source_words(f.tempo_source),
                                            bpm_text(*f.tempo_bpm), bpm_text(*f.tempo_bpm_audio)));
}

void check_key(const Features& f, StatementCheck& check) {
  if (f.key_source == "audio" || !f.key || !f.mode) return;
  check.key = f.key_audio ? key_verdict(f, *f.key, *f.mode, *f.key_audio) : StatementVerdict::unchecked;
  if (*check.key != StatementVerdict::disagrees) return;
  check.disagreements.push_back(
      fmt::format("{} {} {}; its audio reads {}", source_words(f.key_source), *f.key, *f.mode, *f.key_audio));
}

void check_root(const Features& f, StatementCheck& check) {
  if (f.root_source == "audio" || !f.root_note) return;
  const auto stated = note_pitch_class(*f.root_note);
  if (!stated) return;
  const auto audio = f.root_note_audio ? note_pitch_class(*f.root_note_audio) : std::nullopt;
  const bool agrees = audio && (*audio == *stated || reads_chord_on_stated_root(f, *stated, *audio));
  check.root = !audio ? StatementVerdict::unchecked : (agrees ? StatementVerdict::agrees : StatementVerdict::disagrees);
  if (*check.root != StatementVerdict::disagrees) return;
  check.disagreements.push_back(fmt::format("{} the root note {}; its audio reads {}", source_words(f.root_source),
                                            *f.root_note, *f.root_note_audio));
}

}  // namespace

StatementCheck check_statements(const Features& features) {
  StatementCheck check;
  check_tempo(features, check);
  check_key(features, check);
  check_root(features, check);
  return check;
}

const char* to_string(StatementVerdict verdict) {
  switch (verdict) {
    case StatementVerdict::agrees: return "agrees";
    case StatementVerdict::disagrees: return "disagrees";
    case StatementVerdict::unchecked: return "unchecked";
  }
  return "unchecked";
}

}  // namespace samplemind
