// Entry encoding, checksums and filter matching shared by all backends.
#include "cache/cache_entry.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "util/bounded_json.hpp"

namespace samplemind {
namespace {

constexpr std::uint64_t k_fnv_offset_basis = 1469598103934665603ULL;
constexpr std::uint64_t k_fnv_prime = 1099511628211ULL;
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

std::string entry_checksum(const CacheRecord& record) {
  // A corruption check, not a security boundary: FNV-1a 64 is fast and has no dependency.
  // (The offset basis lacks the last digit of FNV's published one; stored checksums use it,
  // so it stays: tests/unit/test_cache_entry_checksum.cpp pins the whole text.)
  std::uint64_t hash = k_fnv_offset_basis;
  fnv_mix(hash, to_string(record.kind));
  fnv_mix(hash, record.key);
  fnv_mix(hash, record.payload);
  fnv_mix(hash, record.provider);
  fnv_mix(hash, record.model);
  fnv_mix(hash, record.analysis_type);
  // The text "%lld/%lld/%.17g/%lld/%lld/%d" printf makes (the stored checksums depend on
  // it byte for byte), without printf for the integers: a scan checks 100,000 rows.
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
  fnv_mix(hash, numbers);
  std::string text = "fnv1a64:0000000000000000";
  for (std::size_t i = text.size(); hash != 0; hash >>= 4) text[--i] = "0123456789abcdef"[hash & 0xf];
  return text;
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
    if (document.at("checksum").get<std::string>() != entry_checksum(record)) {
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
