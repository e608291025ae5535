// A private copy that replaces its original only if the original held still; see replacement_copy.hpp.
#include "util/replacement_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "util/atomic_file_writer.hpp"
#include "util/extended_attributes.hpp"

namespace samplemind {
namespace {

// "." + at most this much of the name + ".tmp.XXXXXX" + the extension: 1 + 200 + 11 + 16 bytes
// at most, within Linux's 255.
constexpr std::size_t k_max_copy_name_bytes = 200;
constexpr std::size_t k_max_copy_extension_bytes = 16;
constexpr std::size_t k_copy_chunk_bytes = std::size_t{1} << 20;

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// The bytes by pread/write, for file systems where copy_file_range does not work.
Status copy_by_reading(int from_fd, int to_fd, off_t offset) {
  std::vector<char> buffer(k_copy_chunk_bytes);
  while (true) {
    const ssize_t got = ::pread(from_fd, buffer.data(), buffer.size(), offset);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Status::failure(errno_text("cannot read the file"));
    if (got == 0) return Status::success();
    ssize_t written = 0;
    while (written < got) {
      const ssize_t step = ::pwrite(to_fd, buffer.data() + written, static_cast<std::size_t>(got - written), offset + written);
      if (step < 0 && errno == EINTR) continue;
      if (step < 0) return Status::failure(errno_text("cannot write the copy"));
      written += step;
    }
    offset += got;
  }
}

// Every byte of from_fd into to_fd, from offset 0 to the end of file; the kernel copies (or
// shares extents) where it can.
Status copy_bytes(int from_fd, int to_fd) {
  loff_t in_offset = 0;
  loff_t out_offset = 0;
  while (true) {
    const ssize_t copied = ::copy_file_range(from_fd, &in_offset, to_fd, &out_offset, k_copy_chunk_bytes, 0);
    if (copied == 0) return Status::success();
    if (copied > 0) continue;
    if (errno == EINTR) continue;
    if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) {
      return copy_by_reading(from_fd, to_fd, static_cast<off_t>(in_offset));
    }
    return Status::failure(errno_text("cannot copy the file"));
  }
}

// The copy's name pattern for mkstemps, and the length of its suffix.
std::string copy_pattern(const std::filesystem::path& original_path, std::string& extension) {
  extension = original_path.extension().string();
  if (extension.size() > k_max_copy_extension_bytes) extension.clear();
  const std::string name = original_path.filename().string().substr(0, k_max_copy_name_bytes);
  return (original_path.parent_path() / fmt::format(".{}{}XXXXXX{}", name, k_temp_file_marker, extension)).string();
}

}  // namespace

Result<ReplacementCopy> make_replacement_copy(int original_fd, const std::filesystem::path& original_path) {
  struct stat info {};
  if (::fstat(original_fd, &info) != 0) return Error{errno_text("cannot stat")};
  std::string extension;
  std::string pattern = copy_pattern(original_path, extension);
  ReplacementCopy copy;
  copy.fd = UniqueFd(::mkstemps(pattern.data(), static_cast<int>(extension.size())));
  if (copy.fd.get() < 0) return Error{errno_text("cannot create a copy beside it")};
  copy.path = pattern;
  Status filled = copy_bytes(original_fd, copy.fd.get());
  if (filled) (void)::fchown(copy.fd.get(), info.st_uid, info.st_gid);  // best effort: not allowed is fine
  if (filled) {
    auto kept = copy_extended_attributes(original_fd, copy.fd.get());
    if (!kept) filled = Status::failure(kept.error());
  }
  // After the attributes: a POSIX ACL copied over sets the group bits, which this puts back.
  if (filled && ::fchmod(copy.fd.get(), info.st_mode & 07777) != 0) filled = Status::failure(errno_text("cannot set the copy's permissions"));
  if (!filled) {
    discard_replacement_copy(copy);
    return Error{filled.error};
  }
  return copy;
}

Status replace_if_unchanged(ReplacementCopy& copy, const std::filesystem::path& original_path, const FileStat& original) {
  if (::fsync(copy.fd.get()) != 0) {
    const Status failed = Status::failure(errno_text("cannot flush the copy to disk"));
    discard_replacement_copy(copy);
    return failed;
  }
  const auto now = stat_path(original_path);
  if (!now || !now->same_content_as(original)) {
    discard_replacement_copy(copy);
    return Status::failure("the file changed after it was read (saved or replaced by another program); left as it is");
  }
  if (::rename(copy.path.c_str(), original_path.c_str()) != 0) {
    const Status failed = Status::failure(errno_text("cannot replace the file"));
    discard_replacement_copy(copy);
    return failed;
  }
  copy.path.clear();
  copy.fd = UniqueFd();
  // The folder is not flushed: a crash that loses the rename leaves the old file, which is
  // whole, and a flush per file would double the cost of tagging a large library.
  return Status::success();
}

void discard_replacement_copy(ReplacementCopy& copy) {
  if (!copy.path.empty()) (void)::unlink(copy.path.c_str());
  copy.path.clear();
  copy.fd = UniqueFd();
}

}  // namespace samplemind
