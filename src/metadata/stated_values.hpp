#pragma once
// The final tempo, key and root of a file: what the file states about itself (tags,
// ACID and smpl chunks, its name) wins over the audio estimate, and each final value
// names its source. The audio estimate stays beside it so a disagreement is visible.
#include <filesystem>
#include <optional>

#include "model/features.hpp"
#include "model/tempo_range.hpp"

namespace samplemind {

namespace metadata {
struct FileStatements;
}

// How final values are made: with or without the file's statements, and the tempo range
// the audio's reading is moved into (none: the extractor's reading as it is).
struct StatementOptions {
  bool ignore_metadata = false;           // --ignore-metadata: audio estimates only
  std::optional<TempoRange> tempo_range;  // --tempo-range / SAMPLEMIND_TEMPO_RANGE
};

// The metadata module's statements in the form the features carry.
StatedValues to_stated_values(const metadata::FileStatements& statements);

// Turns extracted features (audio estimates plus what the content states, as the
// feature cache holds them) into final values, adding what the file's name states.
// Applied once per file per run; ignore_metadata keeps the audio estimates only, and a
// tempo range moves the audio's reading (never a stated tempo) into it.
void resolve_stated_values(Features& features, const StatedValues& from_name, const StatementOptions& options);

// resolve_stated_values with the statements of the file's own name (path's last part).
void apply_file_statements(Features& features, const std::filesystem::path& path, const StatementOptions& options);

// What a file name states (tempo, key, root note); see docs/metadata.md.
StatedValues statements_from_file_name(const std::filesystem::path& path);

// True when a file of duration_s is 1, 2, 4, 8 or 16 bars of 4/4 at bpm, off by at most 3%
// of its length and 60 ms: a stated tempo then makes it a loop even when its audio has no
// clear pulse. (A relative tolerance alone let every length of 17 beats or more fit.)
bool fits_whole_beats(double duration_s, double bpm);

}  // namespace samplemind
