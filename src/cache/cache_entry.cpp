// Entry encoding, checksums and filter matching shared by all backends.
#include "cache/cache_entry.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "util/bounded_json.hpp"

namespace samplemind {
namespace {

constexpr std::uint64_t k_fnv_offset_basis = 1469598103934665603ULL;
constexpr std::uint64_t k_fnv_prime = 1099511628211ULL;
constexpr const char* k_xxh3_prefix = "xxh3-64:";
constexpr std::int64_t k_record_overhead_bytes = 64;  // fixed fields: times, tokens, cost

// An integer field; a fractional or huge number is malformed (converting it would be UB).
std::int64_t integer_field(const nlohmann::json& value, const char* name) {
  if (!value.is_number_integer()) {
    throw nlohmann::json::type_error::create(302, std::string(name) + " is not an integer", &value);
  }
  return value.get<std::int64_t>();
}

// FNV-1a over one field, followed by a separator so field boundaries count.
void fnv_mix(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= k_fnv_prime;
  }
  hash ^= 0x1fU;
  hash *= k_fnv_prime;
}

// The numeric fields as the text "%lld/%lld/%.17g/%lld/%lld/%d" printf makes (stored
// checksums depend on it byte for byte), without printf for the integers.
std::string checksum_numbers(const CacheRecord& record) {
  std::string numbers;
  numbers.reserve(96);
  const auto integer = [&numbers](long long value) {
    char digits[24];
    numbers.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  };
  integer(record.input_tokens);
  numbers += '/';
  integer(record.output_tokens);
  numbers += '/';
  if (record.cost_usd == 0.0 && !std::signbit(record.cost_usd)) {
    numbers += '0';
  } else {
    char cost[48];
    const int length = std::snprintf(cost, sizeof cost, "%.17g", record.cost_usd);
    numbers.append(cost, static_cast<std::size_t>(std::clamp(length, 0, static_cast<int>(sizeof cost) - 1)));
  }
  numbers += '/';
  integer(record.cached_at);
  numbers += '/';
  integer(record.expires_at);
  numbers += '/';
  integer(record.key_version);
  return numbers;
}

// prefix followed by the hash as 16 lower-case hex digits.
std::string hex_checksum(const char* prefix, std::uint64_t hash) {
  std::string text = std::string(prefix) + "0000000000000000";
  for (std::size_t i = text.size(); hash != 0; hash >>= 4) text[--i] = "0123456789abcdef"[hash & 0xf];
  return text;
}

// One XXH3 streaming state per thread, made once (it is 576 bytes, aligned).
XXH3_state_t* thread_xxh3_state() {
  struct Owned {
    XXH3_state_t* state = XXH3_createState();
    ~Owned() { XXH3_freeState(state); }
  };
  thread_local Owned owned;
  return owned.state;
}

}  // namespace

const char* to_string(EntryKind kind) {
  switch (kind) {
    case EntryKind::ai: return "ai";
    case EntryKind::features: return "features";
    case EntryKind::file_stat: return "file_stat";
  }
  return "ai";
}

std::optional<EntryKind> entry_kind_from_string(const std::string& name) {
  if (name == "ai") return EntryKind::ai;
  if (name == "features") return EntryKind::features;
  if (name == "file_stat") return EntryKind::file_stat;
  return std::nullopt;
}

std::string fnv_entry_checksum(const CacheRecord& record) {
  // The first format: FNV-1a 64, byte by byte (about 4 cycles a byte: a twentieth of a warm
  // run's CPU went here). The offset basis lacks the last digit of FNV's published one;
  // stored checksums use it, so it stays: tests/unit/test_cache_entry_checksum.cpp pins it.
  std::uint64_t hash = k_fnv_offset_basis;
  fnv_mix(hash, to_string(record.kind));
  fnv_mix(hash, record.key);
  fnv_mix(hash, record.payload);
  fnv_mix(hash, record.provider);
  fnv_mix(hash, record.model);
  fnv_mix(hash, record.analysis_type);
  fnv_mix(hash, checksum_numbers(record));
  return hex_checksum("fnv1a64:", hash);
}

std::string entry_checksum(const CacheRecord& record) {
  // XXH3-64 over each field preceded by its length, so field boundaries count.
  XXH3_state_t* state = thread_xxh3_state();
  XXH3_64bits_reset(state);
  const auto field = [state](std::string_view bytes) {
    unsigned char length[8];  // little-endian, so the text is the same on every machine
    for (int i = 0; i < 8; ++i) length[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(bytes.size()) >> (8 * i));
    XXH3_64bits_update(state, length, sizeof length);
    XXH3_64bits_update(state, bytes.data(), bytes.size());
  };
  field(to_string(record.kind));
  field(record.key);
  field(record.payload);
  field(record.provider);
  field(record.model);
  field(record.analysis_type);
  field(checksum_numbers(record));
  return hex_checksum(k_xxh3_prefix, XXH3_64bits_digest(state));
}

bool entry_checksum_matches(const CacheRecord& record, std::string_view stored) {
  if (stored.substr(0, std::string_view(k_xxh3_prefix).size()) == k_xxh3_prefix) return stored == entry_checksum(record);
  return stored == fnv_entry_checksum(record);
}

std::string encode_entry(const CacheRecord& record) {
  nlohmann::json document = {
      {"format", k_cache_entry_format_version},
      {"kind", to_string(record.kind)},
      {"key", record.key},
      {"key_version", record.key_version},
      {"provider", record.provider},
      {"model", record.model},
      {"analysis_type", record.analysis_type},
      {"input_tokens", record.input_tokens},
      {"output_tokens", record.output_tokens},
      {"cost_usd", record.cost_usd},
      {"cached_at", record.cached_at},
      {"expires_at", record.expires_at},
      {"payload", record.payload},
      {"checksum", entry_checksum(record)},
  };
  return document.dump();
}

Result<CacheRecord> decode_entry(std::string_view text) {
  auto parsed = parse_bounded_json(text);
  if (!parsed && parsed.error() != "not valid JSON") return Error{"entry rejected: " + parsed.error()};
  if (!parsed || !parsed->is_object()) return Error{"entry is not a JSON object"};
  nlohmann::json& document = *parsed;
  try {
    if (integer_field(document.at("format"), "format") != k_cache_entry_format_version) {
      return Error{"unsupported entry format " + document.at("format").dump()};
    }
    CacheRecord record;
    auto kind = entry_kind_from_string(document.at("kind").get<std::string>());
    if (!kind) return Error{"unknown entry kind"};
    record.kind = *kind;
    record.key = document.at("key").get<std::string>();
    record.key_version = static_cast<int>(integer_field(document.value("key_version", nlohmann::json(0)), "key_version"));
    record.provider = document.at("provider").get<std::string>();
    record.model = document.at("model").get<std::string>();
    record.analysis_type = document.at("analysis_type").get<std::string>();
    record.input_tokens = integer_field(document.at("input_tokens"), "input_tokens");
    record.output_tokens = integer_field(document.at("output_tokens"), "output_tokens");
    record.cost_usd = document.at("cost_usd").get<double>();
    record.cached_at = integer_field(document.at("cached_at"), "cached_at");
    record.expires_at = integer_field(document.at("expires_at"), "expires_at");
    record.payload = document.at("payload").get<std::string>();
    // Bounds first: a hostile entry can carry a valid checksum (FNV-1a is not a signature).
    if (Status bounds = check_payload_bounds(record.payload); !bounds) return Error{bounds.error};
    if (!entry_checksum_matches(record, document.at("checksum").get<std::string>())) {
      return Error{"checksum mismatch"};
    }
    return record;
  } catch (const nlohmann::json::exception& error) {
    return Error{std::string("malformed entry: ") + error.what()};
  }
}

Status check_payload_bounds(std::string_view payload) {
  Status bounds = check_json_bounds(payload);
  return bounds ? bounds : Status::failure("payload rejected: " + bounds.error);
}

bool filter_matches(const ClearFilter& filter, const CacheRecord& record) {
  if (filter.kind) {
    bool feature_side = record.kind == EntryKind::features || record.kind == EntryKind::file_stat;
    if (*filter.kind == EntryKind::ai ? record.kind != EntryKind::ai : !feature_side) return false;
  }
  if (filter.cached_before && record.cached_at >= *filter.cached_before) return false;
  if (filter.provider && record.provider != *filter.provider) return false;
  if (filter.model && record.model != *filter.model) return false;
  if (filter.analysis_type && record.analysis_type != *filter.analysis_type) return false;
  return true;
}

bool filter_needs_fields(const ClearFilter& filter) {
  return filter.cached_before || filter.provider || filter.model || filter.analysis_type;
}

std::int64_t record_size(const CacheRecord& record) {
  return static_cast<std::int64_t>(record.payload.size() + record.key.size() + record.provider.size() +
                                   record.model.size() + record.analysis_type.size()) +
         k_record_overhead_bytes;
}

Status CacheBackend::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  return for_each([&](const CacheRecord& record) { return record.kind != kind || visitor(record); });
}

Result<MatchTotals> CacheBackend::measure(const ClearFilter& filter) {
  MatchTotals totals;
  Status walked = for_each([&](const CacheRecord& record) {
    if (filter_matches(filter, record)) {
      ++totals.entries;
      totals.bytes += record_size(record);
      totals.cost_usd += record.cost_usd;
    }
    return true;
  });
  if (!walked) return Error{walked.error};
  return totals;
}

std::int64_t unix_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace samplemind
