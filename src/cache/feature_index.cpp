// One pass over the backend collects stat records (path -> content hash, often with the
// features) and feature entries of this extractor version; then each path is joined with
// its features and checked with one stat. Parsing, the costly part, runs on a few threads.
#include "cache/feature_index.hpp"

#include <algorithm>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "audio/feature_extractor.hpp"
#include "cache/feature_cache.hpp"
#include "metadata/stated_values.hpp"
#include "util/file_stat.hpp"

namespace samplemind {
namespace {

struct StatRow {
  std::string key;      // file_stat_key of the path
  std::string payload;  // the stat record's JSON
  bool current = false; // written by this extractor version (embedded features usable)
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes a "path_hex" field spells; empty when it is not even-length hex.
std::string bytes_from_hex(const std::string& hex) {
  std::string out;
  if (hex.size() % 2 != 0) return out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return {};
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

// The path a stat record stands for: its stored path when that is the one its key was
// made from (older records stored the path as typed, maybe relative); else nothing.
std::string record_path(const nlohmann::json& stat, const std::string& key) {
  const std::string path = bytes_from_hex(stat.value("path_hex", std::string()));
  if (path.empty()) return {};
  const std::filesystem::path normal = std::filesystem::path(path).lexically_normal();
  if (normal.is_absolute() && file_stat_key(normal) == key) return normal.string();
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error).lexically_normal();
  if (!error && file_stat_key(absolute) == key) return absolute.string();
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

// Staleness from one stat: the fields the feature cache's change check compares.
void mark_staleness(IndexedFile& file, const nlohmann::json& stat) {
  const auto now = stat_path(file.path);
  if (!now) {
    file.stale = true;
    file.stale_reason = "vanished";
  } else if (!now->is_regular()) {
    file.stale = true;
    file.stale_reason = "not a regular file";
  } else if (stat.value("size", -1LL) != now->size_bytes || stat.value("mtime_ns", -1LL) != now->mtime_ns ||
             stat.value("ctime_ns", -1LL) != now->ctime_ns || stat.value("inode", -1LL) != now->inode ||
             stat.value("device", -1LL) != now->device) {
    file.stale = true;
    file.stale_reason = "changed";
  }
}

// Joins one stat record with its features; false when the path or features are unknown.
bool index_row(const StatRow& row, const std::unordered_map<std::string, std::string>& feature_payloads,
               const std::vector<std::string>& prefixes, IndexedFile& out) {
  const nlohmann::json stat = nlohmann::json::parse(row.payload, nullptr, false);
  if (!stat.is_object()) return false;
  out.path = record_path(stat, row.key);
  if (out.path.empty() || !inside(out.path, prefixes)) return false;
  try {
    if (auto it = stat.find("features"); row.current && it != stat.end() && it->is_object()) {
      out.features = features_from_json(*it);
    } else {
      const std::string sha256 = stat.value("sha256", std::string());
      auto found = feature_payloads.find(feature_cache_key(sha256));
      if (sha256.size() != 64 || found == feature_payloads.end()) return false;
      const nlohmann::json features = nlohmann::json::parse(found->second, nullptr, false);
      if (!features.is_object()) return false;
      out.features = features_from_json(features);
    }
  } catch (const nlohmann::json::exception&) {
    return false;  // an unreadable entry is not in the index; the next analysis rewrites it
  }
  apply_file_statements(out.features, out.path, false);  // what its name states, as analyze shows it
  mark_staleness(out, stat);
  return true;
}

}  // namespace

std::vector<IndexedFile> list_cached_files(CacheBackend& backend, const std::vector<std::filesystem::path>& under,
                                           std::string* error) {
  std::vector<StatRow> rows;
  std::unordered_map<std::string, std::string> feature_payloads;
  const std::string version_suffix = "-x" + std::to_string(k_extractor_version);
  const Status scanned = backend.for_each([&](const CacheRecord& record) {
    if (record.kind == EntryKind::file_stat) {
      rows.push_back({record.key, record.payload, record.key_version == k_extractor_version});
    } else if (record.kind == EntryKind::features && record.key.size() > version_suffix.size() &&
               record.key.compare(record.key.size() - version_suffix.size(), version_suffix.size(), version_suffix) == 0) {
      feature_payloads.emplace(record.key, record.payload);
    }
    return true;
  });
  if (!scanned.ok) {
    if (error != nullptr) *error = scanned.error;
    return {};
  }
  std::vector<std::string> prefixes;
  for (const auto& folder : under) prefixes.push_back(filter_prefix(folder));

  // Parse on a few threads: JSON parsing dominates (about 1.5 kB per entry).
  std::vector<IndexedFile> parsed(rows.size());
  std::vector<char> kept(rows.size(), 0);
  const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  const std::size_t per_thread = (rows.size() + threads - 1) / threads;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads && t * per_thread < rows.size(); ++t) {
    pool.emplace_back([&, t] {
      const std::size_t end = std::min(rows.size(), (t + 1) * per_thread);
      for (std::size_t i = t * per_thread; i < end; ++i) kept[i] = index_row(rows[i], feature_payloads, prefixes, parsed[i]);
    });
  }
  for (auto& thread : pool) thread.join();

  std::vector<IndexedFile> files;
  files.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (kept[i]) files.push_back(std::move(parsed[i]));
  }
  std::sort(files.begin(), files.end(), [](const IndexedFile& a, const IndexedFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace samplemind
