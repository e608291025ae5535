// An append-only temporary file of rendered JSON entries and the slot table that puts
// them back in scan order.
#include "report/entry_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "util/private_temp_file.hpp"

namespace samplemind {


std::unique_ptr<EntrySpool> EntrySpool::open() {
  UniqueFd fd = private_temp_file("report");
  if (fd.get() < 0) return nullptr;
  return std::unique_ptr<EntrySpool>(new EntrySpool(std::move(fd)));
}

void EntrySpool::add(std::size_t index, std::string_view entry) {
  std::lock_guard lock(mutex_);
  if (entry.size() > UINT32_MAX) {
    error_ = "report entry too large";
    return;
  }
  if (slots_.size() <= index) slots_.resize(index + 1);
  if (!slots_[index].stored) ++stored_;
  slots_[index] = SpoolSlot{end_ + pending_.size(), static_cast<std::uint32_t>(entry.size()), true};
  pending_.append(entry);
  if (pending_.size() >= k_spool_block && fallback_.empty()) flush_locked();
}

// Appends the buffered entries to the file: one write per megabyte, not one per entry.
// What the file would not take stays in pending_, which from then on keeps the rest.
void EntrySpool::flush_locked() {
  std::size_t written = 0;
  while (written < pending_.size()) {
    const ssize_t n = ::pwrite(fd_.get(), pending_.data() + written, pending_.size() - written,
                               static_cast<off_t>(end_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      fallback_ = std::string("temporary report file: ") + (n < 0 ? std::strerror(errno) : "nothing written");
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  end_ += written;
  pending_.erase(0, written);
}

// Reads a block of the file from offset, at least size bytes (all in the file), into window.
bool EntrySpool::read_block_locked(std::uint64_t offset, std::uint64_t size, std::string& window,
                                   std::uint64_t& window_start) {
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

// Appends one entry to out: its bytes in the file through the read window, the rest from memory.
bool EntrySpool::append_entry_locked(const SpoolSlot& slot, std::string& window, std::uint64_t& window_start,
                                     std::string& out) {
  const std::uint64_t end = slot.offset + slot.size;
  if (slot.offset < end_) {
    const std::uint64_t in_file = std::min(end, end_) - slot.offset;
    const bool inside = slot.offset >= window_start && slot.offset + in_file <= window_start + window.size();
    if (!inside && !read_block_locked(slot.offset, in_file, window, window_start)) return false;
    out.append(std::string_view(window).substr(slot.offset - window_start, in_file));
  }
  if (end > end_) {
    const std::uint64_t from = std::max(slot.offset, end_) - end_;
    out.append(std::string_view(pending_).substr(from, end - end_ - from));
  }
  return true;
}

bool EntrySpool::write_entries(std::ostream& out, const char* first, const char* between) {
  std::lock_guard lock(mutex_);
  if (!pending_.empty() && fallback_.empty()) flush_locked();
  if (!error_.empty()) return false;
  // Entries finish nearly in scan order, so a block read for one serves its neighbours.
  // Entries go out a block at a time: one write per block, not a stdio buffer's worth each.
  const char* separator = first;
  std::string window, block;
  std::uint64_t window_start = 0;
  for (const SpoolSlot& slot : slots_) {
    if (!slot.stored) continue;
    block += separator;
    if (!append_entry_locked(slot, window, window_start, block)) return false;
    separator = between;
    if (block.size() >= k_spool_block) {
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      block.clear();
    }
  }
  out.write(block.data(), static_cast<std::streamsize>(block.size()));
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

std::string EntrySpool::fallback_reason() const {
  std::lock_guard lock(mutex_);
  return fallback_;
}

}  // namespace samplemind
