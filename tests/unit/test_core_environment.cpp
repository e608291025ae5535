// Configuration priority and parsing: environment > .env > defaults.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "util/environment.hpp"
#include "util/result.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;

TEST_CASE("core dotenv parsing handles comments, quotes and export") {
  const auto values = parse_dotenv(
      "# comment\n\nA=1\nexport B = two words \nC=\"quoted # not a comment\"\nD='single'\nE=x # trailing\n");
  CHECK(values.at("A") == "1");
  CHECK(values.at("B") == "two words");
  CHECK(values.at("C") == "quoted # not a comment");
  CHECK(values.at("D") == "single");
  CHECK(values.at("E") == "x");
  CHECK_THROWS_AS(parse_dotenv("A=1\nnot a line\n"), ConfigError);  // never silently dropped
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

TEST_CASE("core an empty variable in the environment hides the .env value") {
  testing::TempDir dir;
  {
    std::ofstream out(dir.path() / ".env");
    out << "SAMPLEMIND_TEST_KEY=sk-from-dotenv\n";
  }
  ::setenv("SAMPLEMIND_TEST_KEY", "", 1);
  const auto env = Environment::load(dir.path() / ".env");
  CHECK_FALSE(env.get("SAMPLEMIND_TEST_KEY").has_value());
  ::unsetenv("SAMPLEMIND_TEST_KEY");
  CHECK(Environment::load(dir.path() / ".env").get_or("SAMPLEMIND_TEST_KEY", "") == "sk-from-dotenv");
}

TEST_CASE("core a .env with a BOM and CRLF lines keeps its first variable") {
  testing::TempDir dir;
  {
    std::ofstream out(dir.path() / ".env", std::ios::binary);
    out << "\xEF\xBB\xBFSAMPLEMIND_TEST_FIRST=one\r\nSAMPLEMIND_TEST_SECOND=\"two\" # note\r\n";
  }
  const auto env = Environment::load(dir.path() / ".env");
  CHECK(env.get_or("SAMPLEMIND_TEST_FIRST", "") == "one");
  CHECK(env.get_or("SAMPLEMIND_TEST_SECOND", "") == "two");
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

TEST_CASE("core numeric variables are checked against their documented ranges") {
  for (const char* bad : {"nan", "inf", "-1", "1e-7", "1e20", "2562047788015215", "0x10", " 5", "1e400"}) {
    CAPTURE(bad);
    const auto env = Environment::from_map({{"AI_CACHE_TTL_HOURS", bad}});
    CHECK_THROWS_WITH_AS(env.get_number("AI_CACHE_TTL_HOURS", 168), doctest::Contains("AI_CACHE_TTL_HOURS must be"),
                         ConfigError);
  }
  CHECK(Environment::from_map({{"AI_CACHE_TTL_HOURS", "0"}}).get_number("AI_CACHE_TTL_HOURS", 1) == 0.0);
  CHECK(Environment::from_map({{"AI_CACHE_TTL_HOURS", "0.0003"}}).get_number("AI_CACHE_TTL_HOURS", 1) ==
        doctest::Approx(0.0003));
  CHECK_THROWS_AS(Environment::from_map({{"SAMPLEMIND_MAX_RETRIES", "2.5"}}).get_number("SAMPLEMIND_MAX_RETRIES", 4),
                  ConfigError);
  CHECK_THROWS_AS(Environment::from_map({{"SAMPLEMIND_TIMEOUT_S", "1e-300"}}).get_number("SAMPLEMIND_TIMEOUT_S", 4),
                  ConfigError);
}
