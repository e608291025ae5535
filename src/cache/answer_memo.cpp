// Answer memos: read with simdjson beside the stat record, written with its text writer.
#include "cache/answer_memo.hpp"

#include <cmath>
#include <random>

#include <fmt/format.h>
#include <simdjson.h>

#include "util/json_text_writer.hpp"

namespace samplemind {

namespace {
constexpr std::size_t k_ai_key_hex_chars = 64;
constexpr std::size_t k_max_epoch_chars = 64;

bool is_lower_hex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

std::optional<AnswerMemo> read_answer_memo(const simdjson::dom::element& element) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  std::string_view epoch;
  std::string_view key;
  std::string_view payload;
  double cost = 0.0;
  std::int64_t cached_at = 0;
  if (object["epoch"].get_string().get(epoch) != simdjson::SUCCESS || object["key"].get_string().get(key) != simdjson::SUCCESS ||
      object["payload"].get_string().get(payload) != simdjson::SUCCESS ||
      object["cost_usd"].get_double().get(cost) != simdjson::SUCCESS ||
      object["cached_at"].get_int64().get(cached_at) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (!is_answer_memo_epoch(epoch)) return std::nullopt;
  if (key.size() != k_ai_key_hex_chars || !is_lower_hex(key)) return std::nullopt;
  if (payload.empty() || payload.size() > k_max_memo_payload_bytes) return std::nullopt;
  if (!std::isfinite(cost) || cost < 0.0 || cached_at < 0) return std::nullopt;
  return AnswerMemo{std::string(epoch), std::string(key), std::string(payload), cost, cached_at};
}

void write_answer_memo(JsonTextWriter& out, const AnswerMemo& memo) {
  out.begin_object();
  out.key("cached_at");
  out.integer(memo.cached_at);
  out.key("cost_usd");
  out.number(memo.cost_usd);
  out.key("epoch");
  out.string(memo.epoch);
  out.key("key");
  out.string(memo.key);
  out.key("payload");
  out.string(memo.payload);
  out.end_object();
}

bool is_answer_memo_epoch(std::string_view text) {
  return !text.empty() && text.size() <= k_max_epoch_chars && is_lower_hex(text);
}

std::string new_answer_memo_epoch() {
  std::random_device device;
  std::uint64_t high = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  std::uint64_t low = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  return fmt::format("{:016x}{:016x}", high, low);
}

}  // namespace samplemind
