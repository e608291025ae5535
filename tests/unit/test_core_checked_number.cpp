// The one validated-number parser: finite, plain decimal, inside the documented range.
#include <doctest/doctest.h>

#include "util/checked_number.hpp"

using namespace samplemind;

TEST_CASE("checked numbers reject nan, inf, junk and out-of-range values, naming the setting") {
  for (const char* bad : {"nan", "NaN", "inf", "-inf", "", "1e-9", "1e-300", "1e400", "0x1p3", "5 ", "+", ".",
                          "1e", "--1", "2000000"}) {
    CAPTURE(bad);
    const auto value = parse_checked_number(bad, k_rpm_range, "--rpm");
    REQUIRE_FALSE(value.ok());
    CHECK(value.error().starts_with("--rpm must be a number from 0.01 to 1000000, or 0"));
  }
}

TEST_CASE("checked numbers accept the range, 0 when allowed, and whole numbers when asked") {
  CHECK(*parse_checked_number("0", k_rpm_range, "--rpm") == 0.0);
  CHECK(*parse_checked_number("-0", k_rpm_range, "--rpm") == 0.0);
  CHECK(*parse_checked_number("60", k_rpm_range, "--rpm") == 60.0);
  CHECK(*parse_checked_number("+0.5", k_rpm_range, "--rpm") == 0.5);
  CHECK(*parse_checked_number(".5", k_max_cost_range, "--max-cost") == 0.5);
  CHECK(*parse_checked_number("0", k_max_cost_range, "--max-cost") == 0.0);
  CHECK_FALSE(parse_checked_number("-0.01", k_max_cost_range, "--max-cost").ok());
  CHECK(*parse_checked_number("3", k_retries_range, "SAMPLEMIND_MAX_RETRIES") == 3.0);
  CHECK_FALSE(parse_checked_number("3.5", k_retries_range, "SAMPLEMIND_MAX_RETRIES").ok());
  CHECK_FALSE(parse_checked_number("1e-7", k_ttl_hours_range, "AI_CACHE_TTL_HOURS").ok());
  CHECK_FALSE(parse_checked_number("1e20", k_ttl_hours_range, "AI_CACHE_TTL_HOURS").ok());
}

TEST_CASE("checked number errors show the rejected text safely") {
  const auto value = parse_checked_number("1\x1b[2J", k_max_cost_range, "--max-cost");
  REQUIRE_FALSE(value.ok());
  CHECK(value.error() == "--max-cost must be a number from 0 to 1000000 (USD); got '1\\x1b[2J'");
  CHECK(environment_number_range("AI_CACHE_TTL_HOURS").has_value());
  CHECK_FALSE(environment_number_range("HOME").has_value());
}
