// A closable producer/consumer list: the walker appends, extraction workers take in order.
#include "pipeline/file_feed.hpp"

#include <malloc.h>

#include <optional>
#include <utility>

#include "util/path_text.hpp"

namespace samplemind {

namespace {
FileResult result_for(ScanItem item, std::size_t scan_index) {
  FileResult file;
  file.path = std::move(item.path).native();
  file.scan_index = scan_index;
  file.walk_stat = item.stat;
  file.walk_stat_taken = item.stat_taken;
  if (!item.problem.empty()) {
    file.status = FileStatus::error;
    file.error = std::move(item.problem);
  }
  return file;
}
}  // namespace

void FileFeed::add(ScanItem item) {
  std::vector<ScanItem> one;
  one.push_back(std::move(item));
  add_all(one);
}

void FileFeed::add_all(std::vector<ScanItem>& items) {
  if (items.empty()) return;
  const bool several = items.size() > 1;
  // A kept result's record is made here, by the walker, not by a worker among its decode
  // buffers: the records then sit side by side instead of one in each page a file's work
  // freed (docs/fleet.md: with the trim below, 399 -> 292 MB for 100,000 files cold).
  // Only the walker adds (and writes added_), so reading it here without the lock is safe:
  // it is the first item's scan position.
  std::vector<FileResult> kept;
  if (keep_results_) {
    kept.reserve(items.size());
    std::size_t index = added_.load(std::memory_order_relaxed);
    for (ScanItem& item : items) kept.push_back(result_for(std::move(item), index++));
  }
  {
    std::unique_lock lock(mutex_);
    // A full feed waits until workers have taken k_feed_refill files: woken at each run
    // taken, the walker added 64 files and slept again, a context switch per run.
    if (added_.load(std::memory_order_relaxed) - taken_ >= k_feed_capacity) {
      walker_waiting_ = true;
      room_.wait(lock, [&] { return added_.load(std::memory_order_relaxed) - taken_ + k_feed_refill <= k_feed_capacity; });
      walker_waiting_ = false;
    }
    if (keep_results_) {
      for (FileResult& result : kept) results_.push_back(std::move(result));
    } else {
      for (ScanItem& item : items) pending_.push_back(std::move(item));
    }
    added_.fetch_add(items.size(), std::memory_order_relaxed);
  }
  items.clear();
  if (several) more_.notify_all();
  else more_.notify_one();
}

void FileFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  more_.notify_all();
}

FileResult* FileFeed::take() {
  const std::vector<FileResult*> one = take_run(1);
  return one.empty() ? nullptr : one.front();
}

std::string_view FileFeed::folder_of_waiting(std::size_t i) const {
  return parent_folder(keep_results_ ? results_[taken_ + i].path : pending_[i].path.native());
}

std::size_t FileFeed::whole_folders(std::size_t count, std::size_t waiting) const {
  if (count == 0 || waiting <= count) return count;  // nothing follows yet: the run is all there is
  const std::string_view last = folder_of_waiting(count - 1);
  if (folder_of_waiting(count) != last) return count;  // the run already ends with its folder
  std::size_t start = count - 1;
  while (start > 0 && folder_of_waiting(start - 1) == last) --start;
  return start > 0 ? start : count;  // a folder larger than the run is split all the same
}

std::vector<FileResult*> FileFeed::take_run(std::size_t most) {
  std::vector<FileResult*> run;
  std::vector<std::pair<ScanItem, std::size_t>> items;
  bool wake_walker = false;
  {
    std::unique_lock lock(mutex_);
    const auto waiting = [&] { return keep_results_ ? results_.size() - taken_ : pending_.size(); };
    more_.wait(lock, [&] { return closed_ || waiting() > 0; });
    // A quarter of what waits, at most `most`: runs shrink as the queue drains.
    const std::size_t count = whole_folders(std::min(most, std::max<std::size_t>(1, waiting() / 4)), waiting());
    wake_walker = walker_waiting_ && count > 0 &&
                  added_.load(std::memory_order_relaxed) - (taken_ + count) + k_feed_refill <= k_feed_capacity;
    for (std::size_t i = 0; i < count && waiting() > 0; ++i) {
      if (keep_results_) {
        run.push_back(&results_[taken_++]);
      } else {
        items.emplace_back(std::move(pending_.front()), taken_++);
        pending_.pop_front();
      }
    }
  }
  if (wake_walker) room_.notify_one();
  // Streamed results are made outside the lock: the other workers take meanwhile.
  for (auto& [item, index] : items) run.push_back(new FileResult(result_for(std::move(item), index)));
  return run;
}

void FileFeed::retire(FileResult* file) {
  if (!keep_results_) {
    delete file;  // NOLINT(cppcoreguidelines-owning-memory): the owner is take()'s caller
    return;
  }
  // A kept result was built piece by piece among the file's short-lived work (decode and
  // analysis buffers), so its small allocations sit scattered in pages that work freed:
  // a cold JSON run of 6,000 files held 80 MB of RSS for 18 MB of live heap. Copied now,
  // after that work is gone, it packs into the holes (44 MB, as before the text writer).
  FileResult copy(*file);
  *file = std::move(copy);
  // The copies fill holes, but the pages the work freed between them stay resident: a cold
  // JSON run of 100,000 files peaked at 399 MB against 246 MB for a warm one. Handing free
  // pages back to the kernel every 2,048 results took it to 302 MB for no measurable CPU;
  // a streamed run keeps no results and never gets here.
  if (kept_.fetch_add(1, std::memory_order_relaxed) % k_trim_every_kept_results == k_trim_every_kept_results - 1) {
    malloc_trim(0);
  }
}

std::size_t FileFeed::size() const { return added_.load(std::memory_order_relaxed); }

bool FileFeed::walk_finished() const { return closed_.load(); }

std::deque<FileResult> FileFeed::release() {
  std::lock_guard lock(mutex_);
  return std::move(results_);
}

}  // namespace samplemind
