#pragma once
// Every JSON document that comes from outside the process (provider answers and error
// bodies, cache entries and their payloads, imported lines) is parsed here, with a cap on
// nesting depth and size. nlohmann's serializer and destructor recurse once per level, so
// an unbounded document crashes a worker thread (70,000 levels) or eats gigabytes.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/result.hpp"

namespace samplemind {

// Deepest nesting accepted: a provider body wraps the answer in about 6 levels and an
// answer is 2 deep; 64 leaves room for any real API and stops every hostile document.
constexpr std::size_t k_max_json_depth = 64;
// Largest document accepted: answers are a few KB, error bodies less; a response body is
// capped at the same size while it is read (k_max_response_body_bytes).
constexpr std::size_t k_max_json_bytes = 4 * 1024 * 1024;

struct JsonLimits {
  std::size_t max_depth = k_max_json_depth;
  std::size_t max_bytes = k_max_json_bytes;
};

// Checks size and nesting depth in one linear pass, without building anything; the error
// says which limit was exceeded ("JSON nested deeper than 64 levels").
Status check_json_bounds(std::string_view text, const JsonLimits& limits = {});

// Parses outside JSON within the limits; the error names the broken limit or says the
// text is not JSON. Never throws.
Result<nlohmann::json> parse_bounded_json(std::string_view text, const JsonLimits& limits = {});

}  // namespace samplemind
