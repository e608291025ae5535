// The features reader (simdjson) against the writer (nlohmann): what one writes, the other
// reads back exactly; wrong types are errors, absent and null fields keep the defaults.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "model/features.hpp"

namespace samplemind {
namespace {

Features full_features() {
  Features f;
  f.duration_s = 2.474;
  f.sample_rate = 44100;
  f.channels = 2;
  f.tempo_bpm = 97.0;
  f.tempo_confidence = 0.81;
  f.tempo_source = "filename";
  f.tempo_bpm_audio = 194.0;
  f.tempo_candidates = {{194.0, 0.6}, {97.0, 0.4}};
  f.key = "A";
  f.mode = "minor";
  f.key_confidence = 0.7;
  f.camelot = "8A";
  f.key_source = "tag";
  f.key_audio = "C major";
  f.kind = "loop";
  f.root_note = "A2";
  f.root_midi = 45;
  f.root_source = "smpl";
  f.stated.bpm = 97.0;
  f.stated.bpm_source = "filename";
  f.stated.key_tonic = 9;
  f.stated.key_minor = true;
  f.stated.key_source = "tag";
  f.stated.root_midi = 45;
  f.stated.root_source = "smpl";
  f.energy = 0.5;
  f.loudness_lufs = -12.5;
  f.peak_dbfs = -0.3;
  f.brightness_hz = 1800.0;
  f.onset_rate = 4.0;
  f.category = "drum loop";
  f.category_source = "filename";
  f.category_audio = "music loop";
  f.timbre = {0.5f, -1.25f, 3.0f};
  f.pitch_classes = {1.0f, 0.0f, 0.25f, 0.0f, 0.5f, 0.0f, 0.0f, 0.75f, 0.0f, 0.125f, 0.0f, 0.0f};
  return f;
}

}  // namespace

TEST_CASE("features reader: reads back every field the writer writes") {
  const Features written = full_features();
  const std::string text = features_to_json(written).dump();
  auto read = features_from_json_text(text);
  REQUIRE(read);
  CHECK(features_to_json(*read).dump() == text);  // every field, through both directions
  CHECK(read->stated.key_minor == std::optional<bool>(true));
  CHECK(read->tempo_candidates.size() == 2);
  CHECK(read->timbre == std::vector<float>{0.5f, -1.25f, 3.0f});
  CHECK(read->pitch_classes == written.pitch_classes);
}

TEST_CASE("features reader: absent and null fields keep the defaults of Features") {
  auto read = features_from_json_text(R"({"duration_s": 1, "tempo_bpm": null, "key": null, "kind": "loop"})");
  REQUIRE(read);
  CHECK(read->duration_s == 1.0);  // an integer where a number is expected is a number
  CHECK(read->kind == "loop");
  CHECK_FALSE(read->tempo_bpm);
  CHECK_FALSE(read->key);
  CHECK(read->loudness_lufs == Features{}.loudness_lufs);
  CHECK(read->tempo_source == "audio");
}

TEST_CASE("features reader: a field of the wrong type, or text that is no object, is an error") {
  CHECK_FALSE(features_from_json_text(R"({"sample_rate": "44100"})"));
  CHECK_FALSE(features_from_json_text(R"({"sample_rate": 44100.5})"));
  CHECK_FALSE(features_from_json_text(R"({"sample_rate": 99999999999})"));  // beyond int
  CHECK_FALSE(features_from_json_text(R"({"tempo_bpm": [120]})"));
  CHECK_FALSE(features_from_json_text(R"({"key": 7})"));
  CHECK_FALSE(features_from_json_text(R"({"stated": {"key": {"minor": "yes"}}})"));
  CHECK_FALSE(features_from_json_text("[1, 2]"));
  CHECK_FALSE(features_from_json_text("{\"kind\": \"loop\""));  // cut short
  CHECK_FALSE(features_from_json_text(""));
  const auto error = features_from_json_text(R"({"key": 7})");
  CHECK(error.error() == "features field 'key' has the wrong type");
}

TEST_CASE("features reader: hostile sizes are refused or bounded") {
  std::string huge = R"({"kind": ")" + std::string(2 << 20, 'x') + "\"}";
  CHECK_FALSE(features_from_json_text(huge));
  std::string deep = R"({"stated": )" + std::string(5000, '[') + std::string(5000, ']') + "}";
  CHECK_FALSE(features_from_json_text(deep));  // deeper than the parser allows: an error, no crash
  std::string long_timbre = R"({"timbre": [)";
  for (int i = 0; i < 2000; ++i) long_timbre += (i ? ",1" : "1");
  long_timbre += "]}";
  auto read = features_from_json_text(long_timbre);
  REQUIRE(read);
  CHECK(read->timbre.empty());  // more values than any descriptor: no descriptor
  auto odd = features_from_json_text(R"({"timbre": [1, "x"], "tempo_candidates": [1, {"bpm": 90}, {}, {}, {}, {}]})");
  REQUIRE(odd);
  CHECK(odd->timbre.empty());
  CHECK(odd->tempo_candidates.size() == 4);  // at most four, non-objects skipped
  auto beyond_float = features_from_json_text(R"({"timbre": [1, 1e300]})");  // finite as a double, not as a float
  REQUIRE(beyond_float);
  CHECK(beyond_float->timbre.empty());
}

TEST_CASE("features reader: pitch classes are twelve shares of 0..1 or none") {
  const char* const refused[] = {
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]})",           // eleven
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]})",     // thirteen
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5]})",      // above the top
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.1]})",     // negative
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "x"]})",      // not a number
      R"({"pitch_classes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e300]})",    // beyond float
      R"({"pitch_classes": {"C": 1}})"};
  for (const char* text : refused) {
    CAPTURE(text);
    auto read = features_from_json_text(text);
    REQUIRE(read);
    CHECK(read->pitch_classes.empty());
  }
  auto good = features_from_json_text(R"({"pitch_classes": [1, 0, 0, 0, 0.5, 0, 0, 0.75, 0, 0, 0, 0]})");
  REQUIRE(good);
  REQUIRE(good->pitch_classes.size() == 12);
  CHECK(good->pitch_classes[7] == 0.75f);
}

}  // namespace samplemind
