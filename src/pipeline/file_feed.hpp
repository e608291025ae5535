#pragma once
// The batch's files, walked while workers already take them: a large library starts
// analysing at once. Walked paths wait as compact scan items; a file gets its result only
// when a worker takes it. Results are kept in scan order for the report, or, when the
// caller streams them (analyze --format jsonl), handed back and freed as each finishes.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "pipeline/file_result.hpp"
#include "pipeline/scan.hpp"

namespace samplemind {

// Walked files waiting for a worker before the walker waits for room: a walk far ahead of
// the workers holds memory for every path and hands out stats gone stale.
inline constexpr std::size_t k_feed_capacity = 8192;
// Files workers take from a full feed before the waiting walker goes on.
inline constexpr std::size_t k_feed_refill = 1024;

// Kept results between two returns of free heap pages to the kernel (retire()).
inline constexpr std::size_t k_trim_every_kept_results = 2048;

class FileFeed {
 public:
  // keep_results false: retire() frees each result, release() returns nothing.
  explicit FileFeed(bool keep_results = true) : keep_results_(keep_results) {}

  // Adds a walked item (walker thread); a scan problem becomes an error result when taken.
  void add(ScanItem item);
  // Why: one lock and one wake-up for many items; the walker hands out a batch at a time
  // (a lock per file made the feed's mutex the most contended lock of a warm run). Waits
  // while k_feed_capacity files or more wait for a worker.
  void add_all(std::vector<ScanItem>& items);
  // The walk is over: workers drain what is left, then get nothing.
  void close();
  // The next file for a worker, in scan order, or nullptr once the walk is over and every
  // file was taken. The pointer stays valid until retire() (results live in a deque, or
  // on their own when they are not kept).
  FileResult* take();
  // Why: up to most files that follow each other in scan order, for one worker (its cache
  // connection then reads a folder's pages alone); fewer while few are waiting, so no
  // worker sits on a run while another idles. Empty once the walk is over and all is taken.
  std::vector<FileResult*> take_run(std::size_t most);
  // The file is finished and reported: kept for release(), or freed when results are not kept.
  void retire(FileResult* file);
  // Files found so far, and whether the walk has finished (for progress lines).
  std::size_t size() const;
  bool walk_finished() const;
  // Hands the kept results over, in scan order, when every worker has stopped.
  std::deque<FileResult> release();

 private:
  // The parent folder of the i-th file waiting (mutex_ held).
  std::string_view folder_of_waiting(std::size_t i) const;
  // Why: a run that would end inside a folder ends before it instead (when files follow and
  // an earlier folder is in the run): each worker reads a folder's stat records in one range
  // read, and a folder split between two runs had its records read by both.
  std::size_t whole_folders(std::size_t count, std::size_t waiting) const;

  const bool keep_results_;
  mutable std::mutex mutex_;
  std::condition_variable more_;
  std::condition_variable room_;  // signalled once workers took k_feed_refill files from a full feed
  bool walker_waiting_ = false;    // under mutex_: the walker waits on room_
  std::deque<ScanItem> pending_;
  std::deque<FileResult> results_;
  std::atomic<std::size_t> added_{0};  // written by the walker under mutex_; read without it
  std::size_t taken_ = 0;  // results handed to workers so far (for kept ones, the results_ index)
  std::atomic<std::size_t> kept_{0};  // results retired and kept, for the periodic trim
  std::atomic<bool> closed_{false};     // written under mutex_; read without it by progress lines
};

}  // namespace samplemind
