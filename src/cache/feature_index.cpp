// One pass over the backend's stat records (path -> content hash, usually with the
// features), handed in batches to parser threads while the scan goes on: each record is
// parsed (simdjson) and its path checked with one stat. Records without features are joined
// with their features entry after the scan.
#include "cache/feature_index.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "audio/feature_extractor.hpp"
#include "cache/feature_cache.hpp"
#include "cache/sha256.hpp"
#include "cache/stat_record.hpp"
#include "metadata/stated_values.hpp"
#include "util/file_stat.hpp"
#include "util/work_queue.hpp"

namespace samplemind {
namespace {

struct StatRow {
  std::string key;      // file_stat_key of the path
  std::string payload;  // the stat record's JSON
  bool current = false; // written by this extractor version (embedded features usable)
};

// True when key is the stat key of path, in this version's form or the one before it
// (a record that no analyze run has moved yet).
bool keyed_by(const std::filesystem::path& path, const std::string& key) {
  return file_stat_key(path) == key || legacy_file_stat_key(path) == key;
}

// The path a stat record stands for: its stored path when that is the one its key was
// made from (older records stored the path as typed, maybe relative); else nothing.
std::string record_path(const std::string& stored, const std::string& key) {
  if (stored.empty()) return {};
  // What the feature cache writes: the path already absolute and normal, hashed as it is.
  if (stored.front() == '/' && keyed_by(stored, key)) return stored;
  const std::filesystem::path normal = std::filesystem::path(stored).lexically_normal();
  if (normal.is_absolute() && keyed_by(normal, key)) return normal.string();
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(stored, error).lexically_normal();
  if (!error && keyed_by(absolute, key)) return absolute.string();
  return {};
}

// The folder or file a filter names, absolute and without a trailing separator.
std::string filter_prefix(const std::filesystem::path& folder) {
  std::error_code error;
  std::string text = std::filesystem::absolute(folder, error).lexically_normal().string();
  if (error) text = folder.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool inside(const std::string& path, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
    if (prefix == "/") return true;
    return path.size() >= prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
           (path.size() == prefix.size() || path[prefix.size()] == '/');
  });
}

// Files per batch handed from the scan to the parsers: large enough that the queue's lock
// costs nothing, small enough that parsing starts while the scan goes on.
constexpr std::size_t k_index_batch = 512;

// What the parsers make of one batch: files ready for the index, and files whose record
// has no usable features, with the content hash to look them up by after the scan.
struct ParsedBatch {
  std::vector<IndexedFile> files;
  std::vector<StatRecord> stats;                 // parallel to files
  std::vector<std::size_t> missing_features;     // indices into files
};

// Parses one record; false when it is unreadable, out of scope or not an index entry.
bool parse_row(const StatRow& row, const std::vector<std::string>& prefixes, ParsedBatch& into) {
  auto stat = parse_stat_record(row.payload, row.current);
  if (!stat) return false;
  IndexedFile file;
  file.path = record_path(stat->path, row.key);
  if (file.path.empty() || !inside(file.path, prefixes)) return false;
  if (stat->features) {
    file.features = std::move(*stat->features);
    stat->features.reset();
  } else if (stat->sha256.size() == 64) {
    into.missing_features.push_back(into.files.size());
  } else {
    return false;
  }
  into.files.push_back(std::move(file));
  into.stats.push_back(std::move(*stat));
  return true;
}

// How each listed row is finished: when its staleness is checked, and the tempo range its
// audio tempo is shown in (the one analyze ran with, so its answers are found).
struct RowFinish {
  StaleCheck when;
  const std::optional<TempoRange>& tempo_range;
};

// The name's statements and (now or later) the staleness check: the part that needs the path.
void finish_row(IndexedFile& file, const StatRecord& stat, const RowFinish& finish) {
  apply_file_statements(file.features, file.path, {false, finish.tempo_range});  // as analyze shows it
  file.recorded = stat.recorded;
  file.stale_unchecked = true;
  if (finish.when == StaleCheck::listing) check_staleness(file);
}

// Parses batches until the scan closes the queue.
void parse_batches(WorkQueue<std::vector<StatRow>>& queue, const std::vector<std::string>& prefixes,
                   const RowFinish& finish, std::vector<ParsedBatch>& out) {
  while (auto batch = queue.pop()) {
    ParsedBatch parsed;
    for (const StatRow& row : *batch) parse_row(row, prefixes, parsed);
    for (std::size_t i = 0, next = 0; i < parsed.files.size(); ++i) {
      const bool missing = next < parsed.missing_features.size() && parsed.missing_features[next] == i;
      if (missing) ++next;
      else finish_row(parsed.files[i], parsed.stats[i], finish);
    }
    out.push_back(std::move(parsed));
  }
}

}  // namespace

void check_staleness(IndexedFile& file) {
  if (!file.stale_unchecked) return;
  file.stale_unchecked = false;
  // The fields the feature cache's change check compares.
  const auto now = stat_path(file.path);
  if (!now) {
    file.stale = true;
    file.stale_reason = "vanished";
  } else if (!now->is_regular()) {
    file.stale = true;
    file.stale_reason = "not a regular file";
  } else if (!now->same_content_as(file.recorded)) {
    file.stale = true;
    file.stale_reason = "changed";
  }
}

std::vector<IndexedFile> list_cached_files(CacheBackend& backend, const std::vector<std::filesystem::path>& under,
                                           std::string* error, StaleCheck when,
                                           const std::optional<TempoRange>& tempo_range) {
  const RowFinish finish{when, tempo_range};
  std::vector<std::string> prefixes;
  for (const auto& folder : under) prefixes.push_back(filter_prefix(folder));

  // The scan (one thread: the backend's cursor) feeds parsers on the other cores.
  WorkQueue<std::vector<StatRow>> queue;
  const std::size_t parsers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 4) - 1;
  std::vector<std::vector<ParsedBatch>> parsed(parsers + 1);
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < parsers; ++t) {
    pool.emplace_back([&, t] { parse_batches(queue, prefixes, finish, parsed[t]); });
  }
  std::vector<StatRow> batch;
  const Status scanned = backend.for_each_of(EntryKind::file_stat, [&](const CacheRecord& record) {
    batch.push_back({record.key, record.payload, record.key_version == k_extractor_version});
    if (batch.size() >= k_index_batch) queue.push(std::exchange(batch, {}));
    return true;
  });
  if (!batch.empty()) queue.push(std::move(batch));
  queue.close();
  parse_batches(queue, prefixes, finish, parsed[parsers]);  // this thread helps with what is left
  for (auto& thread : pool) thread.join();
  if (!scanned.ok) {
    if (error != nullptr) *error = scanned.error;
    return {};
  }

  std::vector<IndexedFile*> listed;
  for (auto& batches : parsed) {
    for (ParsedBatch& one : batches) {
      // Records written before the features were known (or by another extractor version)
      // are joined with the content-addressed features entry; unknown ones stay out.
      for (std::size_t i = 0, next = 0; i < one.files.size(); ++i) {
        if (next < one.missing_features.size() && one.missing_features[next] == i) {
          ++next;
          CacheLookup found = backend.get(EntryKind::features, feature_cache_key(one.stats[i].sha256));
          auto features = found.status == LookupStatus::hit ? features_from_json_text(found.record->payload)
                                                             : Result<Features>(Error{"not cached"});
          if (!features) continue;
          one.files[i].features = std::move(*features);
          finish_row(one.files[i], one.stats[i], finish);
        }
        listed.push_back(&one.files[i]);
      }
    }
  }
  // Sorted as pointers, then moved once: moving whole records while sorting cost more.
  std::sort(listed.begin(), listed.end(), [](const IndexedFile* a, const IndexedFile* b) { return a->path < b->path; });
  std::vector<IndexedFile> files;
  files.reserve(listed.size());
  for (IndexedFile* file : listed) files.push_back(std::move(*file));
  return files;
}

}  // namespace samplemind
