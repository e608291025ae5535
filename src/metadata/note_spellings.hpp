#pragma once
// How sample libraries spell notes in file names: accidentals written out ("F sharp",
// "Bflat"), 's' for sharp before an octave ("As4"), and an octave followed by a velocity
// layer ("C4v1"). The name rules (filename_statements.cpp) read notes after these.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samplemind::metadata {

// Highest octave a name may state: "C9" is MIDI 120.
inline constexpr int k_max_name_octave = 9;

// Why: an octave digit, alone or with a velocity layer after it ("4", "4v1", "4v16":
// Salamander-style piano names), must read the same; nothing for anything else.
std::optional<int> octave_digit(std::string_view rest);

// Why: the note parser reads signs only, so spelled accidentals become '#' and 'b' first:
// "F sharp", "F_Sharp", "Csharp" -> "F#", "C#"; "B flat", "Bflat" -> "Bb"; "As4" -> "A#4".
std::vector<std::string> with_spelled_accidentals(std::vector<std::string> tokens);

}  // namespace samplemind::metadata
