#pragma once
// The file cache's folder tree, walked without ever following a symbolic link: kind and
// shard folders are opened with O_NOFOLLOW relative to their parent's descriptor, entries
// are lstat'ed, and only regular files of the cache's own naming are read or removed. A
// symlink planted anywhere inside the cache folder is skipped, never followed or deleted.
#include <cstdint>
#include <functional>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace samplemind {

// One entry file met by the walk; shard_fd is valid only during the visit.
struct CacheTreeFile {
  std::filesystem::path path;  // for messages and a stable order
  std::string kind;
  std::string shard;
  std::string name;
  int shard_fd = -1;
  std::int64_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
};

// Why: the one naming rule: "<key chars>.json" under the shard of its first two characters.
bool is_cache_entry_name(std::string_view name, std::string_view shard);

// Why: a key's file name; anything but [A-Za-z0-9_-] is %-escaped so no key leaves its folder.
std::string cache_file_name_for(const std::string& key);

// Why: reads a small regular file at dir_fd/name (AT_FDCWD: name is a path), refusing a symlink as the
// last component (O_NOFOLLOW) and anything not regular (EINVAL); error_number gets errno.
Result<std::string> read_file_no_follow(int dir_fd, const std::string& name, int* error_number = nullptr,
                                        bool refresh_access_time = false);

// Why: visits entries kind by kind, shard by shard, in byte order; stops when visit returns false.
// Crashed writers' temp files older than stale_temp_age_ns are removed on the way.
Status walk_cache_tree(const std::filesystem::path& root, const std::vector<std::string>& kinds,
                       std::int64_t stale_temp_age_ns, const std::function<bool(const CacheTreeFile&)>& visit);

// Why: removes one entry found by a walk, re-opening its folders without following links,
// and only if it is still a regular file; during a visit pass the visit's shard_fd.
bool remove_cache_entry(const std::filesystem::path& root, const CacheTreeFile& file, bool use_visit_fd = false);

}  // namespace samplemind
