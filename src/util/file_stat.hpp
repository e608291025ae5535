#pragma once
// One stat helper: what a file's inode says about it (size, times in ns, identity, type),
// so the feature cache's change check and the file cache's walks read the same fields.
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>

#include "util/result.hpp"

namespace samplemind {

constexpr std::int64_t k_nanoseconds_per_second = 1'000'000'000;

struct FileStat {
  std::int64_t size_bytes = 0;
  std::int64_t mtime_ns = 0;  // last content write (touch can set it)
  std::int64_t ctime_ns = 0;  // last inode change (every write moves it; touch cannot set it)
  std::int64_t inode = 0;
  std::int64_t device = 0;
  mode_t mode = 0;

  bool is_regular() const { return S_ISREG(mode); }
  bool is_directory() const { return S_ISDIR(mode); }
  bool is_device() const { return S_ISCHR(mode) || S_ISBLK(mode); }
  // Same size, times and identity: as far as the inode tells, the content did not change.
  bool same_content_as(const FileStat& other) const;
};

// Why: every caller needs the same ns arithmetic on struct stat.
FileStat file_stat_from(const struct stat& info);

// Why: follows symbolic links, like open() does; the error names the path and errno.
Result<FileStat> stat_path(const std::filesystem::path& path);

// Why: the stat of an open descriptor (no race between the check and the read).
Result<FileStat> stat_descriptor(int fd);

// Why: a readable name for a non-regular file type ("fifo", "character device", ...).
const char* file_type_name(mode_t mode);

}  // namespace samplemind
