// Fuzzes the stored form of cache entries (file and Redis backends, export/import):
// decoding never crashes, and whatever decodes re-encodes to an equal record.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cache/cache_entry.hpp"

namespace {

bool same_record(const samplemind::CacheRecord& a, const samplemind::CacheRecord& b) {
  return a.kind == b.kind && a.key == b.key && a.payload == b.payload && a.provider == b.provider &&
         a.model == b.model && a.analysis_type == b.analysis_type && a.input_tokens == b.input_tokens &&
         a.output_tokens == b.output_tokens && a.cost_usd == b.cost_usd && a.cached_at == b.cached_at &&
         a.expires_at == b.expires_at && a.key_version == b.key_version;
}

}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto record = samplemind::decode_entry(text);
  if (!record) return 0;
  auto again = samplemind::decode_entry(samplemind::encode_entry(*record));
  if (!again || !same_record(*record, *again)) std::abort();
  return 0;
}
