#pragma once
// Read connections beside the SQLite backend's one write connection. In WAL mode readers
// never block each other or the writer, so a warm run's worker threads look entries up
// side by side instead of queueing on one connection's lock (a quarter of a warm run's
// time went to that queue).
//
// Each reader also keeps one read transaction (a snapshot) for up to 50 ms of lookups,
// while the WAL is small (at most k_sqlite_wal_snapshot_limit_bytes),
// instead of opening and closing one per statement: on a warm run that opening and closing
// (WAL snapshot, locks) was a third of the time. Only hits are taken from a reused
// snapshot: a miss there is asked again in a fresh one, so an entry another thread or
// process wrote a moment ago is never reported missing (and never paid for twice).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache_backend.hpp"
#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {

// Above this WAL size (a writer is busy) readers keep no snapshot (see wal_is_small). It
// is below the 16 MB the writer cuts the WAL back to when it starts over
// (journal_size_limit), so a WAL that a writer has restarted still reads as busy; a warm
// run's own writes (last-access times, counters) stay far below it.
constexpr std::int64_t k_sqlite_wal_snapshot_limit_bytes = 4LL * 1024 * 1024;

// A row as a reader found it: the lookup, and the stored last-access time on a hit.
struct SqliteRead {
  CacheLookup lookup;
  std::int64_t last_access_ms = 0;
};

// What a range read found: the rows in key order, or the error that stopped it.
struct SqliteRange {
  std::vector<sqlite_rows::LookupRow> rows;
  std::size_t scanned = 0;  // rows in the range read, wanted or not
  std::string error;  // set when the read failed
  bool fresh = false;  // read in a new transaction: a key it did not find is not there
};

class SqliteReaders {
 public:
  // count connections to path, opened on first use; the writer made the file and schema.
  // A snapshot serves hits for at most snapshot_lifetime (tests stretch it).
  SqliteReaders(std::filesystem::path path, std::size_t count,
                std::chrono::milliseconds snapshot_lifetime = std::chrono::milliseconds(50));

  // Why: one lookup on a free connection; nothing when no reader could be opened (the
  // caller then uses its write connection, as before readers existed).
  std::optional<SqliteRead> get(EntryKind kind, const std::string& key);

  // Why: the process's own writer committed; a snapshot begun before that must not serve
  // another hit (an erased or replaced entry would come back). Any thread.
  // While it keeps committing, lookups keep no snapshot at all: a snapshot renewed after
  // every commit would always be open when the writer tries to restart the WAL.
  void note_commit() {
    last_commit_ns_.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    commits_.fetch_add(1, std::memory_order_acq_rel);
  }

  // Why: a folder's stat records are neighbours in the table (their keys start with the
  // folder's hash), so one range read replaces a lookup per file. The entries of kind with
  // keys in [low, high), at most limit, in the connection's snapshot as get() reads it;
  // only the rows whose key `wanted` accepts are read whole. Nothing when no reader could
  // be opened.
  std::optional<SqliteRange> read_range(EntryKind kind, const std::string& low, const std::string& high,
                                        std::size_t limit, const std::function<bool(std::string_view)>& wanted);

  // Why: a scan of one kind on a read connection runs beside lookups, writes and another
  // scan (find reads stat records and AI entries at once); nothing when no reader opened.
  std::optional<Status> for_each_of(EntryKind kind, const EntryVisitor& visitor);

  // Why: tests check that a connection's page cache grows once it serves hits. SQLite's
  // cache_size of each opened connection (negative: KiB), in connection order.
  std::vector<int> page_cache_sizes();

 private:
  struct Reader {
    std::mutex mutex;
    SqliteHandle db;
    SqliteStatement statement;
    SqliteStatement scan;  // prepared on first scan
    SqliteStatement range;  // prepared on first range read
    SqliteStatement begin;
    SqliteStatement commit;
    bool failed = false;  // could not open: never tried again
    bool in_snapshot = false;
    std::chrono::steady_clock::time_point snapshot_started;
    std::uint64_t snapshot_commits = 0;  // commits_ when the snapshot began
    bool wal_small = false;
    std::chrono::steady_clock::time_point wal_checked_until;
    std::uint32_t hits = 0;    // until the page cache is grown
    bool cache_grown = false;  // k_reader_warm_cache_pragma applied
  };
  void note_hit(Reader& reader);
  Reader& pick(EntryKind kind);
  bool ready(Reader& reader);
  // Ends a snapshot past its lifetime or older than the writer's last commit, begins one
  // when none is held and the WAL is quiet; true when a snapshot already held is reused.
  bool enter_snapshot(Reader& reader);
  void begin_snapshot(Reader& reader);
  static void end_snapshot(Reader& reader);
  SqliteRead lookup(Reader& reader, EntryKind kind, const std::string& key);
  bool wal_is_small(Reader& reader);
  bool committed_recently() const;

  std::filesystem::path path_;
  std::string wal_path_;
  std::chrono::milliseconds snapshot_lifetime_;
  std::vector<std::unique_ptr<Reader>> readers_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::uint64_t> commits_{0};  // the writer's commits in this process
  std::atomic<std::int64_t> last_commit_ns_{0};  // steady clock of the latest one
};

}  // namespace samplemind
