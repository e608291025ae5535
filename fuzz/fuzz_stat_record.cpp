// Fuzzes what the library index and a warm run read for every cached file: stat records and
// features entries (simdjson). Reading never crashes; whatever reads as features writes
// back to JSON that reads as the same features; a stat record written back reads the same,
// its racy mark included (a damaged mark reads as racy and stays so).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cache/stat_record.hpp"
#include "model/features.hpp"

namespace {

// The features' JSON text, the form both sides of a round trip are compared in.
std::string text_of(const samplemind::Features& features) { return samplemind::features_to_json(features).dump(); }

}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto features = samplemind::features_from_json_text(text)) {
    auto again = samplemind::features_from_json_text(text_of(*features));
    if (!again || text_of(*again) != text_of(*features)) std::abort();
  }
  auto stat = samplemind::parse_stat_record(text, true);
  if (!stat) return 0;
  const samplemind::Features* features = stat->features ? &*stat->features : nullptr;
  auto again = samplemind::parse_stat_record(samplemind::stat_record_json(*stat, features), true);
  if (!again || again->path != stat->path || !again->recorded.same_content_as(stat->recorded) ||
      again->sha256 != stat->sha256 || again->racy != stat->racy ||
      again->features.has_value() != stat->features.has_value() ||
      (features != nullptr && text_of(*again->features) != text_of(*features))) {
    std::abort();
  }
  return 0;
}
