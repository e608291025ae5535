#pragma once
// The JSON document's file entries (or the table's rows), rendered as each file finishes and kept in an unlinked
// temporary file, one slot per scan position: `analyze --format json` (and --report) over
// 500,000 files then holds no results in memory, and the document keeps its scan order.
// When the file cannot grow (a full disk, ulimit -f), later entries stay in memory: the
// report is never lost for want of temporary space.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "util/unique_fd.hpp"

namespace samplemind {

// Bytes gathered before one write, and read at once when the document is written.
inline constexpr std::size_t k_spool_block = 1 << 20;

// Where one entry lies: offsets below the file's end are in the file, the rest in memory.
struct SpoolSlot {
  std::uint64_t offset = 0;
  std::uint32_t size = 0;
  bool stored = false;
};

class EntrySpool {
 public:
  // Why: a spool only when a private temporary file can be made (in $TMPDIR, else /tmp);
  // nullptr tells the caller to keep results in memory instead.
  static std::unique_ptr<EntrySpool> open();

  // Stores one rendered entry for scan position index (any thread, any order).
  void add(std::size_t index, std::string_view entry);
  // Why: the document needs its entries in scan order; writes each stored one, after first
  // for the first and between for the others (by default as write_analyze_json separates
  // them; the table's rows end in their own newline); false (with error()) when the file failed.
  bool write_entries(std::ostream& out, const char* first = "\n    ", const char* between = ",\n    ");
  bool empty() const;
  // What went wrong while reading entries back (empty while all is well).
  std::string error() const;
  // Why the file stopped growing and entries went to memory (empty while it grows).
  std::string fallback_reason() const;

 private:
  explicit EntrySpool(UniqueFd fd) : fd_(std::move(fd)) {}
  void flush_locked();
  bool read_block_locked(std::uint64_t offset, std::uint64_t size, std::string& window, std::uint64_t& window_start);
  bool append_entry_locked(const SpoolSlot& slot, std::string& window, std::uint64_t& window_start,
                           std::string& out);

  mutable std::mutex mutex_;
  UniqueFd fd_;
  std::uint64_t end_ = 0;     // bytes in the file
  std::string pending_;       // entries not yet in the file (they follow end_)
  std::vector<SpoolSlot> slots_;
  std::size_t stored_ = 0;
  std::string error_;
  std::string fallback_;      // set once the file could not grow: pending_ keeps the rest
};

}  // namespace samplemind
