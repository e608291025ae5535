// Re-indexing tagged files: the cached audio features are kept and only the new statements
// read, so nothing is decoded, and the result is exactly what a full analysis gives.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "audio/feature_extractor.hpp"
#include "cache/cache_backend.hpp"
#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "metadata/tag_writer_batch.hpp"
#include "pipeline/tag_reindex.hpp"
#include "support/audio_writer.hpp"
#include "support/scratch_files.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

using testing::age;

// A short saw tone, written and aged past the racy-stat window so its stat record counts.
std::filesystem::path tone_file(const std::filesystem::path& path, double hz) {
  std::vector<float> samples = audio::silence(0.5, 44100);
  audio::add_note(samples, 44100, 0.0, 0.5, hz, 0.5, audio::Timbre::saw);
  REQUIRE(audio::write_audio_file(path, samples, {}).ok);
  age(path, 3600);
  return path;
}

}  // namespace

TEST_CASE("tag reindex: a tagged file keeps its cached audio features, gets its new tags, and is not decoded") {
  testing::TempDir dir;
  const auto known = tone_file(dir.path() / "known.wav", 220.0);
  const auto unknown = tone_file(dir.path() / "unknown.wav", 330.0);  // other bytes: no shared entry
  auto backend = open_cache_backend("memory");
  REQUIRE(FeatureCache(*backend).features_for(known, extract_features_from_file));

  Features stated;
  stated.tempo_bpm = 124.0;
  stated.key = "A";
  stated.mode = "minor";
  std::ostringstream lines;
  std::vector<std::string> tagged;
  metadata::TagBatchOptions options;
  options.after_write = [&tagged](const std::string& path) { tagged.push_back(path); };
  metadata::tag_files({{known.string(), stated}, {unknown.string(), stated}}, options, lines);
  REQUIRE(tagged.size() == 2);

  age(known, 3600);  // tagged long before the batch ended; unknown was tagged just now

  int decoded = 0;
  const FeatureExtractorFunction counting = [&decoded](const std::filesystem::path& path) {
    ++decoded;
    return extract_features_from_file(path);
  };
  reindex_tagged_files(*backend, tagged, counting);
  CHECK(decoded == 1);  // only the file the cache did not know
  // Both listed, neither stale; without a wait, the file tagged just now is listed too.
  const auto listed = list_cached_files(*backend, {dir.path()});
  REQUIRE(listed.size() == 2);
  CHECK_FALSE(listed[0].stale);
  CHECK_FALSE(listed[1].stale);

  // Both are now recorded as they are: a lookup needs no extraction at all.
  FeatureCache cache(*backend);
  const FeatureExtractorFunction refuse = [](const std::filesystem::path&) -> Result<Features> {
    return Error{"must not decode"};
  };
  for (const auto& path : {known, unknown}) {
    CAPTURE(path);
    auto cached = cache.features_for(path, refuse);
    REQUIRE(cached);
    CHECK(cached->stated.bpm == std::optional<double>(124.0));
    CHECK(cached->stated.bpm_source == "tag");
    REQUIRE(cached->stated.key_tonic);
    CHECK(*cached->stated.key_tonic == 9);
    auto full = extract_features_from_file(path);  // what a fresh analysis of the tagged file gives
    REQUIRE(full);
    CHECK(features_to_json(*cached).dump() == features_to_json(*full).dump());
  }
  CHECK(cache.counters().misses == 0);
  CHECK(cache.counters().files_hashed == 1);  // the racy one read again, the aged one trusted
}

}  // namespace samplemind
