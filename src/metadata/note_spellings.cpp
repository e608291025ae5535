// Note spellings of sample-library file names, turned into the signs the note parser reads.
#include "metadata/note_spellings.hpp"

#include <algorithm>

#include "metadata/filename_tokens.hpp"

namespace samplemind::metadata {

std::optional<int> octave_digit(std::string_view rest) {
  if (rest.empty() || rest[0] < '0' || rest[0] > '0' + k_max_name_octave) return std::nullopt;
  const std::string_view layer = rest.substr(1);
  const bool velocity_layer = layer.size() >= 2 && layer.size() <= 4 && layer[0] == 'v' &&
                              std::all_of(layer.begin() + 1, layer.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!layer.empty() && !velocity_layer) return std::nullopt;
  return rest[0] - '0';
}

namespace {

// A sharp written as 's' before an octave ("As4", "Fs5v2": the Philharmonia samples'
// spelling) becomes '#'. Only the five sharps music writes (C#, D#, F#, G#, A#), with a
// capital letter and an octave, so "As", "Es2" and "Bs3" stay words.
std::string with_s_sharp(std::string token) {
  constexpr std::string_view k_sharp_letters = "ACDFG";
  if (token.size() >= 3 && k_sharp_letters.find(token[0]) != std::string_view::npos && token[1] == 's' &&
      octave_digit(std::string_view(token).substr(2))) {
    token[1] = '#';
  }
  return token;
}

}  // namespace

// The letter must stand alone, so "Sharp Lead" is untouched.
std::vector<std::string> with_spelled_accidentals(std::vector<std::string> tokens) {
  const auto note_letter = [](char c) { return (c >= 'A' && c <= 'G') || (c >= 'a' && c <= 'g'); };
  const auto sign_of = [](const std::string& word) -> std::optional<char> {
    if (word == "sharp") return '#';
    if (word == "flat") return 'b';
    return std::nullopt;
  };
  const auto spelled = [&](char letter, char sign) {
    return std::string(1, static_cast<char>(letter >= 'a' ? letter - 'a' + 'A' : letter)) + sign;
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (token.size() == 1 && note_letter(token[0]) && i + 1 < tokens.size()) {
      if (const auto sign = sign_of(lowercase_word(tokens[i + 1]))) {
        out.push_back(spelled(token[0], *sign));
        ++i;
        continue;
      }
    }
    if (token.size() > 1 && note_letter(token[0])) {
      if (const auto sign = sign_of(lowercase_word(std::string_view(token).substr(1)))) {
        out.push_back(spelled(token[0], *sign));
        continue;
      }
    }
    out.push_back(with_s_sharp(token));
  }
  return out;
}

}  // namespace samplemind::metadata
