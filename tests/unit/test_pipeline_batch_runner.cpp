// The batch with a counting fake provider: one call per distinct key, hits on rerun,
// calls really in flight together, a fatal error stops the batch.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "cache/ai_cache.hpp"
#include "cache/forwarding_backend.hpp"
#include "model/analysis_type.hpp"
#include "pipeline/batch_runner.hpp"
#include "provider/provider.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {
class CountingProvider : public Provider {
 public:
  std::string name() const override { return "fake"; }
  std::string model() const override { return "fake-1"; }
  ProviderOutcome analyze(const ProviderRequest& request) override {
    const int now = ++in_flight;
    int seen = max_in_flight.load();
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    --in_flight;
    ++calls;
    if (fatal) return ProviderError{ProviderFailure::fatal, "fake: invalid key (set FAKE_API_KEY)"};
    nlohmann::json result;
    for (const auto& field : request.type.required_fields) result[field] = "x";
    return ProviderAnswer{result, 100, 0, 20, 0.001};
  }
  std::atomic<int> calls{0};
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  int delay_ms = 0;
  bool fatal = false;
};

// The offline analyser's flavour of the counting provider: free, so no lease is needed.
class FreeCountingProvider : public CountingProvider {
 public:
  bool is_offline() const override { return true; }
};

// A real SQLite backend that counts the cross-process leases asked of it.
class LeaseCountingBackend : public ForwardingBackend {
 public:
  explicit LeaseCountingBackend(std::unique_ptr<CacheBackend> inner) : ForwardingBackend(*inner), owned_(std::move(inner)) {}
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override {
    ++leases;
    return ForwardingBackend::acquire_lease(key, token, ttl_ms);
  }
  std::atomic<int> leases{0};

 private:
  std::unique_ptr<CacheBackend> owned_;
};

// Writes n files; files with the same tone index have identical features.
void write_tones(const fs::path& dir, int n, int distinct) {
  for (int i = 0; i < n; ++i) {
    std::vector<float> tone;
    audio::add_note(tone, 22050, 0.0, 1.0, 220.0 * (1 + i % distinct), 0.5, audio::Timbre::sine);
    audio::WriteOptions options;
    options.sample_rate = 22050;
    REQUIRE(audio::write_audio_file(dir / ("tone" + std::to_string(i) + ".wav"), tone, options).ok);
  }
}
}  // namespace

TEST_CASE("pipeline batch makes one call per distinct key and hits on the rerun") {
  testing::TempDir dir;
  write_tones(dir.path(), 6, 3);
  CountingProvider provider;
  AiCache cache(open_cache_backend("memory"), 3600);
  AnalyzeOptions options;
  options.inputs = {dir.path()};
  options.jobs = 2;
  const auto& type = *find_analysis_type("genre_classification");
  const auto first = run_analysis(options, type, provider, &cache, nullptr);
  CHECK(first.summary.files_ok == 6);
  CHECK(provider.calls == 3);
  CHECK(first.summary.api_calls == 3);
  CHECK(first.summary.cost_usd == doctest::Approx(0.003));
  CHECK(first.summary.cache_misses + first.summary.cache_hits == 6);

  const auto second = run_analysis(options, type, provider, &cache, nullptr);
  CHECK(provider.calls == 3);
  CHECK(second.summary.cache_hits == 6);
  CHECK(second.summary.hit_rate() == 1.0);
  CHECK(second.summary.api_calls == 0);
  CHECK(second.summary.saved_usd == doctest::Approx(0.006));
}

TEST_CASE("pipeline batch leases each paid call across processes, and no free offline one") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "lib");
  write_tones(dir.path() / "lib", 6, 3);
  AnalyzeOptions options;
  options.inputs = {dir.path() / "lib"};
  options.jobs = 2;
  const auto& type = *find_analysis_type("genre_classification");
  for (const bool free : {false, true}) {
    auto counting = std::make_unique<LeaseCountingBackend>(
        open_cache_backend("sqlite:" + (dir.path() / (free ? "free.db" : "paid.db")).string()));
    LeaseCountingBackend* backend = counting.get();
    AiCache cache(std::move(counting), 3600);
    FreeCountingProvider free_provider;
    CountingProvider paid_provider;
    Provider* provider = free ? static_cast<Provider*>(&free_provider) : &paid_provider;
    const auto run = run_analysis(options, type, *provider, &cache, nullptr);
    CHECK(run.summary.files_ok == 6);
    const int calls = free ? free_provider.calls.load() : paid_provider.calls.load();
    CHECK(calls == 3);  // one per distinct key either way (single flight within the run)
    CHECK(backend->leases.load() == (free ? 0 : 3));
  }
}

TEST_CASE("pipeline batch keeps --concurrency calls in flight") {
  testing::TempDir dir;
  write_tones(dir.path(), 8, 8);
  CountingProvider provider;
  provider.delay_ms = 300;
  AnalyzeOptions options;
  options.inputs = {dir.path()};
  options.jobs = 2;
  options.concurrency = 8;
  const auto outcome = run_analysis(options, *find_analysis_type("quick_analysis"), provider, nullptr, nullptr);
  CHECK(outcome.summary.files_ok == 8);
  CHECK(provider.calls == 8);
  CHECK(provider.max_in_flight >= 6);  // extraction of the last files may lag a little
}

TEST_CASE("pipeline batch stops on a fatal provider error and skips the rest") {
  testing::TempDir dir;
  write_tones(dir.path(), 5, 5);
  CountingProvider provider;
  provider.fatal = true;
  AiCache cache(open_cache_backend("memory"), 3600);
  AnalyzeOptions options;
  options.inputs = {dir.path()};
  options.jobs = 1;
  options.concurrency = 1;
  const auto outcome = run_analysis(options, *find_analysis_type("quick_analysis"), provider, &cache, nullptr);
  CHECK(provider.calls == 1);
  CHECK(outcome.summary.fatal_error.find("FAKE_API_KEY") != std::string::npos);
  CHECK(outcome.summary.files_ok == 0);
  CHECK(outcome.summary.files_failed + outcome.summary.files_skipped == 5);
  auto stats = cache.backend().stats();
  REQUIRE(stats.ok());
  CHECK(stats->entries == 0);  // nothing cached from a failed call
}

TEST_CASE("pipeline batch stops issuing work when interrupted") {
  testing::TempDir dir;
  write_tones(dir.path(), 4, 4);
  CountingProvider provider;
  std::atomic<bool> stop{true};
  AnalyzeOptions options;
  options.inputs = {dir.path()};
  const auto outcome = run_analysis(options, *find_analysis_type("quick_analysis"), provider, nullptr, nullptr, &stop);
  CHECK(provider.calls == 0);
  CHECK(outcome.summary.files_skipped == 4);
  CHECK(outcome.summary.interrupted);
}

namespace {
// Mimics a provider whose wait (rate limiter, retry pause, aborted transfer) ends because the
// interrupt flag was raised during the call: it answers "not analysed", per file.
class InterruptedProvider : public Provider {
 public:
  explicit InterruptedProvider(std::atomic<bool>& stop) : stop_(stop) {}
  std::string name() const override { return "fake"; }
  std::string model() const override { return "fake-1"; }
  ProviderOutcome analyze(const ProviderRequest&) override {
    ++calls;
    stop_.store(true);
    return ProviderError{ProviderFailure::per_file, "not analysed: the batch was stopped"};
  }
  std::atomic<int> calls{0};

 private:
  std::atomic<bool>& stop_;
};
}  // namespace

TEST_CASE("pipeline batch reports a call cut short by an interrupt as skipped, not failed") {
  testing::TempDir dir;
  write_tones(dir.path(), 4, 4);
  std::atomic<bool> stop{false};
  InterruptedProvider provider(stop);
  AnalyzeOptions options;
  options.inputs = {dir.path()};
  options.jobs = 1;
  options.concurrency = 1;
  const auto outcome = run_analysis(options, *find_analysis_type("quick_analysis"), provider, nullptr, nullptr, &stop);
  CHECK(provider.calls >= 1);
  CHECK(outcome.summary.interrupted);
  CHECK(outcome.summary.files_failed == 0);
  CHECK(outcome.summary.files_skipped == 4);
  for (const auto& file : outcome.files) {
    CHECK(file.status == FileStatus::skipped);
    CHECK(file.error == "not analysed: interrupted");
  }
}
