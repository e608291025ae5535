// Report arithmetic and the JSON/CSV contracts.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "report/report.hpp"

using namespace samplemind;

namespace {
FileResult file(FileStatus status, CacheOutcome cache, double cost, double saved, bool call) {
  FileResult f;
  f.path = "x.wav";
  f.status = status;
  f.cache = cache;
  f.cost_usd = cost;
  f.saved_usd = saved;
  f.api_call = call;
  f.input_tokens = call ? 100 : 0;
  f.output_tokens = call ? 40 : 0;
  if (status != FileStatus::ok) f.error = "broken";
  return f;
}
}  // namespace

TEST_CASE("report summary adds up files, hits, calls and money") {
  RunSummary s;
  add_to_summary(s, file(FileStatus::ok, CacheOutcome::miss, 0.0003, 0.0, true));
  add_to_summary(s, file(FileStatus::ok, CacheOutcome::hit, 0.0, 0.0003, false));
  add_to_summary(s, file(FileStatus::ok, CacheOutcome::hit, 0.0, 0.0002, false));
  add_to_summary(s, file(FileStatus::error, CacheOutcome::off, 0.0, 0.0, false));
  add_to_summary(s, file(FileStatus::skipped, CacheOutcome::off, 0.0, 0.0, false));
  CHECK(s.files_total == 5);
  CHECK(s.files_ok == 3);
  CHECK(s.files_failed == 1);
  CHECK(s.files_skipped == 1);
  CHECK(s.cache_hits == 2);
  CHECK(s.cache_misses == 1);
  CHECK(s.hit_rate() == doctest::Approx(2.0 / 3.0));
  CHECK(s.api_calls == 1);
  CHECK(s.input_tokens == 100);
  CHECK(s.output_tokens == 40);
  CHECK(s.cost_usd == doctest::Approx(0.0003));
  CHECK(s.saved_usd == doctest::Approx(0.0005));
  CHECK(RunSummary{}.hit_rate() == 0.0);
}

TEST_CASE("report json has the documented fields and no NaN") {
  RunOutcome outcome;
  FileResult f = file(FileStatus::ok, CacheOutcome::hit, 0.0, 0.0001, false);
  Features features;
  features.loudness_lufs = -std::numeric_limits<double>::infinity();
  features.energy = std::numeric_limits<double>::quiet_NaN();
  f.features = features;
  f.result = nlohmann::json{{"genre", "house"}};
  add_to_summary(outcome.summary, f);
  outcome.summary.elapsed_s = std::numeric_limits<double>::quiet_NaN();
  outcome.files.push_back(f);
  const auto doc = analyze_report_json(outcome);
  for (const char* field : {"files_total", "files_ok", "files_failed", "files_skipped", "cache_backend", "cache_hits",
                            "cache_misses", "hit_rate", "api_calls", "input_tokens", "output_tokens", "cost_usd",
                            "saved_usd", "elapsed_s"}) {
    CHECK_MESSAGE(doc["summary"].contains(field), field);
  }
  for (const char* field : {"path", "status", "error", "features", "cache", "provider", "model", "analysis_type",
                            "cost_usd", "saved_usd", "result"}) {
    CHECK_MESSAGE(doc["files"][0].contains(field), field);
  }
  const std::string text = dump_json(doc);
  CHECK(text.find("NaN") == std::string::npos);
  CHECK(text.find("nan") == std::string::npos);
  CHECK(text.find("Infinity") == std::string::npos);
  CHECK(doc["files"][0]["features"]["loudness_lufs"] == -70.0);
}

TEST_CASE("report csv quotes commas, quotes and line breaks") {
  RunOutcome outcome;
  FileResult f = file(FileStatus::error, CacheOutcome::off, 0, 0, false);
  f.path = "dir/a \"quoted\", name.wav";
  f.error = "line one\nline two";
  outcome.files.push_back(f);
  std::ostringstream out;
  write_features_csv(out, outcome);
  const std::string text = out.str();
  CHECK(text.find("\"dir/a \"\"quoted\"\", name.wav\"") != std::string::npos);
  CHECK(text.find("\"line one\nline two\"") != std::string::npos);
}

TEST_CASE("report table states hit rate and money") {
  RunOutcome outcome;
  add_to_summary(outcome.summary, file(FileStatus::ok, CacheOutcome::hit, 0.0, 0.25, false));
  outcome.summary.cache_backend = "sqlite";
  std::ostringstream out;
  write_analyze_table(out, outcome);
  CHECK(out.str().find("hit rate 100.0%") != std::string::npos);
  CHECK(out.str().find("$0.250000") != std::string::npos);
}
