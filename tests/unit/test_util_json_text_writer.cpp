// The streaming JSON writer must print exactly what nlohmann's dump prints for the same
// tree: reports switched from one to the other, and scripts diff them.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

#include "model/features.hpp"
#include "util/json_text_writer.hpp"

using namespace samplemind;

namespace {
std::string dumped(const nlohmann::json& tree, int indent) {
  return tree.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written(const nlohmann::json& tree, int indent, int base_level = 0) {
  std::string text;
  JsonTextWriter out(text, indent, base_level);
  out.value(tree);
  return text;
}

const std::vector<std::string> k_strings = {
    "", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r", std::string("nul\0byte", 8), "\x01\x1f\x7f",
    "caf\xc3\xa9", "bad \xff\xfe utf8", "cut \xe2\x82", "emoji \xf0\x9f\x8e\xb5", "/slash/"};

const std::vector<double> k_numbers = {0.0, -0.0, 1.0, 120.0, 0.1, 1e-5, 1e21, 123456789.125, -3.25e-300,
                                       std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(),
                                       std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};

nlohmann::json random_tree(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> pick(0, depth > 3 ? 5 : 7);
  switch (pick(rng)) {
    case 0: return nullptr;
    case 1: return rng() % 2 == 0;
    case 2: return static_cast<std::int64_t>(rng()) - static_cast<std::int64_t>(rng());
    case 3: return k_numbers[rng() % k_numbers.size()];
    case 4: return k_strings[rng() % k_strings.size()];
    case 5: return static_cast<std::uint64_t>(rng()) << 32 | rng();
    case 6: {
      nlohmann::json array = nlohmann::json::array();
      for (unsigned i = rng() % 4; i > 0; --i) array.push_back(random_tree(rng, depth + 1));
      return array;
    }
    default: {
      nlohmann::json object = nlohmann::json::object();
      for (unsigned i = rng() % 4; i > 0; --i) object[k_strings[rng() % k_strings.size()]] = random_tree(rng, depth + 1);
      return object;
    }
  }
}
}  // namespace

TEST_CASE("json text writer: the same bytes as nlohmann's dump, compact and pretty, on random trees") {
  std::mt19937 rng(20261202);
  for (int i = 0; i < 3000; ++i) {
    const nlohmann::json tree = random_tree(rng, 0);
    for (int indent : {-1, 0, 2, 4}) {
      INFO("tree " << i << " indent " << indent);
      REQUIRE(written(tree, indent) == dumped(tree, indent));
    }
  }
}

TEST_CASE("json text writer: a base level indents every line after the first, as if nested") {
  const nlohmann::json tree = {{"a", {1, 2}}, {"b", nlohmann::json::object()}, {"c", nlohmann::json::array()}};
  CHECK(written(tree, 2, 2) == "{\n      \"a\": [\n        1,\n        2\n      ],\n      \"b\": {},\n      \"c\": []\n    }");
}

TEST_CASE("json text writer: non-finite numbers are null, never NaN or inf") {
  std::string text;
  JsonTextWriter out(text, -1);
  out.begin_array();
  out.number(std::numeric_limits<double>::quiet_NaN());
  out.number(-std::numeric_limits<double>::infinity());
  out.number(2.5);
  out.end_array();
  CHECK(text == "[null,null,2.5]");
}

TEST_CASE("features text: in nlohmann's canonical form (sorted keys, its number format)") {
  Features f;
  f.duration_s = 2.474;
  f.sample_rate = 44100;
  f.channels = 2;
  f.tempo_bpm = 136.89999389648438;
  f.tempo_bpm_audio = std::numeric_limits<double>::quiet_NaN();
  f.tempo_candidates = {{97.0, 0.8125}, {194.0, std::numeric_limits<double>::infinity()}};
  f.key = "A";
  f.mode = "minor";
  f.camelot = "8A";
  f.key_audio = "C major";
  f.root_midi = 45;
  f.root_note = "A2";
  f.stated.bpm = 97.0;
  f.stated.bpm_source = "filename";
  f.stated.key_tonic = 9;
  f.stated.key_source = "tag";
  f.stated.root_pitch_class = 9;
  f.stated.root_source = "filename";
  f.category = "bass \"sub\"\n";
  f.energy = std::numeric_limits<double>::infinity();
  f.timbre = {0.5f, -1.25f, std::numeric_limits<float>::quiet_NaN(), 1e-7f};
  const std::string text = features_json_text(f);
  CHECK(features_to_json(f).dump() == text);  // parse + dump gives the text back: keys sorted
  const nlohmann::json tree = nlohmann::json::parse(text);
  CHECK(tree["tempo_bpm"] == 136.9);
  CHECK(tree["tempo_bpm_audio"].is_null());
  CHECK(tree["energy"] == 0.0);
  CHECK(tree["tempo_candidates"][1]["confidence"] == 0.0);
  CHECK(tree["timbre"] == nlohmann::json({0.5, -1.25, 0.0, 0.0}));
  CHECK(tree["stated"]["key"]["minor"].is_null());
  CHECK(tree["stated"]["root"]["midi"].is_null());
  CHECK(tree["stated"]["root"]["pitch_class"] == 9);
  CHECK(tree["category"] == "bass \"sub\"\n");
}

TEST_CASE("json text writer: absent optional values are null, present ones are written") {
  std::string text;
  JsonTextWriter out(text, -1);
  out.begin_array();
  out.string_or_null(std::nullopt);
  out.string_or_null(std::optional<std::string>("A minor"));
  out.integer_or_null(std::nullopt);
  out.integer_or_null(57);
  out.boolean_or_null(std::nullopt);
  out.boolean_or_null(false);
  out.end_array();
  CHECK(text == "[null,\"A minor\",null,57,null,false]");
}
