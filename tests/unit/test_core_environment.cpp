// Configuration priority and parsing: environment > .env > defaults.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "samplemind/environment.hpp"
#include "samplemind/result.hpp"
#include "test_cache_temp_dir.hpp"

using namespace samplemind;

TEST_CASE("core dotenv parsing handles comments, quotes and export") {
  const auto values = parse_dotenv(
      "# comment\n\nA=1\nexport B = two words \nC=\"quoted # not a comment\"\nD='single'\nE=x # trailing\nnot a line\n");
  CHECK(values.at("A") == "1");
  CHECK(values.at("B") == "two words");
  CHECK(values.at("C") == "quoted # not a comment");
  CHECK(values.at("D") == "single");
  CHECK(values.at("E") == "x");
  CHECK(values.count("not a line") == 0);
}

TEST_CASE("core environment wins over .env, .env over defaults") {
  testing::TempDir dir;
  {
    std::ofstream out(dir.path() / ".env");
    out << "SAMPLEMIND_TEST_A=from-dotenv\nSAMPLEMIND_TEST_B=from-dotenv\n";
  }
  ::setenv("SAMPLEMIND_TEST_A", "from-env", 1);
  ::unsetenv("SAMPLEMIND_TEST_B");
  const auto env = Environment::load(dir.path() / ".env");
  CHECK(env.get_or("SAMPLEMIND_TEST_A", "default") == "from-env");
  CHECK(env.get_or("SAMPLEMIND_TEST_B", "default") == "from-dotenv");
  CHECK(env.get_or("SAMPLEMIND_TEST_C", "default") == "default");
  ::unsetenv("SAMPLEMIND_TEST_A");
}

TEST_CASE("core environment booleans and numbers are checked") {
  const auto env = Environment::from_map({{"YES", "true"}, {"NO", "off"}, {"BAD", "maybe"}, {"N", "2.5"}, {"X", "12abc"}});
  CHECK(env.get_bool("YES", false));
  CHECK_FALSE(env.get_bool("NO", true));
  CHECK(env.get_bool("MISSING", true));
  CHECK_THROWS_AS(env.get_bool("BAD", true), ConfigError);
  CHECK(env.get_number("N", 0) == doctest::Approx(2.5));
  CHECK_THROWS_AS(env.get_number("X", 0), ConfigError);
}
