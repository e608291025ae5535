#pragma once
// One parser for key notations, shared by tag values and file names.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "metadata/statements.hpp"

namespace samplemind::metadata {

// A note name at the start of a text: a letter A-G (either case) and an optional '#' or 'b'.
struct NotePrefix {
  int pitch_class = 0;
  std::size_t length = 0;       // bytes used: 1 or 2
  bool accidental = false;      // '#' or 'b' followed the letter
  bool upper_letter = false;    // "A" rather than "a"
};

// Unicode sharp and flat signs become '#' and 'b' so the parsers see ASCII only.
std::string normalise_accidentals(std::string_view text);

// The note at the start of text ("F#m" -> F#, length 2), or nothing.
std::optional<NotePrefix> parse_note_prefix(std::string_view text);

// A mode spelled out: "min"/"minor" -> true, "maj"/"major" -> false (any case). The single
// letter "m" is minor only when lowercase_m_only is false or it is written lowercase.
std::optional<bool> parse_mode_word(std::string_view word, bool lowercase_m_only);

// Camelot ("8A" = A minor, "8B" = C major) or Open Key ("1m" = A minor, "1d" = C major).
std::optional<StatedKey> parse_wheel_code(std::string_view text);

// A whole key field as taggers write it: "Am", "A minor", "Amin", "F#min", "C# major", "Dbm",
// "G#", "Bb", "8A", "1m", "F sharp minor", or agreeing spellings joined by '/' ("8A/Am").
// Anything else, longer than 32 bytes, or an ID3 "o" (off key) is nothing.
std::optional<StatedKey> parse_key_text(std::string_view text);

}  // namespace samplemind::metadata
