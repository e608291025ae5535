#pragma once
// Parsing the human units of cache management flags: --older-than 7d, --max-size 500MB.
#include <cstdint>
#include <string>

#include "util/result.hpp"

namespace samplemind {

// "90s", "30m", "12h", "7d", "2w" -> seconds; a bare number is an error (is "1" a second or a day?).
Result<std::int64_t> parse_duration_seconds(const std::string& text);

// "500MB", "1.5GB", "64KiB", "2048B"; K/M/G are decimal, Ki/Mi/Gi binary; a bare number is an error.
Result<std::int64_t> parse_size_bytes(const std::string& text);

}  // namespace samplemind
