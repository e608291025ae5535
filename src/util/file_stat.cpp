// The one place struct stat becomes a FileStat.
#include "util/file_stat.hpp"

#include <cerrno>
#include <cstring>
#include <string>

namespace samplemind {
namespace {

std::int64_t to_ns(const struct timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * k_nanoseconds_per_second + time.tv_nsec;
}

}  // namespace

bool FileStat::same_content_as(const FileStat& other) const {
  return size_bytes == other.size_bytes && mtime_ns == other.mtime_ns && ctime_ns == other.ctime_ns &&
         inode == other.inode && device == other.device;
}

FileStat file_stat_from(const struct stat& info) {
  FileStat stat;
  stat.size_bytes = static_cast<std::int64_t>(info.st_size);
  stat.mtime_ns = to_ns(info.st_mtim);
  stat.ctime_ns = to_ns(info.st_ctim);
  stat.inode = static_cast<std::int64_t>(info.st_ino);
  stat.device = static_cast<std::int64_t>(info.st_dev);
  stat.mode = info.st_mode;
  return stat;
}

Result<FileStat> stat_path(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Error{"cannot stat " + path.native() + ": " + std::strerror(errno)};
  return file_stat_from(info);
}

Result<FileStat> stat_descriptor(int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return Error{std::string("cannot stat open file: ") + std::strerror(errno)};
  return file_stat_from(info);
}

const char* file_type_name(mode_t mode) {
  if (S_ISREG(mode)) return "regular file";
  if (S_ISDIR(mode)) return "folder";
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISSOCK(mode)) return "socket";
  if (S_ISCHR(mode)) return "character device";
  if (S_ISBLK(mode)) return "block device";
  if (S_ISLNK(mode)) return "symbolic link";
  return "special file";
}

}  // namespace samplemind
