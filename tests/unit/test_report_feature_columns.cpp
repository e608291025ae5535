// The feature columns of every CSV (features, analyze, find): one cell per column, the old
// columns where they were, and the sources and audio readings after them, so a CSV shows a
// stated value and what the audio heard side by side.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "report/feature_columns.hpp"

using namespace samplemind;

namespace {

std::string cell(const std::vector<std::string>& cells, const std::string& column) {
  const auto& names = feature_column_names();
  const auto it = std::find(names.begin(), names.end(), column);
  REQUIRE(it != names.end());
  return cells.at(static_cast<std::size_t>(it - names.begin()));
}

}  // namespace

TEST_CASE("feature columns: the first columns keep their places") {
  const auto& names = feature_column_names();
  REQUIRE(names.size() >= 17);
  CHECK(names.front() == "duration_s");
  CHECK(names[4] == "tempo_bpm");
  CHECK(names[11] == "root_note");
  CHECK(names[16] == "onset_rate");
  CHECK(feature_cells(nullptr).size() == names.size());  // a failed file: empty cells, same width
}

TEST_CASE("feature columns: a stated tempo, key and root sit beside the audio's readings") {
  Features f;
  f.kind = "loop";
  f.tempo_bpm = 97.0;
  f.tempo_source = "filename";
  f.tempo_bpm_audio = 194.0;
  f.tempo_candidates = {{194.0, 0.98}, {97.0, 0.019}};
  f.key = "A";
  f.mode = "minor";
  f.key_source = "tag";
  f.key_audio = "E minor";
  f.root_note = "C";
  f.root_source = "filename";
  f.root_note_audio = "A3";
  f.category = "bass";
  f.category_source = "filename";
  f.category_audio = "pad";
  const std::vector<std::string> cells = feature_cells(&f);
  REQUIRE(cells.size() == feature_column_names().size());
  const std::pair<const char*, const char*> expected[] = {
      {"tempo_bpm", "97.00"},       {"tempo_source", "filename"},  {"tempo_bpm_audio", "194.00"},
      {"tempo_candidates", "194.00:0.980 97.00:0.019"},            {"key_source", "tag"},
      {"key_audio", "E minor"},     {"root_note", "C"},            {"root_midi", ""},
      {"root_source", "filename"},  {"root_note_audio", "A3"},     {"category", "bass"},
      {"category_source", "filename"}, {"category_audio", "pad"}};
  for (const auto& row : expected) {  // not a structured binding: clang cannot capture one
    const std::string column = row.first;
    CAPTURE(column);
    CHECK(cell(cells, column) == row.second);
  }

  Features one_shot;  // no pulse, no key: empty cells, never "nan"
  const std::vector<std::string> empty = feature_cells(&one_shot);
  for (const char* column : {"tempo_bpm_audio", "tempo_candidates", "root_note_audio"}) {
    CAPTURE(column);
    CHECK(cell(empty, column) == "");
  }
}
