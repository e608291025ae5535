#pragma once
// Reads features_to_json's output back with simdjson: the feature cache and the library index
// read one record per cached file, and a DOM parser that needs no allocation per value keeps
// that at a few microseconds. A value of the wrong type is an error, never a guess.
#include <string_view>

#include <simdjson.h>

#include "model/features.hpp"
#include "util/result.hpp"

namespace samplemind {

// Why: the stat record embeds the features object, already parsed with the rest of it.
Result<Features> features_from_element(simdjson::dom::element element);

// Why: one parser per thread, reused, so reading a record allocates almost nothing.
simdjson::dom::parser& thread_json_parser();

}  // namespace samplemind
