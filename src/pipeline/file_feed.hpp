#pragma once
// The batch's results in scan order, filled by the walk while workers already take files:
// a large library starts analysing at once, and each path is held once, in its result.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "pipeline/file_result.hpp"
#include "pipeline/scan.hpp"

namespace samplemind {

class FileFeed {
 public:
  // Adds a walked item (walker thread); a scan problem becomes an error result at once.
  void add(ScanItem item);
  // The walk is over: workers drain what is left, then get nothing.
  void close();
  // The next file for a worker, or nullptr once the walk is over and every file was taken.
  // The pointer stays valid: a deque never moves its elements when it grows.
  FileResult* take();
  // Files found so far, and whether the walk has finished (for progress lines).
  std::size_t size() const;
  bool walk_finished() const;
  // Hands the results over when every worker has stopped.
  std::deque<FileResult> release();

 private:
  mutable std::mutex mutex_;
  std::condition_variable more_;
  std::deque<FileResult> files_;
  std::size_t next_ = 0;
  bool closed_ = false;
};

}  // namespace samplemind
