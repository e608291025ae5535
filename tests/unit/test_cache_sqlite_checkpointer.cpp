// WAL checkpoints run on the checkpointer's own thread once the writer's commits grow the
// WAL past k_sqlite_checkpoint_pages, and it is asked again only after as much growth.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_checkpointer.hpp"
#include "support/slow_sync_vfs.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;

namespace {
SqliteHandle open_wal(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  SqliteHandle db(raw);
  REQUIRE(sqlite3_exec(raw, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v BLOB);",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  return db;
}

// One commit per row: each writes at least one 4 kB page to the WAL.
void insert_rows(sqlite3* db, int first, int count) {
  sqlite3_stmt* raw = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO t (k, v) VALUES (?, zeroblob(3000))", -1, &raw, nullptr) == SQLITE_OK);
  const SqliteStatement statement(raw);
  for (int i = first; i < first + count; ++i) {
    sqlite3_reset(raw);
    sqlite3_bind_int(raw, 1, i);
    REQUIRE(sqlite3_step(raw) == SQLITE_DONE);
  }
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}
}  // namespace

TEST_CASE("sqlite checkpointer: a grown WAL is checkpointed by the checkpointer's thread") {
  testing::TempDir dir;
  const auto path = dir.path() / "wal.db";
  SqliteHandle writer = open_wal(path);
  SqliteCheckpointer checkpointer(path);
  checkpointer.attach(writer.get());
  const auto db_size_before = std::filesystem::file_size(path);
  insert_rows(writer.get(), 0, 200);  // well under 1,000 pages
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(checkpointer.checkpoints() == 0);
  insert_rows(writer.get(), 200, 1200);
  CHECK(eventually([&] { return checkpointer.checkpoints() >= 1; }));
  // The checkpoint copied the WAL's pages into the database file.
  CHECK(eventually([&] { return std::filesystem::file_size(path) > db_size_before + 1000 * 3000; }));
  checkpointer.detach();
}

TEST_CASE("sqlite checkpointer: a steady stream of commits still lets the WAL start over") {
  testing::TempDir dir;
  const auto path = dir.path() / "wal.db";
  SqliteHandle writer = open_wal(path);
  SqliteCheckpointer checkpointer(path);
  checkpointer.attach(writer.get());
  insert_rows(writer.get(), 0, 6000);  // ~12,000 WAL frames if the WAL never restarted
  // The WAL file keeps the size of its longest run: about the limit, not every frame written.
  const auto frame_bytes = 4096 + 24;
  CHECK(std::filesystem::file_size(dir.path() / "wal.db-wal") <= std::uintmax_t(k_sqlite_wal_limit_pages + 200) * frame_bytes);
  checkpointer.detach();
}

TEST_CASE("sqlite checkpointer: slow syncs (a loaded machine) still let the WAL start over") {
  // Each checkpoint holds SQLite's checkpoint lock through its syncs, and SQLite turns a
  // second checkpoint away at once, without a busy wait. The writer's own catch-up used
  // to bounce off the background one every time: on a loaded CI machine the WAL grew to
  // 140 MB, and with 50 ms syncs it never started over at all.
  const testing::SlowSyncVfs slow(std::chrono::milliseconds(50));
  testing::TempDir dir;
  const auto path = dir.path() / "wal.db";
  SqliteHandle writer = open_wal(path);
  // As the backend writes: commits do not sync, checkpoints do.
  REQUIRE(sqlite3_exec(writer.get(), "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr) == SQLITE_OK);
  SqliteCheckpointer checkpointer(path);
  checkpointer.attach(writer.get());
  insert_rows(writer.get(), 0, 6000);
  CHECK(slow.syncs() > 0);
  const auto frame_bytes = 4096 + 24;
  CHECK(std::filesystem::file_size(dir.path() / "wal.db-wal") <= std::uintmax_t(k_sqlite_wal_limit_pages + 1000) * frame_bytes);
  checkpointer.detach();
}

TEST_CASE("sqlite checkpointer: a reader pinning the WAL does not make it checkpoint on every commit") {
  testing::TempDir dir;
  const auto path = dir.path() / "wal.db";
  SqliteHandle writer = open_wal(path);
  insert_rows(writer.get(), 0, 1);
  SqliteHandle reader = open_wal(path);
  // An open read transaction: the WAL cannot restart, so its page count only grows.
  REQUIRE(sqlite3_exec(reader.get(), "BEGIN; SELECT count(*) FROM t;", nullptr, nullptr, nullptr) == SQLITE_OK);
  SqliteCheckpointer checkpointer(path);
  checkpointer.attach(writer.get());
  insert_rows(writer.get(), 1, 3500);  // ~3,500 commits past 1,000 pages
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int runs = checkpointer.checkpoints();
  const auto frames = std::filesystem::file_size(dir.path() / "wal.db-wal") / (4096 + 24);
  CHECK(runs >= 1);
  CHECK(runs <= int(frames / k_sqlite_checkpoint_pages) + 1);  // one per 1,000 pages of growth, not one per commit
  sqlite3_exec(reader.get(), "COMMIT", nullptr, nullptr, nullptr);
  checkpointer.detach();
}

TEST_CASE("sqlite checkpointer: the writer's own checkpoint waits longer each time the WAL stayed busy") {
  CHECK(catch_up_wait_ms(0) == k_sqlite_catch_up_wait_ms);
  CHECK(catch_up_wait_ms(1) == 2 * k_sqlite_catch_up_wait_ms);
  CHECK(catch_up_wait_ms(3) == 8 * k_sqlite_catch_up_wait_ms);
  CHECK(catch_up_wait_ms(6) == k_sqlite_busy_timeout_ms);  // 6,400 ms capped at the busy timeout
  CHECK(catch_up_wait_ms(1000) == k_sqlite_busy_timeout_ms);
}
