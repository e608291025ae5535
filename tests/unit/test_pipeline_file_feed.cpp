// The streaming file feed: workers take files while the walk still adds them.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/file_feed.hpp"

using namespace samplemind;

TEST_CASE("pipeline file feed hands out every walked file once, in order, while the walk goes on") {
  FileFeed feed;
  constexpr int k_files = 2000;
  std::vector<std::thread> workers;
  std::atomic<int> taken{0};
  std::mutex seen_mutex;
  std::set<std::string> seen;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&] {
      while (FileResult* file = feed.take()) {
        file->error = "touched";  // pointers stay valid while the deque grows
        ++taken;
        std::lock_guard lock(seen_mutex);
        seen.insert(file->path);
      }
    });
  }
  for (int i = 0; i < k_files; ++i) {
    feed.add(ScanItem{"f" + std::to_string(i) + ".wav", i % 100 == 0 ? "broken" : ""});
  }
  CHECK_FALSE(feed.walk_finished());
  feed.close();
  for (auto& worker : workers) worker.join();
  CHECK(taken == k_files);
  CHECK(seen.size() == k_files);
  CHECK(feed.walk_finished());
  const auto files = feed.release();
  REQUIRE(files.size() == k_files);
  CHECK(files[0].path == "f0.wav");
  CHECK(files[0].status == FileStatus::error);
  CHECK(files[0].error == "touched");
  CHECK(files[1].status == FileStatus::ok);
  CHECK(files[k_files - 1].path == "f1999.wav");
}

TEST_CASE("pipeline file feed returns nothing once closed and empty") {
  FileFeed feed;
  feed.close();
  CHECK(feed.take() == nullptr);
  CHECK(feed.size() == 0);
}

TEST_CASE("pipeline file feed keeps retired results whole across the periodic heap trim") {
  FileFeed feed(true);
  const std::size_t files = 2 * k_trim_every_kept_results + 5;  // two trims run
  for (std::size_t i = 0; i < files; ++i) feed.add(ScanItem{"kept-" + std::to_string(i) + ".wav", ""});
  feed.close();
  while (FileResult* file = feed.take()) {
    file->error = std::string(40, 'x') + file->path;  // a heap string the retire copy must carry
    file->result = nlohmann::json{{"summary", "answer for " + file->path}};
    feed.retire(file);
  }
  const auto kept = feed.release();
  REQUIRE(kept.size() == files);
  for (std::size_t i = 0; i < files; i += 997) {
    const std::string path = "kept-" + std::to_string(i) + ".wav";
    CHECK(kept[i].path == path);
    CHECK(kept[i].error == std::string(40, 'x') + path);
    REQUIRE(kept[i].result.has_value());
    CHECK((*kept[i].result)["summary"] == "answer for " + path);
  }
}

TEST_CASE("pipeline file feed frees streamed results at retire and releases none") {
  FileFeed feed(false);
  for (int i = 0; i < 3; ++i) feed.add(ScanItem{"s" + std::to_string(i) + ".wav", ""});
  feed.close();
  int taken = 0;
  while (FileResult* file = feed.take()) {
    CHECK(file->path == "s" + std::to_string(taken) + ".wav");
    ++taken;
    feed.retire(file);
  }
  CHECK(taken == 3);
  CHECK(feed.release().empty());
}
