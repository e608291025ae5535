// The file backend: sharded JSON documents, atomic renames, owner-only permissions.
#include "cache/file_backend.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cache/file_cache_tree.hpp"
#include "util/atomic_file_writer.hpp"
#include "cache/cache_entry.hpp"

namespace samplemind {
namespace {

constexpr mode_t k_dir_mode = 0700;
constexpr mode_t k_file_mode = 0600;
constexpr std::int64_t k_stale_temp_age_ns = 3600LL * 1'000'000'000LL;  // crashed writers' leftovers
constexpr const char* k_entry_suffix = ".json";
const std::vector<std::string> k_all_kind_names = {to_string(EntryKind::ai), to_string(EntryKind::features),
                                                   to_string(EntryKind::file_stat)};

std::string errno_text(const std::string& what, const std::filesystem::path& path) {
  return fmt::format("{} {}: {}", what, path.string(), std::strerror(errno));
}

}  // namespace

Result<std::string> read_small_file(const std::filesystem::path& path, int* error_number) {
  return read_file_no_follow(AT_FDCWD, path.native(), error_number);
}

namespace {
// A kind or shard folder replaced by a symbolic link would take reads and writes outside
// the cache; the root itself may be a link the user chose.
bool under_planted_link(const std::filesystem::path& entry) {
  struct stat info {};
  for (const auto& dir : {entry.parent_path().parent_path(), entry.parent_path()}) {
    if (::lstat(dir.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) return true;
  }
  return false;
}
}  // namespace

FileBackend::FileBackend(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path FileBackend::entry_path(EntryKind kind, const std::string& key) const {
  std::string name = cache_file_name_for(key);
  std::string shard = name.size() >= 2 ? name.substr(0, 2) : "__";
  return root_ / to_string(kind) / shard / (name + k_entry_suffix);
}

Status FileBackend::ensure_dir(const std::filesystem::path& dir) const {
  if (::mkdir(dir.c_str(), k_dir_mode) == 0 || errno == EEXIST) return Status::success();
  if (errno != ENOENT || !dir.has_parent_path() || dir.parent_path() == dir) {
    return Status::failure(errno_text("create folder", dir));
  }
  if (Status parent = ensure_dir(dir.parent_path()); !parent) return parent;
  if (::mkdir(dir.c_str(), k_dir_mode) == 0 || errno == EEXIST) return Status::success();
  return Status::failure(errno_text("create folder", dir));
}

Status FileBackend::write_atomically(const std::filesystem::path& target, const std::string& content) const {
  const AtomicWriteOptions options{k_file_mode, false};  // entries are rebuilt if lost: no fsync
  Status written = write_file_atomically(target, content, options);
  if (written) return written;
  // The shard folder may be missing, or made by another process since the first attempt:
  // (re)create it and write once more either way.
  if (Status made = ensure_dir(target.parent_path()); !made) return made;
  return write_file_atomically(target, content, options);
}

CacheLookup FileBackend::get(EntryKind kind, const std::string& key) {
  const std::filesystem::path path = entry_path(kind, key);
  if (under_planted_link(path)) return {LookupStatus::miss, std::nullopt, "cache folder is a symbolic link", true};
  int error_number = 0;
  // A hit refreshes recency (the file's mtime) on the descriptor: a symlink is never followed.
  auto content = read_file_no_follow(AT_FDCWD, path.native(), &error_number, true);
  if (!content) {
    if (error_number == ENOENT || error_number == ENOTDIR) return {};
    // A planted symlink or non-regular file at the entry's name: a miss; the store replaces it.
    if (error_number == ELOOP || error_number == EINVAL) return {LookupStatus::miss, std::nullopt, content.error(), true};
    return {LookupStatus::failure, std::nullopt, content.error()};
  }
  auto record = decode_entry(*content);
  if (!record || record->kind != kind || record->key != key) {
    return {LookupStatus::miss, std::nullopt, record ? "entry under the wrong name" : record.error(), true};
  }
  return {LookupStatus::hit, std::move(record.value()), {}};
}

Status FileBackend::put(const CacheRecord& record) {
  const std::filesystem::path path = entry_path(record.kind, record.key);
  if (under_planted_link(path)) {
    return Status::failure("cache folder " + path.parent_path().string() + " is a symbolic link: not written");
  }
  return write_atomically(path, encode_entry(record));
}

Status FileBackend::erase(EntryKind kind, const std::string& key) {
  const std::filesystem::path path = entry_path(kind, key);
  if (under_planted_link(path)) {
    return Status::failure("cache folder " + path.parent_path().string() + " is a symbolic link: not removed");
  }
  // unlink removes a planted link itself, never what it points to.
  if (::unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR) {
    return Status::failure("cannot remove cache entry " + path.string() + ": " + std::strerror(errno));
  }
  return Status::success();
}

Status FileBackend::walk_entries(const FileVisitor& visitor) const {
  return walk_cache_tree(root_, k_all_kind_names, k_stale_temp_age_ns, visitor);
}

Result<std::int64_t> FileBackend::clear(const ClearFilter& filter) {
  std::int64_t removed = 0;
  Status walked = walk_entries([&](const CacheTreeFile& file) {
    auto content = read_file_no_follow(file.shard_fd, file.name);
    auto record = content ? decode_entry(*content) : Result<CacheRecord>(Error{content.error()});
    // Unreadable entries go with an unfiltered clear; a filtered one cannot tell whose they are.
    bool remove = record ? filter_matches(filter, *record) : !filter_needs_fields(filter) && !filter.kind;
    if (remove && remove_cache_entry(root_, file, true)) ++removed;
    return true;
  });
  if (!walked) return Error{walked.error};
  return removed;
}

Result<CacheStats> FileBackend::stats() {
  CacheStats stats;
  stats.backend = name();
  stats.location = location();
  Status walked = walk_entries([&](const CacheTreeFile& file) {
    auto content = read_file_no_follow(file.shard_fd, file.name);
    if (!content) return true;
    auto record = decode_entry(*content);
    if (!record) return true;
    (record->kind == EntryKind::ai ? stats.entries : stats.feature_entries) += 1;
    stats.bytes += file.size_bytes;
    stats.oldest = std::min(stats.oldest.value_or(record->cached_at), record->cached_at);
    stats.newest = std::max(stats.newest.value_or(record->cached_at), record->cached_at);
    return true;
  });
  if (!walked) return Error{walked.error};
  auto usage = read_usage();
  if (!usage) return Error{usage.error()};
  stats.usage = std::move(usage.value());
  return stats;
}

Result<PruneResult> FileBackend::prune(const PruneOptions& options) {
  PruneResult result;
  std::vector<CacheTreeFile> live;
  Status walked = walk_entries([&](const CacheTreeFile& file) {
    result.bytes_before += file.size_bytes;
    auto content = read_file_no_follow(file.shard_fd, file.name);
    auto record = content ? decode_entry(*content) : Result<CacheRecord>(Error{content.error()});
    bool expired = !record || prune_expires(options, *record);
    if (expired && (options.dry_run || remove_cache_entry(root_, file, true))) {
      ++result.expired_removed;
    } else if (!expired) {
      live.push_back(file);
      result.bytes_after += file.size_bytes;
    }
    return true;
  });
  if (!walked) return Error{walked.error};
  if (options.max_bytes && result.bytes_after > *options.max_bytes) {
    std::sort(live.begin(), live.end(), [](const CacheTreeFile& a, const CacheTreeFile& b) {
      return a.mtime_ns != b.mtime_ns ? a.mtime_ns < b.mtime_ns : a.path < b.path;
    });
    for (const CacheTreeFile& file : live) {
      if (result.bytes_after <= *options.max_bytes) break;
      if (options.dry_run || remove_cache_entry(root_, file)) {  // re-opens its folders: the walk's descriptors are closed
        result.bytes_after -= file.size_bytes;
        ++result.evicted;
      }
    }
  }
  return result;
}

Status FileBackend::for_each(const EntryVisitor& visitor) { return visit_files(k_all_kind_names, visitor); }

Status FileBackend::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  return visit_files({to_string(kind)}, [&](const CacheRecord& record) { return record.kind != kind || visitor(record); });
}

Status FileBackend::visit_files(const std::vector<std::string>& kinds, const EntryVisitor& visitor) const {
  return walk_cache_tree(root_, kinds, k_stale_temp_age_ns, [&](const CacheTreeFile& file) {
    auto content = read_file_no_follow(file.shard_fd, file.name);
    if (!content) return true;
    auto record = decode_entry(*content);
    return record ? visitor(*record) : true;
  });
}

Result<std::vector<UsageCounters>> FileBackend::read_usage() const {
  std::vector<UsageCounters> usage;
  auto content = read_small_file(root_ / "usage.json");
  if (!content) return usage;  // no counters yet
  nlohmann::json rows = nlohmann::json::parse(*content, nullptr, false);
  if (!rows.is_array()) return usage;  // a damaged counter file restarts from zero
  for (const auto& row : rows) {
    usage.push_back({row.value("provider", ""), row.value("model", ""), row.value("analysis_type", ""),
                     row.value("hits", std::int64_t{0}), row.value("misses", std::int64_t{0}),
                     row.value("saved_usd", 0.0)});
  }
  return usage;
}

Status FileBackend::reset_usage() {
  if (Status made = ensure_dir(root_); !made) return made;
  const std::filesystem::path lock_path = root_ / "usage.lock";
  UniqueFd lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, k_file_mode));
  if (lock.get() < 0) return Status::failure(errno_text("open", lock_path));
  if (::flock(lock.get(), LOCK_EX) != 0) return Status::failure(errno_text("lock", lock_path));
  return write_atomically(root_ / "usage.json", "[]");
}

Status FileBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  if (Status made = ensure_dir(root_); !made) return made;
  // Read-modify-write under an exclusive lock so concurrent runs never lose counts.
  const std::filesystem::path lock_path = root_ / "usage.lock";
  UniqueFd lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, k_file_mode));
  if (lock.get() < 0) return Status::failure(errno_text("open", lock_path));
  if (::flock(lock.get(), LOCK_EX) != 0) return Status::failure(errno_text("lock", lock_path));
  auto usage = read_usage();
  if (!usage) return Status::failure(usage.error());
  for (const UsageCounters& delta : deltas) {
    auto row = std::find_if(usage->begin(), usage->end(), [&](const UsageCounters& existing) {
      return existing.provider == delta.provider && existing.model == delta.model &&
             existing.analysis_type == delta.analysis_type;
    });
    if (row == usage->end()) {
      usage->push_back(delta);
    } else {
      row->hits += delta.hits;
      row->misses += delta.misses;
      row->saved_usd += delta.saved_usd;
    }
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const UsageCounters& row : *usage) {
    rows.push_back({{"provider", row.provider}, {"model", row.model}, {"analysis_type", row.analysis_type},
                    {"hits", row.hits}, {"misses", row.misses}, {"saved_usd", row.saved_usd}});
  }
  return write_atomically(root_ / "usage.json", rows.dump());
}

}  // namespace samplemind
