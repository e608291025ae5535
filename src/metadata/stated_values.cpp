// Statements first, audio second: a producer's tag or file name is what the user expects
// to see, and the audio reading stays in *_audio fields for comparison.
#include "metadata/stated_values.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "audio/category_classifier.hpp"
#include "metadata/filename_category.hpp"
#include "metadata/filename_statements.hpp"
#include "metadata/statements.hpp"
#include "model/musical_key.hpp"

namespace samplemind {

namespace {
constexpr double k_beat_fit_tolerance = 0.03;  // of the file's length
constexpr double k_max_beat_fit_error_s = 0.06; // a cut a few ms off, or an MP3's padding
constexpr int k_min_loop_beats = 4;             // one bar of 4/4
constexpr int k_max_loop_beats = 64;            // sixteen bars
constexpr int k_default_unity_note_midi = 60;

// The content's statement (tags, chunks) wins over the name's: it was written on purpose.
template <class T>
bool pick(const std::optional<T>& content, const std::string& content_source, const std::optional<T>& name,
          const std::string& name_source, T& value, std::string& source) {
  if (content) {
    value = *content;
    source = content_source;
    return true;
  }
  if (name) {
    value = *name;
    source = name_source;
    return true;
  }
  return false;
}

std::string note_name(int midi) {
  const int octave = midi / 12 - 1;  // C4 = MIDI 60
  return fmt::format("{}{}", pitch_class_name(((midi % 12) + 12) % 12), octave);
}

void resolve_tempo(Features& f, const StatedValues& content, const StatedValues& name) {
  double bpm = 0.0;
  std::string source;
  if (!pick(content.bpm, content.bpm_source, name.bpm, name.bpm_source, bpm, source) || !std::isfinite(bpm)) return;
  f.tempo_bpm = bpm;
  f.tempo_source = source;
  f.tempo_confidence = 1.0;
  // A loop chunk's tempo is what loop software stretches this file by (basc's: its beats over its length).
  const bool loop_chunk = source == "acid" || source == "basc";
  if (f.kind != "loop" && (loop_chunk || fits_whole_beats(f.duration_s, bpm))) f.kind = "loop";
}

void resolve_key(Features& f, const StatedValues& content, const StatedValues& name) {
  int tonic = 0;
  std::string source;
  const bool from_content = content.key_tonic.has_value();
  if (!pick(content.key_tonic, content.key_source, name.key_tonic, name.key_source, tonic, source)) return;
  if (tonic < 0 || tonic > 11) return;
  const std::optional<bool> minor = from_content ? content.key_minor : name.key_minor;
  const bool is_minor = minor.value_or(false);  // a key named without a mode is major ("C" in TKEY)
  f.key = std::string(pitch_class_name(tonic));
  f.mode = is_minor ? "minor" : "major";
  f.camelot = camelot_code(tonic, is_minor);
  f.key_confidence = 1.0;
  f.key_source = source;
}

void resolve_root(Features& f, const StatedValues& content_in, const StatedValues& name) {
  // A smpl unity note of exactly C4 is many editors' default: a name naming another note
  // wins over it (docs/metadata.md, "Priority").
  StatedValues content = content_in;
  const std::optional<int> name_pc =
      name.root_midi ? std::optional<int>(*name.root_midi % 12) : name.root_pitch_class;
  if (content.root_source == "smpl" && content.root_midi == k_default_unity_note_midi && name_pc &&
      *name_pc != k_default_unity_note_midi % 12) {
    content.root_midi.reset();
  }
  int midi = 0;
  std::string source;
  if (pick(content.root_midi, content.root_source, name.root_midi, name.root_source, midi, source)) {
    if (midi < 0 || midi > 127) return;
    f.root_midi = midi;
    f.root_note = note_name(midi);
    f.root_source = source;
    return;
  }
  int pitch_class = 0;
  if (!pick(content.root_pitch_class, content.root_source, name.root_pitch_class, name.root_source, pitch_class,
            source) ||
      pitch_class < 0 || pitch_class > 11) {
    return;
  }
  f.root_source = source;
  // A note without an octave keeps the audio's octave when the audio heard the same note.
  if (f.root_midi && *f.root_midi % 12 == pitch_class) return;
  f.root_midi.reset();
  f.root_note = std::string(pitch_class_name(pitch_class));
}

}  // namespace

StatedValues to_stated_values(const metadata::FileStatements& in) {
  StatedValues out;
  if (in.bpm && in.bpm_source) {
    out.bpm = in.bpm;
    out.bpm_source = std::string(metadata::source_name(*in.bpm_source));
  }
  if (in.key && in.key_source) {
    out.key_tonic = in.key->tonic_pc;
    out.key_minor = in.key->minor;
    out.key_source = std::string(metadata::source_name(*in.key_source));
  }
  if (in.root && in.root_source) {
    if (in.root->midi) out.root_midi = in.root->midi;
    else out.root_pitch_class = in.root->pitch_class;
    out.root_source = std::string(metadata::source_name(*in.root_source));
  }
  return out;
}

StatedValues statements_from_file_name(const std::filesystem::path& path) {
  return to_stated_values(metadata::statements_from_filename(path));
}

void apply_file_statements(Features& features, const std::filesystem::path& path, const StatementOptions& options) {
  resolve_stated_values(features, options.ignore_metadata ? StatedValues{} : statements_from_file_name(path), options);
  features.category_audio = features.category;  // the extractor's reading, before the name's
  if (!options.ignore_metadata) metadata::apply_filename_category(features, path);
  audio::drop_unpitched_drum_root(features);  // a smpl unity note on a snare the audio named
}

bool fits_whole_beats(double duration_s, double bpm) {
  if (!std::isfinite(duration_s) || !std::isfinite(bpm) || bpm <= 0.0) return false;
  const double beats = duration_s * bpm / 60.0;
  const double whole = std::round(beats);
  if (!(whole >= k_min_loop_beats && whole <= k_max_loop_beats)) return false;
  const auto count = static_cast<int>(whole);
  if ((count & (count - 1)) != 0) return false;  // 1, 2, 4, 8 or 16 bars
  const double error_s = std::abs(duration_s - whole * 60.0 / bpm);
  return error_s <= std::min(k_beat_fit_tolerance * duration_s, k_max_beat_fit_error_s);
}

void resolve_stated_values(Features& f, const StatedValues& from_name, const StatementOptions& options) {
  f.tempo_bpm = f.tempo_bpm_audio;
  f.tempo_source = "audio";
  f.key_source = "audio";
  f.root_source = "audio";
  if (options.tempo_range) apply_tempo_range(f, *options.tempo_range);
  if (options.ignore_metadata) return;
  resolve_tempo(f, f.stated, from_name);
  resolve_key(f, f.stated, from_name);
  resolve_root(f, f.stated, from_name);
}

}  // namespace samplemind
