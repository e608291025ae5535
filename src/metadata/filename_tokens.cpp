// Tokeniser for file names; knows nothing about music.
#include "metadata/filename_tokens.hpp"

#include <algorithm>

namespace samplemind::metadata {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }
bool is_word_byte(char c) { return is_digit(c) || is_upper(c) || is_lower(c) || c == '#'; }

std::string lowercase(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

constexpr std::size_t k_min_word_letters = 3;
constexpr std::size_t k_max_chord_letters = 6;  // "Ebmmaj"

std::size_t letters_before(std::string_view word, std::size_t end) {
  std::size_t count = 0;
  while (end > 0 && (is_lower(word[end - 1]) || is_upper(word[end - 1]))) {
    --end;
    ++count;
  }
  return count;
}

// "Ebmaj7", "Csus4", "Amin9": a chord name, whose digits are part of it.
bool chord_name_before(std::string_view word, std::size_t end) {
  const std::size_t letters = letters_before(word, end);
  if (letters > k_max_chord_letters) return false;
  const std::string tail = lowercase(word.substr(end - 3, 3));
  return tail == "maj" || tail == "min" || tail == "sus" || tail == "add" || tail == "dim";
}

// Camel-case pieces of one separator-free word.
void split_camel_case(std::string_view word, std::vector<std::string>& out) {
  const std::string lower = lowercase(word);
  if (lower == "dnb" || lower == "rnb") {
    out.emplace_back(word);
    return;
  }
  std::size_t start = 0;
  for (std::size_t i = 1; i < word.size(); ++i) {
    const char before = word[i - 1];
    const char here = word[i];
    const bool after_lower = is_upper(here) && (is_lower(before) || is_digit(before) || before == '#');
    const bool end_of_capitals =
        is_upper(here) && is_upper(before) && i + 1 < word.size() && is_lower(word[i + 1]) &&
        static_cast<unsigned char>(word[i + 1]) < 0x80;
    // "Loop120", "Juno106" split; "x2", "eb3", "c3" (too short to be a word), "Ebmaj7" do not.
    const bool word_then_number = is_digit(here) && is_lower(before) && letters_before(word, i) >= k_min_word_letters &&
                                  !chord_name_before(word, i);
    if (after_lower || end_of_capitals || word_then_number) {
      out.emplace_back(word.substr(start, i - start));
      start = i;
    }
  }
  out.emplace_back(word.substr(start));
}

// Letter/digit changes that make a separator-free run an identifier (a hash, a serial, a
// download id: "r2efdee7ddb87", "a0ec05fcac80"), not words and numbers: names sample packs
// write have one or two ("Loop120", "TR808Kick", "Ebmaj7").
constexpr std::size_t k_identifier_changes = 3;
constexpr std::size_t k_identifier_min_bytes = 8;
constexpr std::size_t k_identifier_many_changes = 4;
constexpr std::size_t k_identifier_min_bytes_many = 6;

// A Unicode code point written as a name ("U00E5", "u0066", "U+1F600"): speech and font
// sets name a letter's sound by it. Its hex digits are no note ("E5") and no number.
constexpr std::size_t k_min_code_point_digits = 4;
constexpr std::size_t k_max_code_point_digits = 6;
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }

std::size_t hex_digits_at(std::string_view text, std::size_t start) {
  std::size_t end = start;
  while (end < text.size() && is_hex_digit(text[end])) ++end;
  return end - start;
}

bool is_code_point_name(std::string_view run) {
  if (run.size() < 2 || (run[0] != 'U' && run[0] != 'u')) return false;
  const std::size_t start = run[1] == '+' ? 2 : 1;
  const std::size_t digits = hex_digits_at(run, start);
  const bool has_decimal = std::any_of(run.begin() + static_cast<std::ptrdiff_t>(start), run.end(), is_digit);
  return start + digits == run.size() && digits >= k_min_code_point_digits && digits <= k_max_code_point_digits &&
         has_decimal;
}

// "U+00E5": the '+' joins the code point instead of splitting it.
bool joins_code_point(std::string_view name, std::size_t plus, std::size_t run_start) {
  if (name[plus] != '+') return false;
  std::size_t end = plus + 1;
  while (end < name.size() && is_word_byte(name[end])) ++end;
  return is_code_point_name(name.substr(run_start, end - run_start));
}

bool looks_like_identifier(std::string_view run) {
  if (is_code_point_name(run)) return true;
  std::size_t changes = 0;
  for (std::size_t i = 1; i < run.size(); ++i) {
    const bool letter_before = is_upper(run[i - 1]) || is_lower(run[i - 1]);
    const bool letter_here = is_upper(run[i]) || is_lower(run[i]);
    if ((letter_before && is_digit(run[i])) || (is_digit(run[i - 1]) && letter_here)) ++changes;
  }
  return (changes >= k_identifier_changes && run.size() >= k_identifier_min_bytes) ||
         (changes >= k_identifier_many_changes && run.size() >= k_identifier_min_bytes_many);
}

}  // namespace

std::vector<std::string> tokenise_name(std::string_view name) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end <= start) return;
    const std::string_view run = name.substr(start, end - start);
    if (looks_like_identifier(run)) tokens.emplace_back(run);  // one opaque word: no number, no note
    else split_camel_case(run, tokens);
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_word_byte(c)) continue;
    const bool between_digits = i > 0 && i + 1 < name.size() && is_digit(name[i - 1]) && is_digit(name[i + 1]);
    if (between_digits && (c == '.' || c == '-')) continue;  // "137.5"; "06-50", "2023-05-01"
    if (joins_code_point(name, i, start)) continue;
    flush(i);
    start = i + 1;
  }
  flush(name.size());
  return tokens;
}

std::string lowercase_word(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace samplemind::metadata
