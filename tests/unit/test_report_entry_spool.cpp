// The entry spool: entries added in any order come back in scan order, and a document
// written from it is byte-identical to one written from kept results.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <csignal>
#include <sstream>

#include "report/entry_spool.hpp"
#include "report/report.hpp"
#include "support/report_outcomes.hpp"

using namespace samplemind;

namespace {
// Three files as a run finishes them: an answer, a broken file, a cache hit.
RunOutcome three_files() {
  RunOutcome outcome = testing::outcome_with_odd_names();
  FileResult hit = outcome.files.front();
  hit.path = "lib/zz.wav";
  hit.cache = CacheOutcome::hit;
  hit.saved_usd = 0.0125;
  hit.scan_index = 2;
  outcome.files.push_back(hit);
  outcome.summary.files_total = 3;
  return outcome;
}
}  // namespace

TEST_CASE("entry spool: entries added out of order are written in scan order, byte for byte") {
  RunOutcome kept = three_files();
  std::ostringstream from_results;
  write_analyze_json(from_results, kept, {{"dry_run", true}});

  auto spool = EntrySpool::open();
  REQUIRE(spool);
  CHECK(spool->empty());
  for (std::size_t i : {2U, 0U, 1U}) spool->add(kept.files[i].scan_index, analyze_json_entry(kept.files[i], true));
  CHECK_FALSE(spool->empty());
  RunOutcome streamed = kept;
  streamed.files.clear();  // a streamed run hands back no results
  std::ostringstream from_spool;
  write_analyze_json(from_spool, streamed, {{"dry_run", true}}, spool.get());
  CHECK(spool->error().empty());
  CHECK(from_spool.str() == from_results.str());
  CHECK(from_spool.str().find("lib/zz.wav") > from_spool.str().find("not a readable audio file"));
}

TEST_CASE("entry spool: the table written from spooled rows is the table of kept results") {
  RunOutcome kept = three_files();
  kept.dry_run = true;
  FileResult would_call = kept.files.front();  // a dry run's "would call": left out of both
  would_call.path = "lib/would_call.wav";
  would_call.status = FileStatus::skipped;
  would_call.error = "dry run: would call the provider";
  would_call.scan_index = 3;
  kept.files.push_back(would_call);
  std::ostringstream from_results;
  write_analyze_table(from_results, kept, true);

  auto rows = EntrySpool::open();
  REQUIRE(rows);
  for (std::size_t i : {3U, 2U, 0U, 1U}) {
    const FileResult& file = kept.files[i];
    rows->add(file.scan_index, is_dry_run_row(kept.dry_run, file) ? std::string() : analyze_table_row(file));
  }
  RunOutcome streamed = kept;
  streamed.files.clear();
  std::ostringstream from_spool;
  write_analyze_table_spooled(from_spool, streamed, *rows);
  CHECK(from_spool.str() == from_results.str());
  CHECK(from_spool.str().find("would_call") == std::string::npos);
  CHECK(from_spool.str().find("lib/zz.wav") > from_spool.str().find("not a readable audio file"));
  CHECK(from_spool.str().find("STATUS") == 0);
}

TEST_CASE("entry spool: an empty spool writes the empty document") {
  RunOutcome outcome;
  std::ostringstream expected;
  write_analyze_json(expected, outcome);
  auto spool = EntrySpool::open();
  REQUIRE(spool);
  std::ostringstream written;
  write_analyze_json(written, outcome, nlohmann::json::object(), spool.get());
  CHECK(written.str() == expected.str());
}

TEST_CASE("entry spool: no temporary file where TMPDIR cannot take one, so the caller keeps results") {
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("TMPDIR", "/nonexistent/samplemind-no-such-folder", 1);
  auto spool = EntrySpool::open();
  if (before != nullptr) ::setenv("TMPDIR", saved.c_str(), 1);
  else ::unsetenv("TMPDIR");
  CHECK_FALSE(spool);
}

TEST_CASE("entry spool: thousands of entries across write blocks, one larger than a block, any order") {
  auto spool = EntrySpool::open();
  REQUIRE(spool);
  constexpr std::size_t count = 5000;
  std::vector<std::string> entries(count);
  for (std::size_t i = 0; i < count; ++i) entries[i] = "{\"n\": " + std::to_string(i) + ", \"pad\": \"" + std::string(400 + i % 97, 'x') + "\"}";
  entries[1234] = "{\"big\": \"" + std::string(k_spool_block + 4096, 'y') + "\"}";
  // Finished out of order, as two workers finish them: odd positions first, then even.
  for (std::size_t i = 1; i < count; i += 2) spool->add(i, entries[i]);
  for (std::size_t i = 0; i < count; i += 2) spool->add(i, entries[i]);
  std::ostringstream out;
  REQUIRE(spool->write_entries(out));
  std::string expected;
  for (std::size_t i = 0; i < count; ++i) expected += (i == 0 ? "\n    " : ",\n    ") + entries[i];
  CHECK(out.str() == expected);
  CHECK(spool->error().empty());
}

TEST_CASE("entry spool: when the file cannot grow (ulimit -f), the rest stays in memory and nothing is lost") {
  auto spool = EntrySpool::open();
  REQUIRE(spool);
  rlimit before{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of the signal
  rlimit small = before;
  small.rlim_cur = 3 * k_spool_block + 1000;  // the file takes three blocks and a little
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  constexpr std::size_t count = 12000;
  std::vector<std::string> entries(count);
  for (std::size_t i = 0; i < count; ++i) entries[i] = "{\"n\": " + std::to_string(i) + ", \"pad\": \"" + std::string(500, 'z') + "\"}";
  for (std::size_t i = count; i-- > 0;) spool->add(i, entries[i]);
  std::ostringstream out;
  const bool written = spool->write_entries(out);
  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previous_handler);
  REQUIRE(written);
  CHECK(spool->error().empty());
  CHECK(spool->fallback_reason().find("temporary report file") != std::string::npos);
  std::string expected;
  for (std::size_t i = 0; i < count; ++i) expected += (i == 0 ? "\n    " : ",\n    ") + entries[i];
  CHECK(out.str() == expected);
}
