// The AI key: same inputs give the same key; any input the prompt sees changes it.
#include <doctest/doctest.h>

#include "model/analysis_type.hpp"
#include "cache/cache_key.hpp"
#include "model/normalized_features.hpp"

using namespace samplemind;

namespace {
Features loop_features() {
  Features f;
  f.duration_s = 8.0;
  f.sample_rate = 44100;
  f.channels = 2;
  f.kind = "loop";
  f.tempo_bpm = 120.0;
  f.key = "A";
  f.mode = "minor";
  f.camelot = "8A";
  f.energy = 0.62;
  f.loudness_lufs = -9.4;
  f.peak_dbfs = -0.8;
  f.brightness_hz = 2150;
  f.onset_rate = 4.1;
  return f;
}

std::string key_of(const Features& f, const std::string& provider = "openai", const std::string& model = "gpt-4o-mini",
                   std::string_view type = "genre_classification") {
  return make_ai_cache_key(provider, model, *find_analysis_type(type), normalize_features(f)).hex;
}
}  // namespace

TEST_CASE("core cache key is stable for the same inputs") {
  const auto a = make_ai_cache_key("openai", "gpt-4o-mini", *find_analysis_type("genre_classification"),
                                   normalize_features(loop_features()));
  const auto b = make_ai_cache_key("openai", "gpt-4o-mini", *find_analysis_type("genre_classification"),
                                   normalize_features(loop_features()));
  CHECK(a.hex == b.hex);
  CHECK(a.canonical_text == b.canonical_text);
  CHECK(a.hex.size() == 64);
  CHECK(a.canonical_text.rfind("v=2\n", 0) == 0);
  CHECK(a.canonical_text.find("provider=openai\n") != std::string::npos);
  CHECK(a.canonical_text.find("tempo_bpm=120\n") != std::string::npos);
}

TEST_CASE("core cache key ignores noise below the quantisation step") {
  Features noisy = loop_features();
  noisy.tempo_bpm = 120.3;
  noisy.energy = 0.615;
  noisy.loudness_lufs = -9.2;
  noisy.brightness_hz = 2170;
  noisy.duration_s = 8.02;
  noisy.sample_rate = 48000;  // not a prompt input
  CHECK(key_of(noisy) == key_of(loop_features()));
}

TEST_CASE("core cache key changes when any prompt input changes") {
  const std::string base = key_of(loop_features());
  CHECK(key_of(loop_features(), "anthropic") != base);
  CHECK(key_of(loop_features(), "openai", "gpt-4.1-mini") != base);
  CHECK(key_of(loop_features(), "openai", "gpt-4o-mini", "mixing_mastering") != base);
  auto changed = [&](auto mutate) {
    Features f = loop_features();
    mutate(f);
    return key_of(f);
  };
  CHECK(changed([](Features& f) { f.tempo_bpm = 124.0; }) != base);
  CHECK(changed([](Features& f) { f.tempo_bpm.reset(); }) != base);
  CHECK(changed([](Features& f) { f.key = "C"; f.camelot = "8B"; }) != base);
  CHECK(changed([](Features& f) { f.mode = "major"; }) != base);
  CHECK(changed([](Features& f) { f.kind = "one-shot"; }) != base);
  CHECK(changed([](Features& f) { f.energy = 0.9; }) != base);
  CHECK(changed([](Features& f) { f.loudness_lufs = -14.0; }) != base);
  CHECK(changed([](Features& f) { f.peak_dbfs = -6.0; }) != base);
  CHECK(changed([](Features& f) { f.brightness_hz = 5000; }) != base);
  CHECK(changed([](Features& f) { f.onset_rate = 8.0; }) != base);
  CHECK(changed([](Features& f) { f.duration_s = 4.0; }) != base);
  CHECK(changed([](Features& f) { f.channels = 1; }) != base);
  CHECK(changed([](Features& f) { f.root_note = "C3"; }) != base);
}

TEST_CASE("core cache key covers every line of the prompt") {
  // Every normalised feature appears in the canonical text, so the prompt cannot see
  // an input the key does not cover.
  const auto features = normalize_features(loop_features());
  const auto key = make_ai_cache_key("offline", "rules-v1", *find_analysis_type("quick_analysis"), features);
  for (const auto& [name, value] : features) {
    CHECK(key.canonical_text.find(name + "=" + value + "\n") != std::string::npos);
  }
}

TEST_CASE("core cache key: a key builder reused across files gives each file its own key") {
  const AnalysisType& type = *find_analysis_type("production_coaching");
  const AiKeyBuilder builder("anthropic", "claude-x", type, "shape1");
  Features other = loop_features();
  other.tempo_bpm = 96.0;
  for (const Features& f : {loop_features(), other, loop_features()}) {
    const AiCacheKey built = builder.key(normalize_features(f));
    const AiCacheKey direct = make_ai_cache_key("anthropic", "claude-x", type, normalize_features(f), "shape1");
    CHECK(built.hex == direct.hex);
    CHECK(built.canonical_text == direct.canonical_text);
  }
  CHECK(builder.key(normalize_features(other)).hex != builder.key(normalize_features(loop_features())).hex);
}
