// The SQLite cache's answer-memo epoch: made once and kept across opens, renewed by every
// clear that may remove AI entries, and read as hostile input like any entry.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "cache/cache_backend.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {

TEST_CASE("sqlite memo epoch: made on first use, the same for every later open") {
  testing::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "cache.db").string();
  std::string first;
  {
    auto backend = open_cache_backend(url);
    auto epoch = backend->answer_memo_epoch();
    REQUIRE(epoch);
    CHECK(epoch->size() == 32);
    CHECK(epoch->find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(backend->answer_memo_epoch() == epoch);
    first = *epoch;
  }
  auto reopened = open_cache_backend(url);
  CHECK(reopened->answer_memo_epoch() == std::optional<std::string>(first));
}

TEST_CASE("sqlite memo epoch: a clear that may remove AI entries renews it, a features clear does not") {
  testing::TempDir dir;
  auto backend = open_cache_backend("sqlite:" + (dir.path() / "cache.db").string());
  const auto before = backend->answer_memo_epoch();
  REQUIRE(before);

  REQUIRE(backend->clear(ClearFilter{EntryKind::features, {}, {}, {}, {}}));
  CHECK(backend->answer_memo_epoch() == before);

  REQUIRE(backend->clear(ClearFilter{EntryKind::ai, {}, {}, {}, {}}));
  const auto after_ai = backend->answer_memo_epoch();
  REQUIRE(after_ai);
  CHECK(after_ai != before);

  REQUIRE(backend->clear(ClearFilter{}));  // everything
  const auto after_all = backend->answer_memo_epoch();
  REQUIRE(after_all);
  CHECK(after_all != after_ai);

  ClearFilter older;
  older.cached_before = 1;  // --older-than: AI entries may be among those removed
  REQUIRE(backend->clear(older));
  CHECK(backend->answer_memo_epoch() != after_all);
}

TEST_CASE("sqlite memo epoch: a row another program wrote is used only when it is sane hex") {
  testing::TempDir dir;
  const auto path = dir.path() / "cache.db";
  REQUIRE(open_cache_backend("sqlite:" + path.string())->answer_memo_epoch());
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "UPDATE settings SET value = 'e' || char(27) || '[2J' WHERE name = 'answer_memo_epoch'",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  CHECK_FALSE(open_cache_backend("sqlite:" + path.string())->answer_memo_epoch());
}

TEST_CASE("memo epoch: backends that keep none give none") {
  CHECK_FALSE(open_cache_backend("memory")->answer_memo_epoch());
}

}  // namespace samplemind
