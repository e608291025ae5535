#pragma once
// A file's last AI answer, kept in its stat record. A warm file then needs one read (its
// folder's range of stat records) instead of two: the AI entry's B-tree lookup landed on a
// page of its own for nearly every file of a real library (docs/cache.md, "Answer memos").
// A memo answers only for the same AI key, under the same cache epoch, within the TTL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simdjson::dom {
class element;
}

namespace samplemind {

class JsonTextWriter;

struct AnswerMemo {
  std::string epoch;        // the cache's answer-memo epoch when written (a clear of AI entries renews it)
  std::string key;          // the AI key it answers (64 hex digits)
  std::string payload;      // the AI entry's payload: the answer's JSON text
  double cost_usd = 0.0;    // what the answer cost when it was paid (a memo hit saves it)
  std::int64_t cached_at = 0;  // when the AI entry was stored, unix seconds (for the TTL)

  bool operator==(const AnswerMemo&) const = default;
};

// Memo payloads larger than this are not kept or read (an answer is a few hundred bytes).
constexpr std::size_t k_max_memo_payload_bytes = 64 * 1024;

// Why: a stat record's "answer" object; nothing when any field is missing, mistyped or out
// of range (a damaged memo is no memo: the AI entry is looked up as before).
std::optional<AnswerMemo> read_answer_memo(const simdjson::dom::element& element);

// Why: the memo as the stat record's "answer" object (keys sorted, like the record's).
void write_answer_memo(JsonTextWriter& out, const AnswerMemo& memo);

// Why: a fresh random epoch (32 hex digits) for a cache that has none yet.
std::string new_answer_memo_epoch();

// Why: an epoch read from a cache is hostile input: lower-case hex of a sane length only.
bool is_answer_memo_epoch(std::string_view text);

}  // namespace samplemind
