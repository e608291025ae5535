#pragma once
// Moves WAL checkpoints off the threads that write. SQLite checkpoints automatically inside
// the commit that pushes the WAL past 1,000 pages, so the worker that stored a result waited
// for the checkpoint's fsyncs: on a cold run of small files a third of the wall time, one
// core idle. Here the write connection's WAL hook only wakes a thread of our own, which
// checkpoints (PASSIVE: never blocking readers or the writer) on a connection of its own.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <filesystem>
#include <mutex>
#include <thread>

#include <sqlite3.h>

#include "cache/sqlite_backend.hpp"

namespace samplemind {

// WAL pages after which a background checkpoint is asked for (SQLite's own default).
constexpr int k_sqlite_checkpoint_pages = 1000;
// WAL pages after which the writer checkpoints itself so that the WAL can start over.
constexpr int k_sqlite_wal_limit_pages = 4 * k_sqlite_checkpoint_pages;
// How long that checkpoint waits for readers and for a background checkpoint; the wait
// doubles each time in a row it finds the WAL still busy, up to the busy timeout.
constexpr int k_sqlite_catch_up_wait_ms = 100;

// Why: the writer's own checkpoint waits longer each time in a row it found the WAL busy
// (100, 200, 400 ms ... up to the busy timeout), so a starved background checkpoint cannot
// let the WAL grow without bound.
int catch_up_wait_ms(int busy_in_a_row);

class SqliteCheckpointer {
 public:
  // Checkpoints path's WAL when the writer's commits have grown it; nothing until attach().
  explicit SqliteCheckpointer(std::filesystem::path path);
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Why: replaces writer's automatic checkpoints with ours; call detach() before closing it.
  // after_commit runs on the writing thread after each commit (the readers use it to drop
  // snapshots older than the process's own writes).
  void attach(sqlite3* writer, std::function<void()> after_commit = {});
  // Why: the writer is about to close; its own close still checkpoints what is left.
  void detach();
  // Checkpoints run so far (tests read it).
  int checkpoints() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();
  void checkpoint_once();
  // Waits until no checkpoint of this process runs, at most `wait`, and takes the turn.
  bool take_turn(std::unique_lock<std::mutex>& lock, std::chrono::milliseconds wait);
  void end_turn();

  std::filesystem::path path_;
  sqlite3* writer_ = nullptr;
  std::function<void()> after_commit_;
  SqliteHandle own_;  // the checkpoint connection, opened on first use by run()
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  // True while either side checkpoints (under mutex_; turn_free_ tells when it clears).
  // SQLite answers a checkpoint that finds another one running with SQLITE_BUSY at once,
  // without its busy handler; so the writer's catch-up waits its turn here instead of
  // failing against the background checkpoint. (A flag and a condition variable, not a
  // timed mutex: ThreadSanitizer does not see a timed mutex's timed lock.)
  bool checkpointing_ = false;
  std::condition_variable turn_free_;
  bool pending_ = false;
  int requested_at_pages_ = 0;  // WAL size at the last request
  int caught_up_at_pages_ = 0;  // WAL size at the writer's last own checkpoint
  int busy_catch_ups_ = 0;      // the writer's own checkpoints in a row that found the WAL busy
  bool stopping_ = false;
  int checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace samplemind
