#pragma once
// Cached answers are read on every warm hit: one simdjson pass builds the cleaned answer
// directly, instead of nlohmann's parser followed by a second, cleaning copy.
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/result.hpp"

namespace samplemind {

// Parses a stored answer within the limits of parse_bounded_json (size, nesting depth) and
// cleans every string and object key as sanitize_answer does, in one pass. The error says
// what is wrong; a valid document that is not an object is returned as it is.
Result<nlohmann::json> read_clean_answer(std::string_view payload);

}  // namespace samplemind
