// The feature cache hashes a file, then the decoder opens it on its own. A file replaced or
// rewritten in between was decoded as its new content and stored under its old content's
// hash: a copy of the old content, or the edit undone, was then answered with the features
// of a different sound. Now features are stored only when the path held still.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "cache/feature_cache.hpp"
#include "support/scratch_files.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

namespace fs = std::filesystem;
using testing::age;
using testing::write_file;

// Features that tell contents apart: the size the decoder saw.
Features features_of(const fs::path& path) {
  Features features;
  features.duration_s = static_cast<double>(fs::file_size(path));
  features.tempo_bpm = 120.0;
  return features;
}

// An extractor that counts its calls.
struct PlainExtractor {
  int calls = 0;
  FeatureExtractorFunction function() {
    return [this](const fs::path& path) -> Result<Features> {
      ++calls;
      return features_of(path);
    };
  }
};

// A file of `content` an hour old: past the racy window, so its stat record is stored.
fs::path aged_file(const fs::path& folder, const std::string& name, const std::string& content) {
  const fs::path path = folder / name;
  write_file(path, content);
  age(path, 3600);
  return path;
}

// Asks the cache for a copy of `content` elsewhere: decoded afresh (a miss) and right, or
// answered from an entry (a hit). Returns the size it was answered with.
double answer_for_copy(CacheBackend& backend, const fs::path& folder, const std::string& content, int& calls) {
  const fs::path copy = aged_file(folder, "copy.wav", content);
  PlainExtractor plain;
  FeatureCache cache(backend);
  auto features = cache.features_for(copy, plain.function());
  REQUIRE(features.ok());
  calls = plain.calls;
  return features->duration_s;
}

}  // namespace

TEST_CASE("feature cache: a file renamed over between its hash and its decode leaves no features under the old hash") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const std::string first = "first content";
  const fs::path file = aged_file(dir.path(), "loop.wav", first);
  FeatureCache cache(*backend);
  auto features = cache.features_for(file, [&](const fs::path& path) -> Result<Features> {
    // Another program saves a new version (temp file, rename) after the hash was taken.
    fs::rename(aged_file(dir.path(), "save.tmp", "second content, longer"), path);
    return features_of(path);
  });
  REQUIRE(features.ok());
  CHECK(features->duration_s == 22.0);  // this run reports what it decoded

  int calls = 0;
  CHECK(answer_for_copy(*backend, dir.path(), first, calls) == 13.0);
  CHECK(calls == 1);  // decoded: no entry claimed the first content

  PlainExtractor plain;
  FeatureCache later(*backend);
  auto now = later.features_for(file, plain.function());
  REQUIRE(now.ok());
  CHECK(now->duration_s == 22.0);
  CHECK(plain.calls == 1);
}

TEST_CASE("feature cache: a file rewritten in place during its decode leaves no features under the old hash") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const std::string first = "AAAAAAAA";
  const fs::path file = aged_file(dir.path(), "hit.wav", first);
  const auto mtime = fs::last_write_time(file);
  FeatureCache cache(*backend);
  auto features = cache.features_for(file, [&](const fs::path& path) -> Result<Features> {
    Features read = features_of(path);
    read.duration_s = 99.0;  // stands for the new sound the decoder read
    // Same inode, size and mtime: only the ctime moves (past one coarse tick).
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    { std::fstream(path, std::ios::in | std::ios::out | std::ios::binary) << "BBBBBBBB"; }
    fs::last_write_time(path, mtime);
    return read;
  });
  REQUIRE(features.ok());
  int calls = 0;
  CHECK(answer_for_copy(*backend, dir.path(), first, calls) == 8.0);
  CHECK(calls == 1);
}

TEST_CASE("feature cache: a file that held still is stored as before, and a copy of it is a hit") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const fs::path file = aged_file(dir.path(), "pad.wav", "steady content");
  PlainExtractor plain;
  FeatureCache cache(*backend);
  REQUIRE(cache.features_for(file, plain.function()).ok());
  int calls = 0;
  CHECK(answer_for_copy(*backend, dir.path(), "steady content", calls) == 14.0);
  CHECK(calls == 0);
}
}  // namespace samplemind
