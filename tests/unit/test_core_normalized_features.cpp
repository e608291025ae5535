// Quantisation rules of docs/cache-key.md.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <set>

#include "model/normalized_features.hpp"
#include "provider/prompt.hpp"
#include "model/analysis_type.hpp"

using namespace samplemind;

TEST_CASE("core normalisation rounds each field to its documented step") {
  Features f;
  f.duration_s = 3.96;
  f.channels = 2;
  f.tempo_bpm = 127.6;
  f.energy = 0.437;
  f.loudness_lufs = -11.5;
  f.peak_dbfs = -0.4;
  f.brightness_hz = 1849;
  f.onset_rate = 3.3;
  const auto n = normalize_features(f);
  CHECK(normalized_value(n, "duration_s") == "4.0");
  CHECK(normalized_value(n, "channels") == "stereo");
  CHECK(normalized_value(n, "tempo_bpm") == "128");
  CHECK(normalized_value(n, "energy") == "0.45");
  CHECK(normalized_value(n, "loudness_lufs") == "-12");
  CHECK(normalized_value(n, "peak_dbfs") == "0");  // never "-0"
  CHECK(normalized_value(n, "brightness_hz") == "1800");
  CHECK(normalized_value(n, "onset_rate") == "3.5");
  CHECK(normalized_value(n, "key") == "none");
  CHECK(normalized_value(n, "mode") == "none");
}

TEST_CASE("core normalisation never prints NaN or inf") {
  Features f;
  f.tempo_bpm = std::numeric_limits<double>::quiet_NaN();
  f.loudness_lufs = -std::numeric_limits<double>::infinity();
  f.energy = std::numeric_limits<double>::quiet_NaN();
  for (const auto& field : normalize_features(f)) {  // no structured binding: clang 14 cannot capture one
    CHECK_MESSAGE(field.second.find("nan") == std::string::npos, field.first);
    CHECK_MESSAGE(field.second.find("inf") == std::string::npos, field.first);
  }
  CHECK(normalized_value(normalize_features(f), "tempo_bpm") == "none");
  CHECK(normalized_value(normalize_features(f), "loudness_lufs") == "-70");
}

TEST_CASE("core prompt is built from the normalised features only") {
  Features f;
  f.tempo_bpm = 93.7;
  f.key = "F#";
  f.mode = "minor";
  f.camelot = "11A";
  const auto n = normalize_features(f);
  const auto prompt = build_prompt(*find_analysis_type("harmonic_analysis"), n);
  CHECK(prompt.user.find("tempo_bpm: 94") != std::string::npos);
  CHECK(prompt.user.find("93.7") == std::string::npos);
  CHECK(prompt.user.find("key: F#") != std::string::npos);
  CHECK(prompt.user.find("compatible_keys") != std::string::npos);
  CHECK(prompt.system.find("JSON") != std::string::npos);  // OpenAI JSON mode requires the word
}

TEST_CASE("core each analysis type has its own prompt template hash") {
  std::set<std::string> hashes;
  for (const auto& type : all_analysis_types()) hashes.insert(prompt_template_hash(type));
  CHECK(hashes.size() == all_analysis_types().size());
  CHECK(all_analysis_types().size() == 10);
  CHECK(find_analysis_type(k_default_analysis_type) != nullptr);
  CHECK(find_analysis_type("nope") == nullptr);
}
