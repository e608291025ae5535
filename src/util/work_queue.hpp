#pragma once
// A closable blocking queue: extraction hands files to the AI stage, the index scan hands
// batches of records to its parsers.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace samplemind {

template <class T>
class WorkQueue {
 public:
  // Adds an item and wakes one waiting consumer.
  void push(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  // No more items will come: consumers drain what is left, then get nothing.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

  // The next item, or nothing once the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace samplemind
