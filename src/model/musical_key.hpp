#pragma once
// Key names and Camelot codes, shared by the key detector and the analysers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samplemind {

// "C", "C#", ... "B" for pitch classes 0..11 (sharps, as the features report them).
std::string_view pitch_class_name(int pitch_class);

// The pitch class of a name ("C#" or "Db"), or nothing.
std::optional<int> pitch_class_from_name(std::string_view name);

// Camelot code of a key: 8B = C major, 8A = A minor.
std::string camelot_code(int tonic_pitch_class, bool minor);

// Camelot code from a key name and mode ("major"/"minor"); "" when either is unknown.
std::string camelot_code(std::string_view key, std::string_view mode);

// Codes that mix well with one: itself, its relative, and one step either way on the wheel.
std::vector<std::string> compatible_camelot_codes(std::string_view camelot);

}  // namespace samplemind
