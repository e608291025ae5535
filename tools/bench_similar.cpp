// Times `similar`'s two steps on a large cache: list_cached_files (one backend scan, JSON
// parsing, one stat per path) and find_similar (exact search). Makes N tiny files and a
// SQLite cache whose stat records carry features as `analyze` stores them.
//   bench_similar [N=100000] [DIR=/tmp/samplemind-bench-similar]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audio/feature_extractor.hpp"
#include "audio/timbre_descriptor.hpp"
#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "cache/sha256.hpp"
#include "index/similar_search.hpp"
#include "util/file_stat.hpp"
#include "util/path_json.hpp"

using namespace samplemind;

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 100000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : "/tmp/samplemind-bench-similar";
  const bool reuse = argc > 3 && std::string(argv[3]) == "--reuse";  // time an existing cache again
  if (reuse) {
    auto backend = open_cache_backend("sqlite:" + (dir / "cache.db").string());
    const auto start = std::chrono::steady_clock::now();
    long visited = 0;
    backend->for_each([&](const CacheRecord&) { return ++visited > 0; });
    std::printf("scan alone: %ld entries in %.3f s\n", visited,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (int run = 0; run < 2; ++run) {
      const auto begin = std::chrono::steady_clock::now();
      const std::clock_t cpu = std::clock();  // CPU seconds of every thread: the machine may be busy
      auto files = list_cached_files(*backend, {});
      const auto listed = std::chrono::steady_clock::now();
      SimilarQuery query;
      query.timbre = files.front().features.timbre;
      const auto matches = find_similar(files, query);
      std::printf("listed %zu in %.3f s wall, searched in %.3f s wall; %.3f s CPU over all threads (%zu matches)\n",
                  files.size(), std::chrono::duration<double>(listed - begin).count(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - listed).count(),
                  double(std::clock() - cpu) / CLOCKS_PER_SEC, matches.size());
    }
    return 0;
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "files");
  auto backend = open_cache_backend("sqlite:" + (dir / "cache.db").string());
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Features features;
  features.duration_s = 0.5;
  features.sample_rate = 44100;
  features.channels = 2;
  features.category = "kick";
  const auto build_start = std::chrono::steady_clock::now();
  for (long i = 0; i < count; ++i) {
    const auto path = dir / "files" / fmt::format("sample_{:06d}.wav", i);
    std::ofstream(path) << "x";
    const auto stat = stat_path(path);
    features.timbre.assign(audio::k_timbre_descriptor_size, 0.0f);
    for (float& value : features.timbre) value = normal(rng);
    const std::string sha = sha256_hex(path.string());
    nlohmann::json record = {{"path_hex", hex_bytes(path.string())}, {"size", stat->size_bytes},
                             {"mtime_ns", stat->mtime_ns}, {"ctime_ns", stat->ctime_ns}, {"inode", stat->inode},
                             {"device", stat->device}, {"sha256", sha}, {"features", features_to_json(features)}};
    CacheRecord entry;
    entry.kind = EntryKind::file_stat;
    entry.key = file_stat_key(path);
    entry.payload = record.dump();
    entry.key_version = k_extractor_version;
    backend->put(entry);
    entry.kind = EntryKind::features;  // the content-addressed copy analyze also writes
    entry.key = feature_cache_key(sha);
    entry.payload = features_to_json(features).dump();
    backend->put(entry);
  }
  const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  std::printf("built %ld entries in %.1f s\n", count, build_s);
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto files = list_cached_files(*backend, {});
    const auto listed = std::chrono::steady_clock::now();
    SimilarQuery query;
    query.timbre = files.front().features.timbre;
    query.count = 10;
    const auto matches = find_similar(files, query);
    const auto searched = std::chrono::steady_clock::now();
    std::printf("run %d: %zu files listed in %.3f s, searched in %.3f s, total %.3f s (%zu matches)\n", run, files.size(),
                std::chrono::duration<double>(listed - start).count(), std::chrono::duration<double>(searched - listed).count(),
                std::chrono::duration<double>(searched - start).count(), matches.size());
  }
  return 0;
}
