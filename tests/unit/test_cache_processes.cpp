// Several processes writing one SQLite file or one file cache at the same time.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "support/cache_backend_suite.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

constexpr int k_writer_processes = 4;
constexpr int k_entries_per_process = 150;

// Forks writers that each open the cache themselves; true when every child succeeded.
bool run_writer_processes(const std::string& url) {
  std::vector<pid_t> children;
  for (int p = 0; p < k_writer_processes; ++p) {
    pid_t pid = ::fork();
    if (pid == 0) {
      int failures = 0;
      auto backend = open_cache_backend(url);
      for (int i = 0; i < k_entries_per_process; ++i) {
        // Half the keys are shared by every process: concurrent replaces of one entry.
        std::string key = i % 2 == 0 ? "shared" + std::to_string(i) : "p" + std::to_string(p) + "_" + std::to_string(i);
        failures += !backend->put(testing::sample_record(key)).ok;
        failures += backend->get(EntryKind::ai, key).status != LookupStatus::hit;
      }
      failures += !backend->add_usage({{"p", "m", "a", 1, 2, 0.5}}).ok;
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  bool all_ok = true;
  for (pid_t child : children) {
    int status = 0;
    ::waitpid(child, &status, 0);
    all_ok = all_ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return all_ok;
}

void check_after_writers(const std::string& url) {
  REQUIRE(run_writer_processes(url));
  auto backend = open_cache_backend(url);
  auto stats = backend->stats();
  REQUIRE(stats.ok());
  const int shared = k_entries_per_process / 2;
  CHECK(stats->entries == shared + k_writer_processes * (k_entries_per_process - shared));
  REQUIRE(stats->usage.size() == 1);
  CHECK(stats->usage[0].hits == k_writer_processes);
  CHECK(stats->usage[0].misses == 2 * k_writer_processes);
}

}  // namespace

TEST_CASE("sqlite cache: concurrent writer processes on one file lose nothing") {
  testing::TempDir dir;
  check_after_writers("sqlite:" + (dir.path() / "cache.db").string());
}

TEST_CASE("file cache: concurrent writer processes on one folder lose nothing") {
  testing::TempDir dir;
  check_after_writers("file:" + (dir.path() / "cache").string());
}

}  // namespace samplemind
