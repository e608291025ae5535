// One background thread per write connection; it sleeps until a commit reports a WAL of
// k_sqlite_checkpoint_pages or more, then runs a PASSIVE checkpoint and sleeps again.
#include "cache/sqlite_checkpointer.hpp"

#include <algorithm>
#include <chrono>

namespace samplemind {

int catch_up_wait_ms(int busy_in_a_row) {
  int wait = k_sqlite_catch_up_wait_ms;
  for (int i = 0; i < busy_in_a_row && wait < k_sqlite_busy_timeout_ms; ++i) wait *= 2;
  return std::min(wait, k_sqlite_busy_timeout_ms);
}

SqliteCheckpointer::SqliteCheckpointer(std::filesystem::path path) : path_(std::move(path)) {}

SqliteCheckpointer::~SqliteCheckpointer() { detach(); }

void SqliteCheckpointer::attach(sqlite3* writer, std::function<void()> after_commit) {
  if (writer == nullptr || writer_ != nullptr) return;
  writer_ = writer;
  after_commit_ = std::move(after_commit);
  thread_ = std::thread([this] { run(); });
  sqlite3_wal_hook(writer_, &SqliteCheckpointer::on_commit, this);  // also turns auto-checkpoints off
}

void SqliteCheckpointer::detach() {
  if (writer_ == nullptr) return;
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  writer_ = nullptr;
}

int SqliteCheckpointer::checkpoints() const {
  const std::lock_guard lock(mutex_);
  return checkpoints_;
}

// Runs inside the writer's commit: usually only flags the work. Asks again only once the
// WAL has grown by another k_sqlite_checkpoint_pages (a reader's snapshot can keep the WAL
// from restarting, and asking on every commit kept the thread spinning). A background
// checkpoint never catches up with a steady stream of commits, and only a checkpoint that
// has caught up lets the WAL start over; so every k_sqlite_wal_limit_pages of growth the
// writer checkpoints itself and waits for the WAL to be free, finding most pages copied.
int SqliteCheckpointer::on_commit(void* self, sqlite3* db, const char* name, int pages) {
  auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
  if (checkpointer->after_commit_) checkpointer->after_commit_();
  bool wake = false, catch_up = false;
  {
    const std::lock_guard lock(checkpointer->mutex_);
    if (pages < checkpointer->requested_at_pages_) checkpointer->requested_at_pages_ = 0;  // the WAL restarted
    if (pages < checkpointer->caught_up_at_pages_) checkpointer->caught_up_at_pages_ = 0;
    if (pages - checkpointer->caught_up_at_pages_ >= k_sqlite_wal_limit_pages) {
      checkpointer->caught_up_at_pages_ = pages;
      catch_up = true;
    } else if (pages - checkpointer->requested_at_pages_ >= k_sqlite_checkpoint_pages && !checkpointer->pending_) {
      checkpointer->requested_at_pages_ = pages;
      checkpointer->pending_ = wake = true;
    }
  }
  // RESTART: waits for a background checkpoint or a reader's snapshot to finish, so the
  // next write starts the WAL over (a PASSIVE one here often lost to the background
  // thread). Briefly at first: a worker holding a snapshot may itself be queued behind this
  // writer, and the full busy timeout stalled every worker for 5 s. When it could not
  // finish, it is tried again after a quarter of the usual growth, waiting twice as long:
  // on a loaded machine the background checkpoint, starved of CPU, held the WAL past
  // every 100 ms wait and the WAL grew without bound (200 MB over 6,000 commits).
  if (catch_up) {
    std::unique_lock turn_lock(checkpointer->mutex_);
    const auto wait = std::chrono::milliseconds(catch_up_wait_ms(checkpointer->busy_catch_ups_));
    const bool turn = checkpointer->take_turn(turn_lock, wait);  // a background checkpoint finishes first
    turn_lock.unlock();
    int rc = SQLITE_BUSY;
    if (turn) {
      sqlite3_busy_timeout(db, int(wait.count()));
      rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
      sqlite3_busy_timeout(db, k_sqlite_busy_timeout_ms);
      checkpointer->end_turn();
    }
    const std::lock_guard lock(checkpointer->mutex_);
    if (rc == SQLITE_BUSY) {
      checkpointer->caught_up_at_pages_ = pages - k_sqlite_wal_limit_pages + k_sqlite_checkpoint_pages / 4;
      ++checkpointer->busy_catch_ups_;
    } else {
      checkpointer->busy_catch_ups_ = 0;
    }
  }
  if (wake) checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void SqliteCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_) break;
    pending_ = false;
    // The writer's own catch-up holds the turn briefly; if it held it this long, that
    // catch-up did the work.
    if (!take_turn(lock, std::chrono::milliseconds(k_sqlite_busy_timeout_ms))) continue;
    lock.unlock();
    checkpoint_once();
    end_turn();
    lock.lock();
    ++checkpoints_;
  }
  lock.unlock();
  own_.reset();  // closed by the thread that used it
}

bool SqliteCheckpointer::take_turn(std::unique_lock<std::mutex>& lock, std::chrono::milliseconds wait) {
  if (!turn_free_.wait_for(lock, wait, [this] { return !checkpointing_; })) return false;
  checkpointing_ = true;
  return true;
}

void SqliteCheckpointer::end_turn() {
  {
    const std::lock_guard lock(mutex_);
    checkpointing_ = false;
  }
  turn_free_.notify_all();
}

void SqliteCheckpointer::checkpoint_once() {
  if (!own_) {
    // No CREATE: the writer made the file; never make an empty one elsewhere.
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    own_.reset(raw);  // owned even when the open failed
    if (rc != SQLITE_OK) {
      own_.reset();
      return;  // the writer's close still checkpoints; nothing is lost, the WAL only grows
    }
    sqlite3_busy_timeout(own_.get(), k_sqlite_busy_timeout_ms);
    // A connection learns the file is in WAL mode only when it first reads it; until then
    // a checkpoint does nothing (and reports -1 frames).
    sqlite3_exec(own_.get(), "PRAGMA schema_version", nullptr, nullptr, nullptr);
  }
  sqlite3_wal_checkpoint_v2(own_.get(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

}  // namespace samplemind
