// Shard membership from a hash of the relative path (the rule is documented in docs/fleet.md).
#include "pipeline/shard.hpp"

#include <charconv>

#include <fmt/format.h>

#include "cache/sha256.hpp"

namespace samplemind {

namespace {
// A whole number made of decimal digits only (no sign, no spaces), or nothing.
bool parse_count(std::string_view text, std::uint32_t& value) {
  if (text.empty() || text.size() > 7) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}
}  // namespace

Result<Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_count(text.substr(0, slash), shard.index) ||
      !parse_count(text.substr(slash + 1), shard.count) || shard.count == 0 || shard.count > k_max_shards ||
      shard.index == 0 || shard.index > shard.count) {
    return Error{fmt::format("--shard must be K/N with 1 <= K <= N <= {} (e.g. 2/4); got '{}'", k_max_shards,
                             std::string(text))};
  }
  return shard;
}

std::string to_string(const Shard& shard) { return fmt::format("{}/{}", shard.index, shard.count); }

std::uint32_t shard_of(std::string_view relative_path, std::uint32_t count) {
  if (count <= 1) return 1;
  const std::string hex = sha256_hex(relative_path);
  std::uint64_t prefix = 0;
  std::from_chars(hex.data(), hex.data() + 16, prefix, 16);  // first 8 bytes, big-endian
  return static_cast<std::uint32_t>(prefix % count) + 1;
}

bool in_shard(const Shard& shard, std::string_view relative_path) {
  return shard_of(relative_path, shard.count) == shard.index;
}

}  // namespace samplemind
