#pragma once
// Writes the final tempo and key into a file's own tags with TagLib: ID3v2 TBPM/TKEY (MP3, and
// the "id3 " chunk of WAV and AIFF), Vorbis comments BPM and INITIALKEY (FLAC, Ogg; KEY too when
// the file already has one), RIFF INFO IBPM (and IKEY when it is empty or already a key).
// Only tag bytes change: the tags are saved into a copy beside the file (owner, permission bits
// and extended attributes kept), the copy's audio is checked against the original's, and the
// copy is renamed over the file unless another program saved it meanwhile. A file whose tags
// already agree is not touched at all (its mtime stays).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace samplemind::metadata {

// How a key is written: "Am" / "C" (standard), "8A" (Camelot), "1m" (Open Key).
enum class KeyNotation { standard, camelot, open_key };

// Why: "standard", "camelot", "open-key" from the command line; nothing for other text.
std::optional<KeyNotation> key_notation_from_name(const std::string& name);

// Why: one key in the chosen notation: (9, minor) is "Am", "8A" or "1m".
std::string key_in_notation(int tonic_pc, bool minor, KeyNotation notation);

// What to write; an absent value leaves that field as it is.
struct TagValues {
  std::optional<double> bpm;
  std::optional<std::string> key;  // already in the chosen notation
};

// One field that differs: where it lives ("ID3v2 TBPM", "Vorbis BPM", "RIFF INFO IBPM"...).
struct TagChange {
  std::string field;
  std::string before;  // "" when absent
  std::string after;
};

struct TagWriteOutcome {
  std::vector<TagChange> changes;  // empty: the tags already agree, the file was not opened for writing
  bool written = false;            // false for a dry run or when nothing changed
  // Hard links to the file besides this name: the tagged copy replaces this name only, so
  // they keep (or, in a dry run, would keep) the untagged file. 0 when there are none.
  std::uint64_t other_names = 0;
};

// Why: the fields of path that would change to hold values, read without writing.
Result<std::vector<TagChange>> plan_tag_changes(const std::filesystem::path& path, const TagValues& values);

// Why: writes values into path's tags (unless dry_run); a read-only file, an unsupported
// format or a failed save is an error and leaves the file exactly as it was.
Result<TagWriteOutcome> write_tags(const std::filesystem::path& path, const TagValues& values, bool dry_run);

}  // namespace samplemind::metadata
