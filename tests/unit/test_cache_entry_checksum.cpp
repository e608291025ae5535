// The entry checksum is stored with every entry: its text must never change. Checked
// against the printf formulation it was first written with, on edge and random values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include "cache/cache_entry.hpp"

namespace samplemind {
namespace {

// The basis stored checksums were made with. It is not FNV's published one (that has one
// more digit, 14695981039346656037); changing it would turn every stored entry corrupt.
constexpr std::uint64_t k_offset = 1469598103934665603ULL;
constexpr std::uint64_t k_prime = 0x100000001b3ULL;

void mix(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char byte : bytes) hash = (hash ^ byte) * k_prime;
  hash = (hash ^ 0x1fU) * k_prime;
}

// The checksum as version 1 defined it, with snprintf for every number.
std::string reference_checksum(const CacheRecord& r) {
  std::uint64_t hash = k_offset;
  for (std::string_view field : {std::string_view(to_string(r.kind)), std::string_view(r.key), std::string_view(r.payload),
                                 std::string_view(r.provider), std::string_view(r.model), std::string_view(r.analysis_type)}) {
    mix(hash, field);
  }
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "%lld/%lld/%.17g/%lld/%lld/%d", static_cast<long long>(r.input_tokens),
                static_cast<long long>(r.output_tokens), r.cost_usd, static_cast<long long>(r.cached_at),
                static_cast<long long>(r.expires_at), r.key_version);
  mix(hash, numbers);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex;
}

}  // namespace

TEST_CASE("entry checksum: the same text as the printf formulation, on edge and random values") {
  CacheRecord record;
  record.key = "abc";
  record.payload = R"({"genre":"house"})";
  record.provider = "openai";
  const double costs[] = {0.0, -0.0, 1e-9, 0.000123, 0.1, 1.0 / 3.0, 12345.678, -2.5, 1e300,
                          std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity()};
  for (double cost : costs) {
    record.cost_usd = cost;
    CHECK(entry_checksum(record) == reference_checksum(record));
  }
  record.input_tokens = std::numeric_limits<std::int64_t>::min();
  record.output_tokens = std::numeric_limits<std::int64_t>::max();
  record.cached_at = -1;
  record.key_version = -7;
  CHECK(entry_checksum(record) == reference_checksum(record));

  std::mt19937_64 random(2026);
  std::uniform_real_distribution<double> money(-10.0, 10.0);
  for (int i = 0; i < 2000; ++i) {
    record.kind = static_cast<EntryKind>(i % 3);
    record.input_tokens = static_cast<std::int64_t>(random() % 100000);
    record.output_tokens = static_cast<std::int64_t>(random());
    record.cost_usd = i % 4 == 0 ? 0.0 : money(random);
    record.cached_at = static_cast<std::int64_t>(random() >> 20);
    record.expires_at = i % 2 == 0 ? 0 : static_cast<std::int64_t>(random() >> 30);
    record.key_version = i % 10;
    REQUIRE(entry_checksum(record) == reference_checksum(record));
  }
}

}  // namespace samplemind
