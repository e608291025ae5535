// Streamed results (analyze --format jsonl) and a required cache (--require-cache).
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>

#include "cache/ai_cache.hpp"
#include "cache/memory_backend.hpp"
#include "cache/required_backend.hpp"
#include "model/analysis_type.hpp"
#include "pipeline/batch_runner.hpp"
#include "provider/provider.hpp"
#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {
class CountingProvider : public Provider {
 public:
  std::string name() const override { return "fake"; }
  std::string model() const override { return "fake-1"; }
  ProviderOutcome analyze(const ProviderRequest& request) override {
    ++calls;
    nlohmann::json result;
    for (const auto& field : request.type.required_fields) result[field] = "x";
    return ProviderAnswer{result, 100, 0, 20, 0.001};
  }
  std::atomic<int> calls{0};
};

// A memory cache whose every operation fails once `down` is set (a Redis that went away).
class FlakyBackend final : public CacheBackend {
 public:
  std::atomic<bool> down{false};
  std::string name() const override { return "flaky"; }
  std::string location() const override { return "flaky"; }
  CacheLookup get(EntryKind kind, const std::string& key) override {
    if (down) return {LookupStatus::failure, std::nullopt, "connection refused"};
    return inner_.get(kind, key);
  }
  Status erase(EntryKind kind, const std::string& key) override {
    return down ? Status::failure("connection refused") : inner_.erase(kind, key);
  }
  Status put(const CacheRecord& record) override {
    return down ? Status::failure("connection refused") : inner_.put(record);
  }
  Result<std::int64_t> clear(const ClearFilter& filter) override { return inner_.clear(filter); }
  Result<CacheStats> stats() override { return inner_.stats(); }
  Status add_usage(const std::vector<UsageCounters>& deltas) override {
    return down ? Status::failure("connection refused") : inner_.add_usage(deltas);
  }
  Result<PruneResult> prune(const PruneOptions& options) override { return inner_.prune(options); }
  Status for_each(const EntryVisitor& visitor) override { return inner_.for_each(visitor); }

 private:
  MemoryBackend inner_;
};

void write_tones(const fs::path& dir, int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<float> tone;
    audio::add_note(tone, 22050, 0.0, 0.5, 220.0 * (1 + i), 0.5, audio::Timbre::sine);
    audio::WriteOptions options;
    options.sample_rate = 22050;
    REQUIRE(audio::write_audio_file(dir / ("tone" + std::to_string(i) + ".wav"), tone, options).ok);
  }
}
}  // namespace

TEST_CASE("pipeline batch streaming: each result is reported once, then freed, the summary still adds up") {
  testing::TempDir dir;
  write_tones(dir.path(), 5);
  std::ofstream(dir.path() / "broken.wav") << "not audio";
  CountingProvider provider;
  AiCache cache(open_cache_backend("memory"), 3600);
  for (const bool keep : {true, false}) {
    CAPTURE(keep);
    AnalyzeOptions options;
    options.inputs = {dir.path()};
    options.jobs = 2;
    options.keep_results = keep;
    std::set<std::string> seen;
    std::size_t last_total = 0;
    const auto outcome = run_analysis(
        options, *find_analysis_type("quick_analysis"), provider, &cache,
        [&](std::size_t, std::size_t total, const FileResult& file) {
          CHECK(seen.insert(file.path).second);
          last_total = total;
        });
    CHECK(seen.size() == 6);
    CHECK(outcome.files.size() == (keep ? 6u : 0u));
    CHECK(outcome.summary.files_total == 6);
    CHECK(outcome.summary.files_ok == 5);
    CHECK(outcome.summary.files_failed == 1);
    CHECK(last_total <= 6);
  }
  CHECK(provider.calls == 5);  // the second pass hit the cache
}

TEST_CASE("pipeline batch: a required cache that fails stops the batch before any call is paid") {
  testing::TempDir dir;
  write_tones(dir.path(), 4);
  for (const bool required : {false, true}) {
    CAPTURE(required);
    CountingProvider provider;
    FatalStop fatal;
    auto flaky = std::make_unique<FlakyBackend>();
    flaky->down = true;
    std::unique_ptr<CacheBackend> backend = std::move(flaky);
    if (required) backend = std::make_unique<RequiredBackend>(std::move(backend), fatal);
    std::ostringstream warnings;
    AiCache cache(std::move(backend), 3600, &warnings);
    AnalyzeOptions options;
    options.inputs = {dir.path()};
    options.fatal = &fatal;
    const auto outcome = run_analysis(options, *find_analysis_type("quick_analysis"), provider, &cache, nullptr);
    if (required) {
      CHECK(provider.calls == 0);
      CHECK(outcome.summary.files_ok == 0);
      CHECK(outcome.summary.fatal_error.find("cache flaky failed and --require-cache is set: connection refused") !=
            std::string::npos);
    } else {  // failing open: the batch pays for every answer, and says the cache failed
      CHECK(provider.calls == 4);
      CHECK(outcome.summary.files_ok == 4);
      CHECK(outcome.summary.fatal_error.empty());
      CHECK(warnings.str().find("continuing without cache") != std::string::npos);
    }
  }
}

TEST_CASE("cache required backend: the probe finds a cache that cannot be opened") {
  testing::TempDir dir;
  std::ofstream(dir.path() / "file") << "x";
  FatalStop fatal;
  RequiredBackend backend(open_cache_backend("sqlite:" + (dir.path() / "file" / "cache.db").string()), fatal);
  CHECK_FALSE(fatal.raised());
  backend.probe();
  CHECK(fatal.raised());
  CHECK(fatal.message().find("cache sqlite failed and --require-cache is set") == 0);
  FatalStop healthy;
  RequiredBackend memory(open_cache_backend("memory"), healthy);
  memory.probe();
  CHECK_FALSE(healthy.raised());
}
