// Provider error messages: secrets masked, error bodies of each provider read.
#include <doctest/doctest.h>

#include "provider/provider_errors.hpp"

using namespace samplemind;

TEST_CASE("provider errors: masking and body shapes") {
  CHECK(mask_secrets("key sk-abc123456789 here", "") == "key *** here");
  CHECK(mask_secrets("my-own-secret-value\nline", "my-own-secret-value") == "*** line");
  CHECK(mask_secrets("AIzaSyA1234567890abcdef", "") == "***");
  CHECK(parse_error_body(R"({"error":"model not found"})").message == "model not found");
  const auto gemini = parse_error_body(
      R"({"error":{"code":400,"status":"INVALID_ARGUMENT","message":"m","details":[{"reason":"API_KEY_INVALID"}]}})");
  CHECK(gemini.reason == "API_KEY_INVALID");
  CHECK(gemini.type == "INVALID_ARGUMENT");
  CHECK(gemini.code == "400");
}
