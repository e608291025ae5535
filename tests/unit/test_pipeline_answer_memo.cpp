// Answer memos end to end, on a real SQLite cache: a warm file is answered from its stat
// record without an AI lookup; a clear of AI entries, the TTL, --refresh, another model
// and a fresh ("racy") file each bring the lookup (or the call) back.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <chrono>
#include <thread>

#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"
#include "cache/ai_cache.hpp"
#include "cache/forwarding_backend.hpp"
#include "model/analysis_type.hpp"
#include "pipeline/batch_runner.hpp"
#include "provider/provider.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {
// Answers with the number of the call, so a stale answer shows.
class NumberingProvider : public Provider {
 public:
  explicit NumberingProvider(std::string model = "fake-1") : model_(std::move(model)) {}
  std::string name() const override { return "fake"; }
  std::string model() const override { return model_; }
  ProviderOutcome analyze(const ProviderRequest& request) override {
    const int call = ++calls;
    nlohmann::json result;
    for (const auto& field : request.type.required_fields) result[field] = "answer " + std::to_string(call);
    return ProviderAnswer{result, 100, 0, 20, 0.001};
  }
  std::atomic<int> calls{0};

 private:
  std::string model_;
};

// A real SQLite cache that counts the AI lookups it is asked for.
class AiLookupCounter : public ForwardingBackend {
 public:
  explicit AiLookupCounter(std::unique_ptr<CacheBackend> inner) : ForwardingBackend(*inner), owned_(std::move(inner)) {}
  CacheLookup get(EntryKind kind, const std::string& key) override {
    if (kind == EntryKind::ai) ++ai_lookups;
    return ForwardingBackend::get(kind, key);
  }
  std::atomic<int> ai_lookups{0};

 private:
  std::unique_ptr<CacheBackend> owned_;
};

struct Library {
  testing::TempDir dir;
  fs::path cache_path() const { return dir.path() / "cache.db"; }
  fs::path folder() const { return dir.path() / "lib"; }

  // n distinct tones; aged: an hour old, past the racy window, so stat records are kept.
  Library(int n, bool aged) {
    fs::create_directories(folder());
    for (int i = 0; i < n; ++i) {
      std::vector<float> tone;
      audio::add_note(tone, 22050, 0.0, 1.0, 220.0 * (1 + i), 0.5, audio::Timbre::sine);
      audio::WriteOptions options;
      options.sample_rate = 22050;
      const fs::path path = folder() / ("tone" + std::to_string(i) + ".wav");
      REQUIRE(audio::write_audio_file(path, tone, options).ok);
      if (aged) fs::last_write_time(path, fs::last_write_time(path) - std::chrono::hours(1));
    }
  }

  struct Run {
    RunOutcome outcome;
    int ai_lookups = 0;
    std::vector<std::string> answers;
  };

  Run analyse(Provider& provider, std::int64_t ttl_seconds = 3600, bool refresh = false) const {
    auto counter = std::make_unique<AiLookupCounter>(open_cache_backend("sqlite:" + cache_path().string()));
    AiLookupCounter& counted = *counter;
    AiCache cache(std::move(counter), ttl_seconds);
    AnalyzeOptions options;
    options.inputs = {folder()};
    options.jobs = 2;
    options.refresh = refresh;
    options.keep_results = true;
    Run run;
    run.outcome = run_analysis(options, *find_analysis_type("genre_classification"), provider, &cache, nullptr);
    run.ai_lookups = counted.ai_lookups.load();
    for (const FileResult& file : run.outcome.files) {
      run.answers.push_back(file.result ? file.result->value("genre", std::string()) : std::string());
    }
    return run;
  }
};
}  // namespace

TEST_CASE("answer memo: a warm file is answered from its stat record, with what the answer cost") {
  Library library(3, true);
  NumberingProvider provider;
  const auto cold = library.analyse(provider);
  CHECK(provider.calls == 3);
  CHECK(cold.outcome.summary.cache_misses == 3);

  const auto warm = library.analyse(provider);
  CHECK(provider.calls == 3);
  CHECK(warm.ai_lookups == 0);  // every answer came with the stat records
  CHECK(warm.outcome.summary.cache_hits == 3);
  CHECK(warm.outcome.summary.saved_usd == doctest::Approx(0.003));
  CHECK(warm.answers == cold.answers);
}

TEST_CASE("answer memo: a clear of the AI entries ends every memo") {
  Library library(2, true);
  NumberingProvider provider;
  library.analyse(provider);
  REQUIRE(open_cache_backend("sqlite:" + library.cache_path().string())->clear(ClearFilter{EntryKind::ai, {}, {}, {}, {}}));
  const auto after_clear = library.analyse(provider);
  CHECK(provider.calls == 4);  // asked again: the memos did not outlive the entries
  CHECK(after_clear.outcome.summary.cache_misses == 2);
  const auto warm = library.analyse(provider);
  CHECK(provider.calls == 4);
  CHECK(warm.ai_lookups == 0);  // new memos, under the new epoch
}

TEST_CASE("answer memo: the TTL in force ends a memo as it ends an entry") {
  Library library(2, true);
  NumberingProvider provider;
  library.analyse(provider);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto expired = library.analyse(provider, 1);
  CHECK(provider.calls == 4);
  CHECK(expired.outcome.summary.cache_misses == 2);
}

TEST_CASE("answer memo: --refresh asks again, and the memo follows the new answer") {
  Library library(1, true);
  NumberingProvider provider;
  const auto first = library.analyse(provider);
  REQUIRE(first.answers == std::vector<std::string>{"answer 1"});
  const auto refreshed = library.analyse(provider, 3600, true);
  CHECK(refreshed.answers == std::vector<std::string>{"answer 2"});
  const auto warm = library.analyse(provider);
  CHECK(warm.ai_lookups == 0);
  CHECK(warm.answers == std::vector<std::string>{"answer 2"});
}

TEST_CASE("answer memo: another model's key does not match the memo") {
  Library library(1, true);
  NumberingProvider first_model("fake-1");
  NumberingProvider second_model("fake-2");
  library.analyse(first_model);
  const auto other = library.analyse(second_model);
  CHECK(second_model.calls == 1);
  CHECK(other.outcome.summary.cache_misses == 1);
  const auto back = library.analyse(first_model);  // its entry is still there
  CHECK(first_model.calls == 1);
  CHECK(back.outcome.summary.cache_hits == 1);
}

TEST_CASE("answer memo: a fresh file keeps no stat record, so its answer is looked up") {
  Library library(2, false);  // written just now: inside the racy window
  NumberingProvider provider;
  library.analyse(provider);
  const auto warm = library.analyse(provider);
  CHECK(provider.calls == 2);
  CHECK(warm.outcome.summary.cache_hits == 2);
  CHECK(warm.ai_lookups >= 2);
}

TEST_CASE("answer memo: a hostile memo is cleaned like an entry, and a damaged one is looked up instead") {
  Library library(1, true);
  NumberingProvider provider;
  library.analyse(provider);
  // Rewrite the stat record's memo (through the backend, so its checksum stays valid).
  auto rewrite_memo = [&](const std::function<void(nlohmann::json&)>& change) {
    auto backend = open_cache_backend("sqlite:" + library.cache_path().string());
    std::vector<CacheRecord> records;
    REQUIRE(backend->for_each_of(EntryKind::file_stat, [&](const CacheRecord& record) {
      records.push_back(record);
      return true;
    }));
    REQUIRE(records.size() == 1);
    nlohmann::json document = nlohmann::json::parse(records[0].payload);
    REQUIRE(document.contains("answer"));
    change(document["answer"]);
    records[0].payload = document.dump();
    REQUIRE(backend->put(records[0]));
  };
  rewrite_memo([](nlohmann::json& memo) { memo["payload"] = R"({"genre":"\u001b[2Jevil\u0007"})"; });
  const auto hostile = library.analyse(provider);
  CHECK(hostile.ai_lookups == 0);
  CHECK(hostile.answers == std::vector<std::string>{"[2Jevil"});  // ESC and BEL removed

  rewrite_memo([](nlohmann::json& memo) { memo["payload"] = "{not json"; });
  const auto damaged = library.analyse(provider);
  CHECK(damaged.ai_lookups == 1);  // the entry answered instead
  CHECK(damaged.answers == std::vector<std::string>{"answer 1"});
  CHECK(provider.calls == 1);
}
