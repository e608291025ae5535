// Token counts read from provider usage objects are sane whatever the answer holds.
#include <doctest/doctest.h>

#include "provider/http_provider.hpp"

using namespace samplemind;

TEST_CASE("provider token counts tolerate broken usage fields") {
  const auto usage = nlohmann::json::parse(R"({"a": 120, "b": 1e300, "c": -5, "d": "12", "e": 7.6,
                                              "f": 18446744073709551615, "g": null})");
  CHECK(token_count_at(usage, "a") == 120);
  CHECK(token_count_at(usage, "b") == 1'000'000'000'000);  // clamped, no undefined conversion
  CHECK(token_count_at(usage, "c") == 0);
  CHECK(token_count_at(usage, "d") == 0);
  CHECK(token_count_at(usage, "e") == 8);
  CHECK(token_count_at(usage, "f") == 1'000'000'000'000);
  CHECK(token_count_at(usage, "g") == 0);
  CHECK(token_count_at(usage, "missing") == 0);
  CHECK(token_count_at(nlohmann::json::array(), "a") == 0);
}
