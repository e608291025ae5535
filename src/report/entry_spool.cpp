// An append-only temporary file of rendered JSON entries and the slot table that puts
// them back in scan order.
#include "report/entry_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace samplemind {

namespace {
// $TMPDIR when it names a folder, else /tmp.
std::string temp_folder() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/tmp");
}

// A file no other process can open: O_TMPFILE (never linked) where the file system has
// it, else a fresh mkstemp name (O_EXCL) removed at once.
int private_temp_file() {
  const std::string folder = temp_folder();
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string pattern = folder + "/samplemind-report.XXXXXX";
  fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(pattern.c_str());
  return fd;
}
}  // namespace

std::unique_ptr<EntrySpool> EntrySpool::open() {
  const int fd = private_temp_file();
  if (fd < 0) return nullptr;
  return std::unique_ptr<EntrySpool>(new EntrySpool(UniqueFd(fd)));
}

void EntrySpool::add(std::size_t index, std::string_view entry) {
  std::lock_guard lock(mutex_);
  if (!error_.empty()) return;
  if (entry.size() > UINT32_MAX) {
    error_ = "report entry too large";
    return;
  }
  if (slots_.size() <= index) slots_.resize(index + 1);
  if (!slots_[index].stored) ++stored_;
  slots_[index] = Slot{end_ + pending_.size(), static_cast<std::uint32_t>(entry.size()), true};
  pending_.append(entry);
  if (pending_.size() >= k_spool_block) flush_locked();
}

// Appends the buffered entries to the file: one write per megabyte, not one per entry.
void EntrySpool::flush_locked() {
  std::size_t written = 0;
  while (written < pending_.size() && error_.empty()) {
    const ssize_t n = ::pwrite(fd_.get(), pending_.data() + written, pending_.size() - written,
                               static_cast<off_t>(end_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) error_ = std::string("temporary report file: ") + (n < 0 ? std::strerror(errno) : "nothing written");
    else written += static_cast<std::size_t>(n);
  }
  end_ += pending_.size();
  pending_.clear();
}

// Reads a block of the file from offset, at least size bytes, into window.
bool EntrySpool::read_block_locked(std::uint64_t offset, std::uint64_t size, std::string& window,
                                   std::uint64_t& window_start) {
  if (offset + size > end_) {
    error_ = "temporary report file: cut short";
    return false;
  }
  const std::uint64_t length = std::min<std::uint64_t>(std::max<std::uint64_t>(k_spool_block, size), end_ - offset);
  window.resize(length);
  std::size_t read = 0;
  while (read < length) {
    const ssize_t n = ::pread(fd_.get(), window.data() + read, length - read, static_cast<off_t>(offset + read));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::string("temporary report file: ") + (n < 0 ? std::strerror(errno) : "cut short");
      return false;
    }
    read += static_cast<std::size_t>(n);
  }
  window_start = offset;
  return true;
}

bool EntrySpool::write_entries(std::ostream& out) {
  std::lock_guard lock(mutex_);
  if (!pending_.empty()) flush_locked();
  if (!error_.empty()) return false;
  // Entries finish nearly in scan order, so a block read for one serves its neighbours.
  const char* separator = "\n    ";
  std::string window;
  std::uint64_t window_start = 0;
  for (const Slot& slot : slots_) {
    if (!slot.stored) continue;
    const bool inside = slot.offset >= window_start && slot.offset + slot.size <= window_start + window.size();
    if (!inside && !read_block_locked(slot.offset, slot.size, window, window_start)) return false;
    out << separator << std::string_view(window).substr(slot.offset - window_start, slot.size);
    separator = ",\n    ";
  }
  return true;
}

bool EntrySpool::empty() const {
  std::lock_guard lock(mutex_);
  return stored_ == 0;
}

std::string EntrySpool::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace samplemind
