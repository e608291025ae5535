#pragma once
// What a file states about its own tempo, key and root note, and where each statement came
// from. A statement is read, never measured: the feature extractor weighs it against analysis.
#include <optional>
#include <string_view>

namespace samplemind::metadata {

// Where a statement was read. docs/metadata.md lists the exact fields of each.
enum class StatementSource { tag, acid, basc, smpl, filename };

// A key as written: "Am" is {9, true}; a key field holding a bare note with no mode
// ("G#" in a Vorbis KEY comment) is {8, nullopt}.
struct StatedKey {
  int tonic_pc = 0;            // 0 = C .. 11 = B
  std::optional<bool> minor;   // nullopt: the text named no mode
  bool operator==(const StatedKey&) const = default;
};

// A root (unity) note: a sampler chunk or "Piano C3" gives the MIDI note (C4 = 60); a bare
// letter ("Bass C") gives only the pitch class. pitch_class always equals *midi % 12.
struct StatedRoot {
  int pitch_class = 0;         // 0 = C .. 11 = B
  std::optional<int> midi;     // 0..127 when the octave is known
  bool operator==(const StatedRoot&) const = default;
};

// Every statement found, each with its source; all empty when the file states nothing.
struct FileStatements {
  std::optional<double> bpm;   // 30..300, rounded to 2 decimals
  std::optional<StatementSource> bpm_source;
  std::optional<StatedKey> key;
  std::optional<StatementSource> key_source;
  std::optional<StatedRoot> root;
  std::optional<StatementSource> root_source;

  bool empty() const { return !bpm && !key && !root; }
};

// Stable lowercase names for reports and JSON: "tag", "acid", "basc", "smpl", "filename".
std::string_view source_name(StatementSource source);

// The accepted tempo range for any source; outside it a value is noise, not a tempo.
inline constexpr double k_min_stated_bpm = 30.0;
inline constexpr double k_max_stated_bpm = 300.0;

// Rounds to 2 decimals (ACID stores a float: 136.9 reads back as 136.89999389648438) and
// rejects non-finite or out-of-range values.
std::optional<double> plausible_bpm(double bpm);

// A root from a MIDI note number, or nothing outside 0..127.
std::optional<StatedRoot> root_from_midi(int midi);

}  // namespace samplemind::metadata
