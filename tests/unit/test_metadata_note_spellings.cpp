// Note spellings of file names: the octave with a velocity layer, and spelled or 's' sharps.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "metadata/note_spellings.hpp"

using namespace samplemind::metadata;

TEST_CASE("note spellings: an octave digit may carry a velocity layer, nothing else") {
  CHECK(octave_digit("4") == std::optional<int>(4));
  CHECK(octave_digit("0v1") == std::optional<int>(0));
  CHECK(octave_digit("4v16") == std::optional<int>(4));
  CHECK(octave_digit("9v127") == std::optional<int>(9));
  CHECK_FALSE(octave_digit("").has_value());
  CHECK_FALSE(octave_digit("v1").has_value());      // no octave
  CHECK_FALSE(octave_digit("4v").has_value());      // a layer needs its number
  CHECK_FALSE(octave_digit("4va").has_value());
  CHECK_FALSE(octave_digit("4v1270").has_value());  // longer than any velocity layer
  CHECK_FALSE(octave_digit("45").has_value());      // two digits are a number, not an octave
  CHECK_FALSE(octave_digit("4x1").has_value());
}

TEST_CASE("note spellings: accidentals written out and 's' sharps become signs") {
  using Tokens = std::vector<std::string>;
  CHECK(with_spelled_accidentals({"F", "sharp", "minor"}) == Tokens{"F#", "minor"});
  CHECK(with_spelled_accidentals({"Csharp"}) == Tokens{"C#"});
  CHECK(with_spelled_accidentals({"b", "Flat"}) == Tokens{"Bb"});
  CHECK(with_spelled_accidentals({"violin", "As4", "1"}) == Tokens{"violin", "A#4", "1"});
  CHECK(with_spelled_accidentals({"Fs5v2"}) == Tokens{"F#5v2"});
  CHECK(with_spelled_accidentals({"Gs0"}) == Tokens{"G#0"});
  // Left as words: no octave, a letter with no sharp in music's spelling, a lowercase letter,
  // "Sharp" without a lone note letter before it.
  CHECK(with_spelled_accidentals({"As", "Long", "As"}) == Tokens{"As", "Long", "As"});
  CHECK(with_spelled_accidentals({"Es2", "Bs3", "as4"}) == Tokens{"Es2", "Bs3", "as4"});
  CHECK(with_spelled_accidentals({"Sharp", "Lead"}) == Tokens{"Sharp", "Lead"});
  CHECK(with_spelled_accidentals({"As4x"}) == Tokens{"As4x"});
}
