// Key names and the Camelot wheel.
#include <doctest/doctest.h>

#include <set>

#include "model/musical_key.hpp"

using namespace samplemind;

TEST_CASE("core camelot codes match the wheel") {
  CHECK(camelot_code(0, false) == "8B");   // C major
  CHECK(camelot_code(9, true) == "8A");    // A minor
  CHECK(camelot_code(11, false) == "1B");  // B major
  CHECK(camelot_code(8, true) == "1A");    // G# minor
  CHECK(camelot_code(4, false) == "12B");  // E major
  CHECK(camelot_code("Eb", "minor") == "2A");
  CHECK(camelot_code("D#", "minor") == "2A");
  CHECK(camelot_code("H", "minor").empty());
  CHECK(camelot_code("C", "dorian").empty());
  std::set<std::string> codes;
  for (int pc = 0; pc < 12; ++pc) {
    codes.insert(camelot_code(pc, false));
    codes.insert(camelot_code(pc, true));
    // A relative minor shares the number of its major.
    CHECK(camelot_code(pc, false).substr(0, camelot_code(pc, false).size() - 1) ==
          camelot_code((pc + 9) % 12, true).substr(0, camelot_code((pc + 9) % 12, true).size() - 1));
  }
  CHECK(codes.size() == 24);
}

TEST_CASE("core pitch class names round-trip, flats accepted") {
  for (int pc = 0; pc < 12; ++pc) CHECK(pitch_class_from_name(pitch_class_name(pc)) == pc);
  CHECK(pitch_class_from_name("Bb") == 10);
  CHECK(pitch_class_name(-1) == "B");
  CHECK_FALSE(pitch_class_from_name("X").has_value());
}

TEST_CASE("core compatible camelot codes are the wheel neighbours") {
  CHECK(compatible_camelot_codes("12B") == std::vector<std::string>{"12B", "12A", "1B", "11B"});
  CHECK(compatible_camelot_codes("1A") == std::vector<std::string>{"1A", "1B", "2A", "12A"});
  CHECK(compatible_camelot_codes("13A").empty());
  CHECK(compatible_camelot_codes("x").empty());
}
