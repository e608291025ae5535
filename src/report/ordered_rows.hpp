#pragma once
// The table's rows written in scan order while the run goes on: a row goes out as soon as
// every earlier row has, so a library of 100,000 files is not written again from a
// temporary file at the end (on a warm run that final pass, and the lock the workers took
// to spool each row, were a twentieth of the time). Workers finish rows a little out of
// order (each takes a run of neighbouring files); those wait in memory. A row that holds
// back more than k_rows_waiting_bytes of later ones (a file waiting on a slow provider)
// sends the rest to the spool, which writes them in order at the end: memory stays bounded.
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "report/entry_spool.hpp"

namespace samplemind {

// Rows that may wait in memory for an earlier one before the rest go to the spool, in bytes
// and in scan positions ahead of the one the output waits for.
inline constexpr std::size_t k_rows_waiting_bytes = 4 << 20;
inline constexpr std::size_t k_rows_waiting_count = 65536;

class OrderedRowWriter {
 public:
  // Rows go to out after header (written with the first of them, or by finish()); spool
  // (null: none could be made) takes them once too many wait.
  OrderedRowWriter(std::ostream& out, std::string header, std::unique_ptr<EntrySpool> spool);

  // Why: workers hand each row over as its file finishes (any thread, any order); every
  // scan position from 0 on is expected once (an empty row prints nothing).
  void add(std::size_t index, std::string row);
  // Why: the run is over; writes what still waits, in scan order, and pushes it all out.
  // False (with error()) when the spool could not be read back.
  bool finish();
  std::string error() const;
  // Why the spool stopped growing and rows stayed in memory (empty while all is well).
  std::string fallback_reason() const;

 private:
  void flush_locked();

  mutable std::mutex mutex_;
  std::ostream& out_;
  std::unique_ptr<EntrySpool> spool_;
  std::size_t next_ = 0;                     // the scan position the output waits for
  // Finished rows after a missing one, by scan position from next_ on (a window, not a
  // tree: no node per row, and the two workers' rows interleave in it all the time).
  std::deque<std::optional<std::string>> waiting_;
  std::size_t waiting_bytes_ = 0;
  bool spooling_ = false;                    // from now on every row goes to the spool
  std::string buffer_;                       // rows in order, not yet written to out_
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
  std::string error_;
};

}  // namespace samplemind
