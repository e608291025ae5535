// Key notations: note names with optional mode words, Camelot and Open Key wheel codes.
#include "metadata/key_text.hpp"

#include <algorithm>
#include <array>

namespace samplemind::metadata {

namespace {

constexpr std::size_t k_max_key_text_bytes = 32;
constexpr int k_pitch_classes = 12;
constexpr int k_wheel_positions = 12;
constexpr int k_semitones_per_fifth = 7;
constexpr int k_camelot_of_c_major = 8;    // 8B = C major, 8A = A minor
constexpr int k_relative_minor_offset = 9; // A minor is C major + 9 semitones
constexpr int k_open_key_to_camelot = 7;   // Open Key 1 = Camelot 8
// Natural note letters A..G as pitch classes.
constexpr std::array<int, 7> k_letter_pitch_class = {9, 11, 0, 2, 4, 5, 7};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

int wrap_pitch_class(int pc) { return ((pc % k_pitch_classes) + k_pitch_classes) % k_pitch_classes; }

// Tonic of a Camelot position: each step round the wheel is a fifth.
StatedKey key_from_camelot(int number, bool minor) {
  const int major_tonic = wrap_pitch_class((number - k_camelot_of_c_major) * k_semitones_per_fifth);
  return {minor ? wrap_pitch_class(major_tonic + k_relative_minor_offset) : major_tonic, minor};
}

// A note and optional mode, with spaces, '-' or '_' allowed between; the whole text must match.
std::optional<StatedKey> parse_note_and_mode(std::string_view text) {
  const auto note = parse_note_prefix(text);
  if (!note) return std::nullopt;
  int pitch_class = note->pitch_class;
  std::string_view rest = text.substr(note->length);
  auto skip_separators = [&rest] {
    while (!rest.empty() && (is_space(rest.front()) || rest.front() == '-' || rest.front() == '_')) rest.remove_prefix(1);
  };
  skip_separators();
  if (!note->accidental) {  // "F sharp minor", "B flat"
    for (const auto& [word, shift] : {std::pair<std::string_view, int>{"sharp", 1}, {"flat", -1}}) {
      if (rest.size() >= word.size() && equals_ignoring_case(rest.substr(0, word.size()), word)) {
        pitch_class = wrap_pitch_class(pitch_class + shift);
        rest.remove_prefix(word.size());
        skip_separators();
        break;
      }
    }
  }
  if (rest.empty()) return StatedKey{pitch_class, std::nullopt};
  const auto minor = parse_mode_word(rest, false);
  if (!minor) return std::nullopt;
  return StatedKey{pitch_class, *minor};
}

}  // namespace

std::string normalise_accidentals(std::string_view text) {
  static constexpr std::string_view k_sharp_sign = "\xE2\x99\xAF";  // U+266F
  static constexpr std::string_view k_flat_sign = "\xE2\x99\xAD";   // U+266D
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view at = text.substr(i);
    if (at.substr(0, 3) == k_sharp_sign) {
      out.push_back('#');
      i += 3;
    } else if (at.substr(0, 3) == k_flat_sign) {
      out.push_back('b');
      i += 3;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::optional<NotePrefix> parse_note_prefix(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char letter = lower(text[0]);
  if (letter < 'a' || letter > 'g') return std::nullopt;
  NotePrefix note;
  note.pitch_class = k_letter_pitch_class[static_cast<std::size_t>(letter - 'a')];
  note.upper_letter = text[0] != letter;
  note.length = 1;
  if (text.size() > 1 && (text[1] == '#' || text[1] == 'b')) {
    note.pitch_class = wrap_pitch_class(note.pitch_class + (text[1] == '#' ? 1 : -1));
    note.accidental = true;
    note.length = 2;
  }
  return note;
}

std::optional<bool> parse_mode_word(std::string_view word, bool lowercase_m_only) {
  if (word == "m" || (!lowercase_m_only && word == "M")) return true;
  if (equals_ignoring_case(word, "min") || equals_ignoring_case(word, "minor")) return true;
  if (equals_ignoring_case(word, "maj") || equals_ignoring_case(word, "major")) return false;
  return std::nullopt;
}

std::optional<StatedKey> parse_wheel_code(std::string_view text) {
  text = trim(text);
  std::size_t digits = 0;
  int number = 0;
  while (digits < text.size() && digits < 2 && text[digits] >= '0' && text[digits] <= '9') {
    number = number * 10 + (text[digits] - '0');
    ++digits;
  }
  if (digits == 0 || number < 1 || number > k_wheel_positions) return std::nullopt;
  std::string_view rest = trim(text.substr(digits));
  if (rest.size() != 1) return std::nullopt;
  switch (lower(rest[0])) {
    case 'a': return key_from_camelot(number, true);
    case 'b': return key_from_camelot(number, false);
    case 'm': return key_from_camelot((number + k_open_key_to_camelot - 1) % k_wheel_positions + 1, true);
    case 'd': return key_from_camelot((number + k_open_key_to_camelot - 1) % k_wheel_positions + 1, false);
    default: return std::nullopt;
  }
}

std::optional<StatedKey> parse_key_text(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty() || raw.size() > k_max_key_text_bytes) return std::nullopt;
  const std::string normalised = normalise_accidentals(raw);
  const std::string_view text = normalised;
  if (auto key = parse_wheel_code(text)) return key;
  if (auto key = parse_note_and_mode(text)) return key;
  // "8A/Am", "Am / 8A": every part must parse and the parts must agree.
  if (text.find('/') == std::string_view::npos) return std::nullopt;
  std::optional<StatedKey> agreed;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('/', start), text.size());
    const std::string_view part = trim(text.substr(start, end - start));
    auto key = parse_wheel_code(part);
    if (!key) key = parse_note_and_mode(part);
    if (!key) return std::nullopt;
    if (!agreed) {
      agreed = key;
    } else {
      if (agreed->tonic_pc != key->tonic_pc) return std::nullopt;
      if (agreed->minor && key->minor && *agreed->minor != *key->minor) return std::nullopt;
      if (!agreed->minor) agreed->minor = key->minor;
    }
    start = end + 1;
  }
  return agreed;
}

}  // namespace samplemind::metadata
