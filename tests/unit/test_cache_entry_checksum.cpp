// The entry checksum is stored with every entry: its text must never change. Checked
// against the printf formulation it was first written with, on edge and random values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include <xxhash.h>

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

// The numeric fields as snprintf writes them.
std::string reference_numbers(const CacheRecord& r) {
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "%lld/%lld/%.17g/%lld/%lld/%d", static_cast<long long>(r.input_tokens),
                static_cast<long long>(r.output_tokens), r.cost_usd, static_cast<long long>(r.cached_at),
                static_cast<long long>(r.expires_at), r.key_version);
  return numbers;
}

// The checksum as version 1 defined it, with snprintf for every number.
std::string reference_checksum(const CacheRecord& r) {
  std::uint64_t hash = k_offset;
  for (std::string_view field : {std::string_view(to_string(r.kind)), std::string_view(r.key), std::string_view(r.payload),
                                 std::string_view(r.provider), std::string_view(r.model), std::string_view(r.analysis_type)}) {
    mix(hash, field);
  }
  mix(hash, reference_numbers(r));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex;
}

// The XXH3 checksum from one buffer holding every field behind its 8-byte little-endian
// length: the streaming code must hash exactly this.
std::string reference_xxh3(const CacheRecord& r) {
  std::string buffer;
  const auto field = [&buffer](std::string_view bytes) {
    for (int i = 0; i < 8; ++i) buffer.push_back(static_cast<char>((bytes.size() >> (8 * i)) & 0xff));
    buffer.append(bytes);
  };
  for (std::string_view f : {std::string_view(to_string(r.kind)), std::string_view(r.key), std::string_view(r.payload),
                             std::string_view(r.provider), std::string_view(r.model), std::string_view(r.analysis_type)}) {
    field(f);
  }
  field(reference_numbers(r));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH3_64bits(buffer.data(), buffer.size())));
  return std::string("xxh3-64:") + hex;
}

}  // namespace

TEST_CASE("entry checksum, first format: the same text as the printf formulation, on edge and random values") {
  CacheRecord record;
  record.key = "abc";
  record.payload = R"({"genre":"house"})";
  record.provider = "openai";
  const double costs[] = {0.0, -0.0, 1e-9, 0.000123, 0.1, 1.0 / 3.0, 12345.678, -2.5, 1e300,
                          std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity()};
  for (double cost : costs) {
    record.cost_usd = cost;
    CHECK(fnv_entry_checksum(record) == reference_checksum(record));
  }
  record.input_tokens = std::numeric_limits<std::int64_t>::min();
  record.output_tokens = std::numeric_limits<std::int64_t>::max();
  record.cached_at = -1;
  record.key_version = -7;
  CHECK(fnv_entry_checksum(record) == reference_checksum(record));

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
    REQUIRE(fnv_entry_checksum(record) == reference_checksum(record));
  }
}

TEST_CASE("entry checksum: new entries get XXH3 over every field, and both formats verify") {
  CacheRecord record;
  record.kind = EntryKind::file_stat;
  record.key = "0123abcd";
  record.payload = std::string(1500, 'p');
  record.cost_usd = 0.25;
  record.cached_at = 1700000000;
  record.key_version = 8;
  const std::string fresh = entry_checksum(record);
  CHECK(fresh == reference_xxh3(record));
  CHECK(fresh.size() == 8 + 16);
  CHECK(entry_checksum_matches(record, fresh));
  CHECK(entry_checksum_matches(record, fnv_entry_checksum(record)));  // an entry from before XXH3
  CHECK_FALSE(entry_checksum_matches(record, ""));
  CHECK_FALSE(entry_checksum_matches(record, "xxh3-64:"));
  CHECK_FALSE(entry_checksum_matches(record, "sha1:" + fresh.substr(8)));
  // Any edited field, or bytes moved across a field boundary, is caught in both formats.
  CacheRecord edited = record;
  edited.payload.back() = 'q';
  CHECK_FALSE(entry_checksum_matches(edited, fresh));
  CHECK_FALSE(entry_checksum_matches(edited, fnv_entry_checksum(record)));
  edited = record;
  edited.key += "p";
  edited.payload.pop_back();
  CHECK_FALSE(entry_checksum_matches(edited, fresh));
  edited = record;
  edited.cost_usd = 0.26;
  CHECK_FALSE(entry_checksum_matches(edited, fresh));
  edited = record;
  edited.key_version = 9;
  CHECK_FALSE(entry_checksum_matches(edited, fresh));
}

}  // namespace samplemind
