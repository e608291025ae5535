#pragma once
// Joins a cached file to its cached AI answer: the answer's key is computed from the file's
// final features exactly as analyze computes it (provider, model, analysis type, request shape),
// then looked up; nothing is asked of any provider.
#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>

#include <string_view>
#include <thread>

#include "cache/ai_cache.hpp"
#include "cache/cache_key.hpp"
#include "index/find_filter.hpp"
#include "model/analysis_type.hpp"

namespace samplemind {

// Which answers to join: the same choice analyze made when it filled them.
struct AnswerSource {
  std::string provider;      // resolved name ("offline", "openai"...)
  std::string model;         // resolved model
  const AnalysisType* type = nullptr;
  std::string request_hash;  // request_shape_hash of the provider's request for type
};

// Why: pulls genre, subgenres, mood and tags (cleaned, lower case) out of a stored answer;
// nothing when it is not a JSON object.
std::optional<FindAnswer> find_answer_from_text(std::string_view payload);

// Thread-safe. The first files are looked up one by one; past k_point_lookups_before_scan,
// one scan of the AI entries answers the rest from memory (a find over 100,000 files would
// otherwise make 100,000 lookups).
class AnswerJoin {
 public:
  // point_lookups: how many files are looked up one by one before the scan (tests set 0).
  AnswerJoin(AiCache& cache, AnswerSource source, int point_lookups = k_point_lookups_before_scan);
  // Why: the cached answer for a file with these final features, or nothing (never cached,
  // expired, or asked with other settings).
  std::optional<FindAnswer> answer_for(const Features& final_features);
  // Why: when a query will need many answers, their scan runs on another thread while the
  // index is listed (SQLite scans on a read connection of their own); answer_for waits for it.
  void load_in_background();
  ~AnswerJoin();

  static constexpr int k_point_lookups_before_scan = 256;

 private:
  struct StoredAnswer {
    std::int64_t cached_at = 0;
    std::string payload;
  };
  void load_all_entries();
  std::optional<FindAnswer> live_answer(std::int64_t cached_at, std::string_view payload) const;

  AiCache& cache_;
  AnswerSource source_;
  std::optional<AiKeyBuilder> keys_;  // set when source_ names an analysis type
  int point_lookup_limit_;
  std::atomic<int> point_lookups_{0};
  std::atomic<bool> loading_{false};  // load_in_background was called
  std::thread loader_;
  std::once_flag loaded_;
  bool scan_failed_ = false;                             // set once, inside call_once
  std::unordered_map<std::string, StoredAnswer> entries_;  // key -> AI entry, after the scan
};

}  // namespace samplemind
