#pragma once
// The feature cache's stat record: what a path looked like when its content was hashed
// (size, times, inode, device), the content's SHA-256, and its features once known. Warm
// runs and the library index read one per file, so it is parsed with simdjson; it is
// written as the same JSON document as ever, so caches written earlier read unchanged.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cache/answer_memo.hpp"
#include "model/features.hpp"
#include "util/file_stat.hpp"
#include "util/result.hpp"

namespace samplemind {

struct StatRecord {
  std::string path;              // absolute, normalised, as bytes (stored as hex)
  // Size, times, inode and device as the file had them (its type is not stored); a field
  // that is absent or damaged reads as -1, so it never matches a file.
  FileStat recorded{-1, -1, -1, -1, -1, 0};
  std::string sha256;            // 64 hex digits when valid
  bool has_features = false;     // the record carries a features object
  std::optional<Features> features;  // read only when asked for, and only when readable
  std::optional<AnswerMemo> answer;  // the file's last AI answer (answer_memo.hpp), when kept and readable
  // Hashed within the racy window of its mtime (k_racy_mtime_window_ns): the record lists the
  // file for find and similar, but never vouches for its content (the next run hashes it).
  bool racy = false;
};

// Why: one fast read for the change check and (with_features) the embedded features;
// an error when the text is not a stat record at all. Unreadable features are left unset.
Result<StatRecord> parse_stat_record(std::string_view payload, bool with_features);

// Why: the JSON text stored for a path; features are embedded when given, and record.answer
// when set.
std::string stat_record_json(const StatRecord& record, const Features* features);

// Why: the record stands for this file only while size, times and identity are unchanged
// (ctime catches a same-size rewrite with mtime and inode put back). A racy record never matches.
bool stat_record_matches(const StatRecord& record, const FileStat& now);

}  // namespace samplemind
