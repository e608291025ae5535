// Which word before a number makes it no tempo: count and index words own every number,
// brand words every number, short model prefixes only the model numbers they are known by.
#include <doctest/doctest.h>

#include "metadata/number_owners.hpp"

using samplemind::metadata::owns_number;

TEST_CASE("number owners: count, index and brand words own any number") {
  for (const char* word : {"take", "vol", "track", "cd", "no", "kit", "preset", "x", "#", "juno", "roland"}) {
    CAPTURE(word);
    CHECK(owns_number(word, 2));
    CHECK(owns_number(word, 90));
    CHECK(owns_number(word, 128));
  }
}

TEST_CASE("number owners: a short model prefix owns its model numbers, not a tempo after a pack prefix") {
  CHECK(owns_number("cs", 80));
  CHECK(owns_number("cs", 60));
  CHECK(owns_number("sh", 101));
  CHECK(owns_number("dr", 110));
  CHECK(owns_number("mpc", 60));
  CHECK(owns_number("tx", 81));
  CHECK(owns_number("mc", 202));
  CHECK_FALSE(owns_number("tx", 90));   // SO_TX_90_Piano_Loop
  CHECK_FALSE(owns_number("cs", 124));  // CS_124_Bass_Loop
  CHECK_FALSE(owns_number("tr", 120));  // TR-808 is out of the tempo range anyway
  CHECK_FALSE(owns_number("sh", 101.5));
}

TEST_CASE("number owners: other words own nothing, and the lookup is by the lower-case word") {
  for (const char* word : {"bass", "loop", "amen", "so", "ab", ""}) {
    CAPTURE(word);
    CHECK_FALSE(owns_number(word, 120));
  }
  CHECK_FALSE(owns_number("TAKE", 2));  // callers lower-case first
}
