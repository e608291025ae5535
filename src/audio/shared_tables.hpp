#pragma once
// Tables a signal stage builds from constants (windows, filter banks), built once per
// process and shared by every file's stages: their set-up cost more than analysing a short
// sample. One instance per kind of table, a function-local static at its user. A key that
// comes from the input (a sample rate) must not grow memory file by file, so at most
// `capacity` tables are kept; beyond that a table is built for its caller alone.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace samplemind::audio {

template <class Key, class Table>
class SharedTables {
 public:
  explicit SharedTables(std::size_t capacity) : capacity_(capacity) {}

  // Why: the table for key, built by build() on first use (outside the lock: several
  // threads may build the same table once; the first stored is kept).
  template <class Build>
  std::shared_ptr<const Table> get(const Key& key, Build build) {
    {
      const std::lock_guard lock(mutex_);
      if (const auto found = tables_.find(key); found != tables_.end()) return found->second;
    }
    std::shared_ptr<const Table> built = std::make_shared<const Table>(build());
    const std::lock_guard lock(mutex_);
    if (const auto found = tables_.find(key); found != tables_.end()) return found->second;
    if (tables_.size() < capacity_) tables_.emplace(key, built);
    return built;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<Key, std::shared_ptr<const Table>> tables_;
};

}  // namespace samplemind::audio
