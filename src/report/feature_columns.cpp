// Feature formatting for CSV and tables; JSON uses features_to_json instead.
#include "report/feature_columns.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

namespace samplemind {

namespace {
std::string number(double value, int decimals) { return fmt::format("{:.{}f}", finite_or(value, 0.0), decimals); }
template <class T>
std::string optional_text(const std::optional<T>& value) {
  if (!value) return "";
  if constexpr (std::is_same_v<T, std::string>) return *value;
  else return fmt::format("{}", *value);
}

// "97.00:0.980 194.00:0.019": each reading's BPM and confidence, best first.
std::string candidates_text(const std::vector<TempoCandidate>& candidates) {
  std::string out;
  for (const TempoCandidate& c : candidates) {
    if (!out.empty()) out += ' ';
    out += fmt::format(FMT_COMPILE("{:.2f}:{:.3f}"), finite_or(c.bpm, 0.0), finite_or(c.confidence, 0.0));
  }
  return out;
}
}  // namespace

const std::vector<std::string>& feature_column_names() {
  static const std::vector<std::string> names = {
      "duration_s", "sample_rate", "channels", "kind", "tempo_bpm", "tempo_confidence", "tempo_source",
      "key", "mode", "key_confidence", "camelot", "root_note", "energy", "loudness_lufs", "peak_dbfs",
      "brightness_hz", "onset_rate",
      // Added after the columns above, so their positions stay: the sources and the audio's
      // own readings beside what a file states, the best two tempo readings, the category.
      "tempo_bpm_audio", "tempo_candidates", "key_source", "key_audio", "root_midi", "root_source",
      "root_note_audio", "category", "category_source", "category_audio"};
  return names;
}

std::vector<std::string> feature_cells(const Features* f) {
  if (f == nullptr) return std::vector<std::string>(feature_column_names().size());
  return {number(f->duration_s, 3),
          std::to_string(f->sample_rate),
          std::to_string(f->channels),
          f->kind,
          f->tempo_bpm ? number(*f->tempo_bpm, 2) : "",
          number(f->tempo_confidence, 3),
          f->tempo_source,
          optional_text(f->key),
          optional_text(f->mode),
          number(f->key_confidence, 3),
          optional_text(f->camelot),
          optional_text(f->root_note),
          number(f->energy, 3),
          number(f->loudness_lufs, 1),
          number(f->peak_dbfs, 1),
          number(f->brightness_hz, 0),
          number(f->onset_rate, 2),
          f->tempo_bpm_audio ? number(*f->tempo_bpm_audio, 2) : "",
          candidates_text(f->tempo_candidates),
          f->key_source,
          optional_text(f->key_audio),
          optional_text(f->root_midi),
          f->root_source,
          optional_text(f->root_note_audio),
          optional_text(f->category),
          f->category_source,
          optional_text(f->category_audio)};
}

const std::vector<std::string>& statement_check_column_names() {
  static const std::vector<std::string> names = {"check_tempo", "check_key", "check_root", "check_disagreements"};
  return names;
}

std::vector<std::string> statement_check_cells(const std::optional<StatementCheck>& check) {
  if (!check) return std::vector<std::string>(statement_check_column_names().size());
  const auto verdict = [](const std::optional<StatementVerdict>& v) { return v ? std::string(to_string(*v)) : ""; };
  std::string sentences;
  for (const std::string& sentence : check->disagreements) sentences += (sentences.empty() ? "" : "; ") + sentence;
  return {verdict(check->tempo), verdict(check->key), verdict(check->root), sentences};
}

std::string tempo_text(const Features& f) {
  return f.tempo_bpm ? fmt::format(FMT_COMPILE("{:.1f} BPM"), finite_or(*f.tempo_bpm, 0.0)) : "-";
}

std::string key_text(const Features& f) {
  if (f.key) return fmt::format(FMT_COMPILE("{} {} ({})"), *f.key, f.mode.value_or(""), f.camelot.value_or("?"));
  if (f.root_note) return "root " + *f.root_note;
  return "-";
}

}  // namespace samplemind
