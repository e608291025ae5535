// The offline analyser: deterministic, complete for every analysis type, and
// responsive to the features its rules read.
#include <doctest/doctest.h>

#include <algorithm>

#include "model/musical_key.hpp"

#include "provider/offline_provider.hpp"
#include "provider/offline_rules.hpp"
#include "model/analysis_type.hpp"
#include "util/environment.hpp"
#include "provider/prompt.hpp"
#include "util/result.hpp"

using namespace samplemind;

namespace {
NormalizedFeatures sample_features(const std::string& tempo, const std::string& energy,
                                   const std::string& brightness, const std::string& mode = "minor",
                                   const std::string& category = "drum loop", const std::string& loudness = "-12") {
  return {{"kind", "loop"},         {"duration_s", "8.0"},       {"channels", "stereo"},
          {"tempo_bpm", tempo},     {"key", mode == "none" ? "none" : "A"}, {"mode", mode},
          {"camelot", mode == "minor" ? "8A" : mode == "major" ? "11B" : "none"}, {"root_note", "none"}, {"energy", energy},
          {"loudness_lufs", loudness}, {"peak_dbfs", "-1"},      {"brightness_hz", brightness},
          {"onset_rate", "4.0"},    {"category", category}};
}

bool has(const std::vector<std::string>& tags, const std::string& tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

nlohmann::json ask(const AnalysisType& type, const NormalizedFeatures& features) {
  OfflineProvider provider;
  const Prompt prompt = build_prompt(type, features);
  auto outcome = provider.analyze({type, prompt, features});
  REQUIRE(std::holds_alternative<ProviderAnswer>(outcome));
  const auto& answer = std::get<ProviderAnswer>(outcome);
  CHECK(answer.input_tokens == 0);
  CHECK(answer.output_tokens == 0);
  CHECK(answer.cost_usd == 0.0);
  return answer.result;
}
}  // namespace

TEST_CASE("offline provider: every analysis type gets all required fields") {
  const auto features = sample_features("124", "0.70", "2500");
  for (const auto& type : all_analysis_types()) {
    CAPTURE(type.name);
    const auto result = ask(type, features);
    REQUIRE(result.is_object());
    for (const auto& field : type.required_fields) {
      CAPTURE(field);
      CHECK(result.contains(field));
      CHECK_FALSE(result[field].is_null());  // a drum loop at 124 BPM: house
    }
    CHECK(result["heuristic"] == true);
  }
}

TEST_CASE("offline provider: atonal one-shot without tempo still answers every type") {
  NormalizedFeatures features = {{"kind", "one-shot"}, {"duration_s", "0.3"}, {"channels", "mono"},
                                 {"tempo_bpm", "none"}, {"key", "none"},      {"mode", "none"},
                                 {"camelot", "none"},   {"energy", "0.40"},   {"brightness_hz", "5000"}};
  for (const auto& type : all_analysis_types()) {
    const auto result = ask(type, features);
    for (const auto& field : type.required_fields) CHECK(result.contains(field));
  }
}

TEST_CASE("offline provider: identity and determinism") {
  OfflineProvider provider;
  CHECK(provider.name() == "offline");
  CHECK(provider.model() == "rules-v1");
  CHECK(provider.is_offline());
  const auto features = sample_features("128", "0.80", "1200");
  const auto& type = *find_analysis_type("comprehensive_analysis");
  CHECK(ask(type, features) == ask(type, features));
}

TEST_CASE("offline provider: genre only for drum loops at a genre's tempo, else null") {
  CHECK(guess_genre(read_facts(sample_features("174", "0.80", "2500"))).genre == "drum and bass");
  CHECK(guess_genre(read_facts(sample_features("122", "0.50", "2500"))).genre == "house");
  CHECK(guess_genre(read_facts(sample_features("90", "0.50", "2500"))).genre == "hip hop");
  CHECK_FALSE(guess_genre(read_facts(sample_features("110", "0.50", "2500"))).genre);  // between bands
  CHECK_FALSE(guess_genre(read_facts(sample_features("130", "0.80", "2000", "minor", "music loop"))).genre);
  CHECK_FALSE(guess_genre(read_facts(sample_features("none", "0.80", "2000", "none", "kick"))).genre);
  CHECK(guess_genre(read_facts(sample_features("130", "0.80", "2000", "minor", "music loop"))).confidence == 0.0);
  const auto answer = ask(*find_analysis_type("genre_classification"), sample_features("130", "0.8", "2000", "minor", "music loop"));
  CHECK(answer["genre"].is_null());
  CHECK(answer["heuristic"] == true);
}

TEST_CASE("offline provider: mood, tone and tags never contradict") {
  CHECK(guess_mood(read_facts(sample_features("120", "0.80", "1000", "minor"))) == "dark");
  CHECK(guess_mood(read_facts(sample_features("120", "0.80", "4000", "major"))) == "uplifting");
  CHECK(guess_mood(read_facts(sample_features("120", "0.80", "1000", "major"))) == "warm");  // dark: never uplifting
  CHECK(guess_mood(read_facts(sample_features("120", "0.80", "1000", "none", "fx"))) == "dark");
  for (const char* brightness : {"500", "1000", "2000", "3000", "6000"}) {
    for (const char* mode : {"major", "minor", "none"}) {
      CAPTURE(brightness);
      CAPTURE(mode);
      const OfflineFacts facts = read_facts(sample_features("120", "0.9", brightness, mode, "fx"));
      const auto tags = search_tags(facts);
      const std::string mood = guess_mood(facts);
      CHECK_FALSE((has(tags, "dark") && (mood == "uplifting" || mood == "crisp" || mood == "energetic")));
      CHECK_FALSE((has(tags, "bright") && mood == "dark"));
      CHECK_FALSE((has(tags, "dark") && has(tags, "bright")));
    }
  }
}

TEST_CASE("offline provider: high energy needs loudness and activity, not a peak-normalised RMS") {
  CHECK(energy_word(read_facts(sample_features("120", "0.90", "2000", "minor", "drum loop", "-8"))) == "high");
  CHECK(energy_word(read_facts(sample_features("120", "0.90", "2000", "minor", "drum loop", "-18"))).empty());
  CHECK(energy_word(read_facts(sample_features("120", "0.90", "2000", "minor", "drum loop", "-30"))) == "low");
  const auto tags = search_tags(read_facts(sample_features("120", "0.90", "2000", "minor", "kick", "-18")));
  CHECK_FALSE(has(tags, "high energy"));
  CHECK(has(tags, "kick"));
}

TEST_CASE("offline provider: Camelot codes and tags") {
  CHECK(camelot_code("A", "minor") == "8A");
  CHECK(camelot_code("C", "major") == "8B");
  CHECK(camelot_code("Eb", "minor") == "2A");
  CHECK(camelot_code("E", "major") == "12B");
  CHECK(camelot_code("", "") == "");
  const auto neighbours = compatible_camelot_codes("12B");
  CHECK(neighbours == std::vector<std::string>{"12B", "12A", "1B", "11B"});
  const auto tags = search_tags(read_facts(sample_features("128", "0.80", "4000")));
  CHECK(has(tags, "loop"));
  CHECK(has(tags, "drum loop"));
  CHECK(has(tags, "8A"));
  CHECK(has(tags, "mid-tempo"));
}

TEST_CASE("provider factory: offline, auto fallback and unknown names") {
  const auto env = Environment::from_map({});
  CHECK(make_provider({"offline", ""}, env)->name() == "offline");
  CHECK(make_provider({"auto", ""}, env)->is_offline());
  CHECK_THROWS_AS(make_provider({"nonsense", ""}, env), ConfigError);
  try {
    make_provider({"nonsense", ""}, env);
  } catch (const ConfigError& error) {
    CHECK(std::string(error.what()).find("offline") != std::string::npos);
  }
}
