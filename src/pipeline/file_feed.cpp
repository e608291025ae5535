// A closable producer/consumer list: the walker appends, extraction workers take in order.
#include "pipeline/file_feed.hpp"

namespace samplemind {

void FileFeed::add(ScanItem item) {
  FileResult file;
  file.path = item.path.native();
  if (!item.problem.empty()) {
    file.status = FileStatus::error;
    file.error = std::move(item.problem);
  }
  {
    std::lock_guard lock(mutex_);
    files_.push_back(std::move(file));
  }
  more_.notify_one();
}

void FileFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  more_.notify_all();
}

FileResult* FileFeed::take() {
  std::unique_lock lock(mutex_);
  more_.wait(lock, [&] { return closed_ || next_ < files_.size(); });
  if (next_ >= files_.size()) return nullptr;
  return &files_[next_++];
}

std::size_t FileFeed::size() const {
  std::lock_guard lock(mutex_);
  return files_.size();
}

bool FileFeed::walk_finished() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::deque<FileResult> FileFeed::release() {
  std::lock_guard lock(mutex_);
  return std::move(files_);
}

}  // namespace samplemind
