#pragma once
// A SQLite VFS that forwards everything to the default VFS but sleeps in every fsync. A
// loaded CI machine makes checkpoints slow exactly there (each one syncs the WAL and the
// database file while it holds SQLite's checkpoint lock); tests use it to reproduce that.
#include <chrono>

#include <sqlite3.h>

namespace samplemind::testing {

class SlowSyncVfs {
 public:
  // Why: every SQLite connection opened while this lives waits `delay` in each sync.
  explicit SlowSyncVfs(std::chrono::milliseconds delay);
  ~SlowSyncVfs();
  SlowSyncVfs(const SlowSyncVfs&) = delete;
  SlowSyncVfs& operator=(const SlowSyncVfs&) = delete;

  // Syncs seen so far, by every connection (tests check that the delay was applied).
  int syncs() const;

 private:
  sqlite3_vfs vfs_{};
  sqlite3_vfs* previous_default_ = nullptr;
};

}  // namespace samplemind::testing
