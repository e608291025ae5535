// Fills a cache with COUNT analysed files for the find benchmark: tiny real files (so the
// stale check has something to stat) whose features are drawn at random, stored through
// the feature cache exactly as analyze stores them.
// Usage: bench_find DIR COUNT CACHE_URL     (fill)
//        bench_find --phases CACHE_URL       (time the backend scan, the index and the filter apart)
#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "audio/timbre_descriptor.hpp"
#include "cache/ai_cache.hpp"
#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "index/find_search.hpp"
#include "model/musical_key.hpp"

using namespace samplemind;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Where find's time goes: the backend's scan alone, the whole index, then the filter.
int time_phases(const std::string& url) {
  AiCache cache(open_cache_backend(url), 0);
  auto start = std::chrono::steady_clock::now();
  std::size_t entries = 0;
  cache.backend().for_each([&entries](const CacheRecord&) { return ++entries > 0; });
  std::printf("backend scan     %8.3f s  (%zu entries)\n", seconds_since(start), entries);
  start = std::chrono::steady_clock::now();
  std::vector<IndexedFile> files = list_cached_files(cache.backend(), {});
  std::printf("list_cached_files %7.3f s  (%zu files)\n", seconds_since(start), files.size());
  start = std::chrono::steady_clock::now();
  FindQuery query;
  query.bpm = parse_bpm_range("120-128").value();
  const FindOutcome outcome = find_files(std::move(files), query, AnswerLookup{});
  std::printf("find_files       %8.3f s  (%zu matches)\n", seconds_since(start), outcome.matches.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--phases") return time_phases(argv[2]);
  if (argc != 4) {
    std::fprintf(stderr, "usage: bench_find DIR COUNT CACHE_URL\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int count = std::stoi(argv[2]);
  AiCache cache(open_cache_backend(argv[3]), 0);
  FeatureCache features(cache.backend());
  std::mt19937 rng(14);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const char* categories[] = {"kick", "snare", "hat", "bass", "pad", "drum loop", "music loop"};
  const timespec hour_ago[2] = {{time(nullptr) - 3600, 0}, {time(nullptr) - 3600, 0}};
  for (int i = 0; i < count; ++i) {
    const auto folder = dir / fmt::format("pack{:03}", i / 1000);
    std::filesystem::create_directories(folder);
    const auto path = folder / fmt::format("sample_{:06}.wav", i);
    std::ofstream(path) << i;  // distinct content: distinct hash, as distinct samples have
    ::utimensat(AT_FDCWD, path.c_str(), hour_ago, 0);  // older than the racy-stat window
    const bool loop = unit(rng) < 0.5;
    Features made;
    made.duration_s = loop ? 2.0 + 14.0 * unit(rng) : 0.1 + 2.0 * unit(rng);
    made.sample_rate = 44100;
    made.channels = 2;
    made.kind = loop ? "loop" : "one-shot";
    if (loop) made.tempo_bpm_audio = made.tempo_bpm = 70.0 + 110.0 * unit(rng);
    const int tonic = static_cast<int>(unit(rng) * 12) % 12;
    const bool minor = unit(rng) < 0.5;
    made.key = std::string(pitch_class_name(tonic));
    made.mode = minor ? "minor" : "major";
    made.camelot = camelot_code(tonic, minor);
    made.loudness_lufs = -30.0 + 25.0 * unit(rng);
    made.category = categories[static_cast<int>(unit(rng) * 7) % 7];
    // A normalised descriptor (about -3..3 per value), so `similar` ranks every file.
    for (int d = 0; d < audio::k_timbre_descriptor_size; ++d) made.timbre.push_back(static_cast<float>(6.0 * unit(rng) - 3.0));
    auto stored = features.features_for(path, [&made](const std::filesystem::path&) -> Result<Features> { return made; });
    if (!stored) {
      std::fprintf(stderr, "bench_find: %s: %s\n", path.c_str(), stored.error().c_str());
      return 1;
    }
  }
  std::printf("%d files cached\n", count);
  return 0;
}
