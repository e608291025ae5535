#pragma once
// --shard K/N: a stable partition of a library, so N CI jobs or machines (sharing one
// cache) cover it exactly once. A file's shard depends only on its own path relative to
// the root it was found under: adding or removing other files never moves it, and the
// same library mounted at another place is cut the same way.
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace samplemind {

// Shard `index` (1-based) of `count`.
struct Shard {
  std::uint32_t index = 1;
  std::uint32_t count = 1;
};

// The largest N accepted by --shard K/N.
inline constexpr std::uint32_t k_max_shards = 1'000'000;

// Parses "K/N" (1 <= K <= N <= 1,000,000, plain decimal digits); the error names the rule.
Result<Shard> parse_shard(std::string_view text);

// "K/N", as the summary prints it.
std::string to_string(const Shard& shard);

// The 1-based shard a relative path belongs to in a partition of `count`: the first 8 bytes
// of SHA-256(path bytes), read big-endian, modulo count, plus one.
std::uint32_t shard_of(std::string_view relative_path, std::uint32_t count);

// True when the relative path belongs to this shard.
bool in_shard(const Shard& shard, std::string_view relative_path);

}  // namespace samplemind
