// Descriptor-relative, symlink-refusing walk of DIR/<kind>/<shard>/<entry>.json.
#include "cache/file_cache_tree.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "util/atomic_file_writer.hpp"
#include "util/file_stat.hpp"
#include "cache/cache_entry.hpp"

namespace samplemind {
namespace {

constexpr std::string_view k_entry_suffix = ".json";
constexpr std::size_t k_shard_name_chars = 2;
constexpr std::string_view k_short_key_shard = "__";
constexpr std::size_t k_read_block_bytes = 16384;
constexpr int k_dir_open_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

bool is_key_char(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '%'; }

// The names in a folder (not . and ..), sorted byte-wise.
Result<std::vector<std::string>> list_names(int dir_fd, const std::filesystem::path& shown) {
  const int copy = ::dup(dir_fd);
  DIR* dir = copy >= 0 ? ::fdopendir(copy) : nullptr;
  if (dir == nullptr) {
    if (copy >= 0) ::close(copy);
    return Error{fmt::format("list {}: {}", shown.native(), std::strerror(errno))};
  }
  ::rewinddir(dir);
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  const int error_number = errno;
  ::closedir(dir);
  if (error_number != 0) return Error{fmt::format("list {}: {}", shown.native(), std::strerror(error_number))};
  std::sort(names.begin(), names.end());
  return names;
}

// A leftover "<entry>.json.tmp.<...>" of a writer that died before its rename.
bool is_cache_temp_name(std::string_view name, std::string_view shard) {
  const std::size_t marker = name.find(std::string(k_entry_suffix) + std::string(k_temp_file_marker));
  return marker != std::string_view::npos &&
         is_cache_entry_name(name.substr(0, marker + k_entry_suffix.size()), shard);
}

// Opens a child folder of dir_fd, refusing a symlink; ENOENT/ELOOP/ENOTDIR give -1 quietly.
Result<UniqueFd> open_child_folder(int dir_fd, const std::string& name, const std::filesystem::path& shown) {
  UniqueFd fd(::openat(dir_fd, name.c_str(), k_dir_open_flags));
  if (fd.get() >= 0 || errno == ENOENT || errno == ELOOP || errno == ENOTDIR) return Result<UniqueFd>(std::move(fd));
  return Error{fmt::format("open {}: {}", shown.native(), std::strerror(errno))};
}

}  // namespace

bool is_cache_entry_name(std::string_view name, std::string_view shard) {
  if (name.size() <= k_entry_suffix.size() || !name.ends_with(k_entry_suffix)) return false;
  const std::string_view stem = name.substr(0, name.size() - k_entry_suffix.size());
  if (!std::all_of(stem.begin(), stem.end(), [](char c) { return is_key_char(static_cast<unsigned char>(c)); })) {
    return false;
  }
  return stem.size() >= k_shard_name_chars ? stem.substr(0, k_shard_name_chars) == shard : shard == k_short_key_shard;
}

std::string cache_file_name_for(const std::string& key) {
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

Result<std::string> read_file_no_follow(int dir_fd, const std::string& name, int* error_number,
                                        bool refresh_access_time) {
  UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    if (error_number) *error_number = errno;
    return Error{fmt::format("open {}: {}", name, std::strerror(errno))};
  }
  auto stat = stat_descriptor(fd.get());
  if (!stat || !stat->is_regular()) {
    if (error_number) *error_number = EINVAL;
    return Error{fmt::format("open {}: not a regular file", name)};
  }
  std::string content;
  char buffer[k_read_block_bytes];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (error_number) *error_number = errno;
      return Error{fmt::format("read {}: {}", name, std::strerror(errno))};
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  if (refresh_access_time) ::futimens(fd.get(), nullptr);  // recency for LRU; failure is harmless
  return content;
}

Status walk_cache_tree(const std::filesystem::path& root, const std::vector<std::string>& kinds,
                       std::int64_t stale_temp_age_ns, const std::function<bool(const CacheTreeFile&)>& visit) {
  UniqueFd root_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));  // the root is the user's choice
  if (root_fd.get() < 0) {
    if (errno == ENOENT) return Status::success();
    return Status::failure(fmt::format("open {}: {}", root.native(), std::strerror(errno)));
  }
  const std::int64_t now_ns = unix_now_ms() * 1'000'000LL;
  for (const std::string& kind : kinds) {
    auto kind_fd = open_child_folder(root_fd.get(), kind, root / kind);
    if (!kind_fd) return Status::failure(kind_fd.error());
    if (kind_fd->get() < 0) continue;  // absent, or a planted symlink: not ours
    auto shards = list_names(kind_fd->get(), root / kind);
    if (!shards) return Status::failure(shards.error());
    for (const std::string& shard : *shards) {
      if (shard.size() != k_shard_name_chars) continue;
      auto shard_fd = open_child_folder(kind_fd->get(), shard, root / kind / shard);
      if (!shard_fd) return Status::failure(shard_fd.error());
      if (shard_fd->get() < 0) continue;
      auto names = list_names(shard_fd->get(), root / kind / shard);
      if (!names) return Status::failure(names.error());
      for (const std::string& name : *names) {
        struct stat info {};
        if (::fstatat(shard_fd->get(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(info.st_mode)) continue;
        const FileStat stat = file_stat_from(info);
        if (!is_cache_entry_name(name, shard)) {
          if (is_cache_temp_name(name, shard) && now_ns - stat.mtime_ns > stale_temp_age_ns) {
            ::unlinkat(shard_fd->get(), name.c_str(), 0);  // a crashed writer's leftover
          }
          continue;
        }
        const CacheTreeFile file{root / kind / shard / name, kind, shard, name, shard_fd->get(),
                                 stat.size_bytes, stat.mtime_ns};
        if (!visit(file)) return Status::success();
      }
    }
  }
  return Status::success();
}

bool remove_cache_entry(const std::filesystem::path& root, const CacheTreeFile& file, bool use_visit_fd) {
  if (!is_cache_entry_name(file.name, file.shard)) return false;
  UniqueFd shard_fd;
  int dir_fd = file.shard_fd;
  if (!use_visit_fd) {
    UniqueFd root_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (root_fd.get() < 0) return false;
    UniqueFd kind_fd(::openat(root_fd.get(), file.kind.c_str(), k_dir_open_flags));
    if (kind_fd.get() < 0) return false;
    shard_fd = UniqueFd(::openat(kind_fd.get(), file.shard.c_str(), k_dir_open_flags));
    dir_fd = shard_fd.get();
  }
  if (dir_fd < 0) return false;
  struct stat info {};
  if (::fstatat(dir_fd, file.name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT;
  if (!S_ISREG(info.st_mode)) return false;
  return ::unlinkat(dir_fd, file.name.c_str(), 0) == 0 || errno == ENOENT;
}

}  // namespace samplemind
