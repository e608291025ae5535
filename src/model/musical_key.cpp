// The Camelot wheel is the circle of fifths numbered from B major (1B) / G# minor (1A).
#include "model/musical_key.hpp"

#include <array>
#include <charconv>

namespace samplemind {

namespace {
constexpr std::array<std::string_view, 12> k_sharp_names = {"C", "C#", "D", "D#", "E", "F",
                                                            "F#", "G", "G#", "A", "A#", "B"};
constexpr std::array<std::string_view, 12> k_flat_names = {"C", "Db", "D", "Eb", "E", "F",
                                                           "Gb", "G", "Ab", "A", "Bb", "B"};
constexpr int k_semitones_per_fifth = 7;
constexpr int k_relative_major_offset = 3;  // A minor -> C major
}  // namespace

std::string_view pitch_class_name(int pitch_class) { return k_sharp_names[((pitch_class % 12) + 12) % 12]; }

std::optional<int> pitch_class_from_name(std::string_view name) {
  for (int i = 0; i < 12; ++i) {
    if (name == k_sharp_names[i] || name == k_flat_names[i]) return i;
  }
  return std::nullopt;
}

std::string camelot_code(int tonic_pitch_class, bool minor) {
  const int tonic = ((tonic_pitch_class % 12) + 12) % 12;
  const int major_tonic = minor ? (tonic + k_relative_major_offset) % 12 : tonic;
  // C major is 8B; each fifth up adds one to the number.
  const int number = (major_tonic * k_semitones_per_fifth % 12 + 7) % 12 + 1;
  return std::to_string(number) + (minor ? "A" : "B");
}

std::string camelot_code(std::string_view key, std::string_view mode) {
  const auto pitch_class = pitch_class_from_name(key);
  if (!pitch_class || (mode != "major" && mode != "minor")) return "";
  return camelot_code(*pitch_class, mode == "minor");
}

std::vector<std::string> compatible_camelot_codes(std::string_view camelot) {
  if (camelot.size() < 2) return {};
  const char letter = camelot.back();
  int number = 0;
  const auto digits = camelot.substr(0, camelot.size() - 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc{} || end != digits.data() + digits.size() || number < 1 || number > 12 ||
      (letter != 'A' && letter != 'B')) {
    return {};
  }
  const int up = number % 12 + 1;
  const int down = (number + 10) % 12 + 1;
  const char other = letter == 'A' ? 'B' : 'A';
  return {std::string(camelot), std::to_string(number) + other, std::to_string(up) + letter,
          std::to_string(down) + letter};
}

}  // namespace samplemind
