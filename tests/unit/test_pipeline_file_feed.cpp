// The streaming file feed: workers take files while the walk still adds them.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
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

TEST_CASE("pipeline file feed hands out runs of neighbours, each file once, shrinking as the queue drains") {
  for (const bool keep : {true, false}) {
    FileFeed feed(keep);
    std::vector<ScanItem> batch;
    for (int i = 0; i < 100; ++i) batch.push_back(ScanItem{"r" + std::to_string(i) + ".wav", ""});
    feed.add_all(batch);
    CHECK(batch.empty());
    CHECK(feed.size() == 100);
    feed.close();
    std::vector<std::size_t> order;
    std::vector<std::size_t> sizes;
    while (true) {
      const std::vector<FileResult*> run = feed.take_run(16);
      if (run.empty()) break;
      sizes.push_back(run.size());
      for (std::size_t i = 0; i < run.size(); ++i) {
        if (i > 0) CHECK(run[i]->scan_index == run[i - 1]->scan_index + 1);  // neighbours in scan order
        CHECK(run[i]->path == "r" + std::to_string(run[i]->scan_index) + ".wav");
        order.push_back(run[i]->scan_index);
      }
      for (FileResult* file : run) feed.retire(file);  // a streamed result is freed here
    }
    REQUIRE(order.size() == 100);
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
    CHECK(sizes.front() == 16);  // 100 waiting: a quarter is more than the most asked for
    CHECK(sizes.back() == 1);    // the last few go one by one
    for (std::size_t s : sizes) CHECK(s <= 16);
    CHECK(feed.take_run(16).empty());
  }
}

TEST_CASE("pipeline file feed ends a run at a folder's end when files follow, and splits only folders larger than a run") {
  for (const bool keep : {true, false}) {
    FileFeed feed(keep);
    std::vector<ScanItem> batch;
    // Folders of 10, 30, 9, 100 and 20 files, walked in that order.
    const std::vector<std::pair<std::string, int>> folders = {{"lib/a", 10}, {"lib/b", 30}, {"lib/c", 9},
                                                              {"lib/d", 100}, {"lib/e", 20}};
    for (const auto& [folder, files] : folders) {
      for (int i = 0; i < files; ++i) batch.push_back(ScanItem{folder + "/s" + std::to_string(i) + ".wav", ""});
    }
    feed.add_all(batch);
    feed.close();
    std::vector<std::vector<std::string>> runs;
    while (true) {
      const std::vector<FileResult*> run = feed.take_run(32);
      if (run.empty()) break;
      std::vector<std::string> paths;
      for (FileResult* file : run) paths.push_back(file->path);
      runs.push_back(paths);
      for (FileResult* file : run) feed.retire(file);
    }
    const auto folder_of = [](const std::string& path) { return path.substr(0, path.rfind('/')); };
    std::size_t total = 0;
    for (const auto& run : runs) total += run.size();
    CHECK(total == 169);
    // 169 waiting: 32 asked, "lib/b" would be cut after 22 files, so the run ends with "lib/a".
    REQUIRE(runs.size() > 2);
    CHECK(runs[0].size() == 10);
    CHECK(folder_of(runs[0].back()) == "lib/a");
    CHECK(runs[1].size() == 30);  // all of "lib/b", then nothing of "lib/c"
    // "lib/d" (100 files) is larger than a run: split all the same, its runs full.
    std::size_t runs_in_d = 0;
    for (const auto& run : runs) {
      if (folder_of(run.front()) == "lib/d" && folder_of(run.back()) == "lib/d") ++runs_in_d;
    }
    CHECK(runs_in_d >= 3);
  }
}

TEST_CASE("pipeline file feed makes the walker wait while k_feed_capacity files wait for a worker") {
  FileFeed feed(false);
  std::thread walker([&] {
    for (std::size_t i = 0; i < k_feed_capacity + 10; ++i) feed.add(ScanItem{"w" + std::to_string(i) + ".wav", ""});
    feed.close();
  });
  while (feed.size() < k_feed_capacity) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK(feed.size() == k_feed_capacity);  // no more until a worker takes some
  CHECK_FALSE(feed.walk_finished());
  std::size_t taken = 0;
  while (FileResult* file = feed.take()) {
    feed.retire(file);
    ++taken;
  }
  walker.join();
  CHECK(taken == k_feed_capacity + 10);
  CHECK(feed.size() == k_feed_capacity + 10);
}
