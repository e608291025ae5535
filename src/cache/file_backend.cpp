// The file backend: sharded JSON documents, atomic renames, owner-only permissions.
#include "file_backend.hpp"

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

#include "samplemind/cache_entry.hpp"

namespace samplemind {
namespace {

constexpr mode_t k_dir_mode = 0700;
constexpr mode_t k_file_mode = 0600;
constexpr std::int64_t k_stale_temp_age_ns = 3600LL * 1'000'000'000LL;  // crashed writers' leftovers
constexpr const char* k_entry_suffix = ".json";
constexpr EntryKind k_all_kinds[] = {EntryKind::ai, EntryKind::features, EntryKind::file_stat};

// Owns a file descriptor (the C handle of this backend).
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Keys are hex in practice; anything else is escaped so no key can leave its folder.
std::string file_name_for(const std::string& key) {
  std::string name;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_') {
      name += static_cast<char>(c);
    } else {
      name += fmt::format("%{:02x}", c);
    }
  }
  return name.empty() ? "%" : name;
}

std::string errno_text(const std::string& what, const std::filesystem::path& path) {
  return fmt::format("{} {}: {}", what, path.string(), std::strerror(errno));
}

std::int64_t mtime_ns(const struct stat& info) {
  return static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec;
}

std::string temp_suffix() {
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format(".tmp.{}.{}.{}", ::getpid(), std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000,
                     ++counter);
}

}  // namespace

Result<std::string> read_small_file(const std::filesystem::path& path, int* error_number) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (error_number) *error_number = errno;
    return Error{errno_text("open", path)};
  }
  std::string content;
  char buffer[16384];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{errno_text("read", path)};
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

FileBackend::FileBackend(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path FileBackend::entry_path(EntryKind kind, const std::string& key) const {
  std::string name = file_name_for(key);
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
  const std::filesystem::path temp = target.string() + temp_suffix();
  int raw = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, k_file_mode);
  if (raw < 0 && errno == ENOENT) {
    if (Status made = ensure_dir(target.parent_path()); !made) return made;
    raw = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, k_file_mode);
  }
  if (raw < 0) return Status::failure(errno_text("create", temp));
  UniqueFd fd(raw);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status failure = Status::failure(errno_text("write", temp));  // e.g. disk full
      ::unlink(temp.c_str());
      return failure;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd.release()) != 0 || ::rename(temp.c_str(), target.c_str()) != 0) {
    Status failure = Status::failure(errno_text("store", target));
    ::unlink(temp.c_str());
    return failure;
  }
  return Status::success();
}

CacheLookup FileBackend::get(EntryKind kind, const std::string& key) {
  const std::filesystem::path path = entry_path(kind, key);
  int error_number = 0;
  auto content = read_small_file(path, &error_number);
  if (!content) {
    if (error_number == ENOENT || error_number == ENOTDIR) return {};
    return {LookupStatus::failure, std::nullopt, content.error()};
  }
  auto record = decode_entry(*content);
  if (!record || record->kind != kind || record->key != key) {
    return {LookupStatus::miss, std::nullopt, record ? "entry under the wrong name" : record.error(), true};
  }
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // a hit refreshes recency; failure is harmless
  return {LookupStatus::hit, std::move(record.value()), {}};
}

Status FileBackend::put(const CacheRecord& record) {
  return write_atomically(entry_path(record.kind, record.key), encode_entry(record));
}

Status FileBackend::walk_entries(const FileVisitor& visitor) const {
  std::error_code error;
  for (EntryKind kind : k_all_kinds) {
    const std::filesystem::path kind_dir = root_ / to_string(kind);
    if (!std::filesystem::exists(kind_dir, error)) continue;
    std::vector<std::filesystem::path> shards;
    for (const auto& shard : std::filesystem::directory_iterator(kind_dir, error)) shards.push_back(shard.path());
    if (error) return Status::failure(fmt::format("list {}: {}", kind_dir.string(), error.message()));
    std::sort(shards.begin(), shards.end());
    for (const auto& shard : shards) {
      std::vector<std::filesystem::path> files;
      for (const auto& file : std::filesystem::directory_iterator(shard, error)) files.push_back(file.path());
      if (error) return Status::failure(fmt::format("list {}: {}", shard.string(), error.message()));
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        struct stat info {};
        if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
        if (file.extension() != k_entry_suffix) {
          // A temp file left by a crashed writer: remove it once it is clearly abandoned.
          if (file.string().find(".tmp.") != std::string::npos &&
              unix_now_ms() * 1'000'000LL - mtime_ns(info) > k_stale_temp_age_ns) {
            ::unlink(file.c_str());
          }
          continue;
        }
        if (!visitor({file, static_cast<std::int64_t>(info.st_size), mtime_ns(info)})) return Status::success();
      }
    }
  }
  return Status::success();
}

Result<std::int64_t> FileBackend::clear(const ClearFilter& filter) {
  std::int64_t removed = 0;
  Status walked = walk_entries([&](const StoredFile& file) {
    auto content = read_small_file(file.path);
    auto record = content ? decode_entry(*content) : Result<CacheRecord>(Error{content.error()});
    // Unreadable entries go with an unfiltered clear; a filtered one cannot tell whose they are.
    bool remove = record ? filter_matches(filter, *record) : !filter_needs_fields(filter) && !filter.kind;
    if (remove && ::unlink(file.path.c_str()) == 0) ++removed;
    return true;
  });
  if (!walked) return Error{walked.error};
  return removed;
}

Result<CacheStats> FileBackend::stats() {
  CacheStats stats;
  stats.backend = name();
  stats.location = location();
  Status walked = walk_entries([&](const StoredFile& file) {
    auto content = read_small_file(file.path);
    if (!content) return true;
    auto record = decode_entry(*content);
    if (!record) return true;
    (record->kind == EntryKind::ai ? stats.entries : stats.feature_entries) += 1;
    stats.bytes += file.size;
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
  std::vector<StoredFile> live;
  Status walked = walk_entries([&](const StoredFile& file) {
    result.bytes_before += file.size;
    auto content = read_small_file(file.path);
    auto record = content ? decode_entry(*content) : Result<CacheRecord>(Error{content.error()});
    bool expired = !record || (record->expires_at != 0 && record->expires_at <= options.now);
    if (expired && ::unlink(file.path.c_str()) == 0) {
      ++result.expired_removed;
    } else if (!expired) {
      live.push_back(file);
      result.bytes_after += file.size;
    }
    return true;
  });
  if (!walked) return Error{walked.error};
  if (options.max_bytes && result.bytes_after > *options.max_bytes) {
    std::sort(live.begin(), live.end(), [](const StoredFile& a, const StoredFile& b) {
      return a.mtime_ns != b.mtime_ns ? a.mtime_ns < b.mtime_ns : a.path < b.path;
    });
    for (const StoredFile& file : live) {
      if (result.bytes_after <= *options.max_bytes) break;
      if (::unlink(file.path.c_str()) == 0 || errno == ENOENT) {
        result.bytes_after -= file.size;
        ++result.evicted;
      }
    }
  }
  return result;
}

Status FileBackend::for_each(const EntryVisitor& visitor) {
  return walk_entries([&](const StoredFile& file) {
    auto content = read_small_file(file.path);
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
