// find's query parsing, matching rules and answer join, over IndexedFile values built here.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cache/ai_cache.hpp"
#include "cache/cache_key.hpp"
#include "cache/memory_backend.hpp"
#include "index/find_answers.hpp"
#include "index/find_output.hpp"
#include "index/find_search.hpp"
#include "metadata/stated_values.hpp"
#include "model/musical_key.hpp"
#include "model/normalized_features.hpp"

using namespace samplemind;

namespace {

IndexedFile cached(std::string path, std::optional<double> bpm, std::optional<std::string> key,
                   std::optional<std::string> mode, std::string kind = "loop", double lufs = -12.0,
                   double seconds = 4.0) {
  IndexedFile file;
  file.path = std::move(path);
  file.features.tempo_bpm_audio = bpm;  // find applies statements: the final tempo starts from the audio's
  file.features.tempo_bpm = bpm;
  file.features.key = key;
  file.features.mode = mode;
  if (key && mode) file.features.camelot = camelot_code(*key, *mode);
  file.features.kind = std::move(kind);
  file.features.loudness_lufs = lufs;
  file.features.duration_s = seconds;
  return file;
}

std::vector<std::string> paths_of(const FindOutcome& outcome) {
  std::vector<std::string> out;
  for (const auto& match : outcome.matches) out.push_back(match.file.path);
  return out;
}

std::vector<IndexedFile> library() {
  return {cached("/lib/a.wav", 124.0, "A", "minor"),          cached("/lib/b.wav", 128.2, "C", "major"),
          cached("/lib/c.wav", 90.0, "E", "minor"),           cached("/lib/d.wav", std::nullopt, std::nullopt, std::nullopt, "one-shot", -6.0, 0.4),
          cached("/lib/e.wav", 120.0, "G", "major", "loop", -20.0, 8.0), cached("/lib/f.wav", 119.0, "D", "minor")};
}

FindOutcome run(const FindQuery& query, std::vector<IndexedFile> files = library()) {
  return find_files(std::move(files), query, AnswerLookup{});
}

}  // namespace

TEST_CASE("find ranges parse with their units and reject nonsense") {
  auto bpm = parse_bpm_range("120-128");
  REQUIRE(bpm);
  CHECK(bpm->contains(120.0));
  CHECK(bpm->contains(128.0));
  CHECK_FALSE(bpm->contains(128.01));
  auto open = parse_bpm_range("..90");
  REQUIRE(open);
  CHECK(open->contains(60.0));
  CHECK_FALSE(open->contains(91.0));
  auto single = parse_bpm_range("120");
  REQUIRE(single);
  CHECK(single->contains(120.4));
  CHECK_FALSE(single->contains(121.0));
  auto lufs = parse_loudness_range("-14..-8");
  REQUIRE(lufs);
  CHECK(lufs->contains(-10.0));
  CHECK_FALSE(lufs->contains(-15.0));
  CHECK_FALSE(lufs->contains(-7.0));
  auto seconds = parse_duration_range("..2s");
  REQUIRE(seconds);
  CHECK(seconds->contains(1.99));
  CHECK_FALSE(seconds->contains(2.5));
  auto millis = parse_duration_range("500ms..1.5s");
  REQUIRE(millis);
  CHECK(millis->contains(0.5));
  CHECK_FALSE(millis->contains(0.49));
  for (const char* bad : {"", "..", "fast", "128-120", "nan-130", "inf", "0x10"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_bpm_range(bad));
  }
  CHECK_FALSE(parse_loudness_range("-8..-14"));
  CHECK_FALSE(parse_duration_range("2h"));
}

TEST_CASE("find keys accept names, Camelot and Open Key, compatible keys follow the wheel") {
  for (const char* text : {"Am", "A minor", "8A", "1m", "amin"}) {
    CAPTURE(text);
    auto key = parse_key_filter(text);
    REQUIRE(key);
    CHECK(key->tonic_pc == 9);
    CHECK(key->minor == true);
  }
  auto bare = parse_key_filter("F#");
  REQUIRE(bare);
  CHECK_FALSE(bare->minor.has_value());
  CHECK_FALSE(parse_key_filter("H minor"));
  auto compatible = parse_compatible("8A");
  REQUIRE(compatible);
  std::vector<std::string> codes = *compatible;
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"7A", "8A", "8B", "9A"});
  CHECK_FALSE(parse_compatible("F#"));  // no mode: no place on the wheel
  CHECK(parse_kind("One-Shot").value() == "one-shot");
  CHECK_FALSE(parse_kind("drone"));
  CHECK(parse_category("Drum Loop").value() == "drum loop");
  CHECK_FALSE(parse_category("banjo"));
}

TEST_CASE("find filters by tempo, key, harmony, kind, loudness and duration") {
  FindQuery query;
  query.bpm = parse_bpm_range("120-128").value();
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/a.wav", "/lib/e.wav"});

  query = {};
  query.key = parse_key_filter("Am").value();
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/a.wav"});

  query = {};
  query.compatible_camelot = parse_compatible("8A").value();  // 8A Am, 8B C, 9A Em, 7A Dm
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/a.wav", "/lib/b.wav", "/lib/c.wav", "/lib/f.wav"});

  query = {};
  query.kind = "one-shot";
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/d.wav"});

  query = {};
  query.loudness_lufs = parse_loudness_range("..-15").value();
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/e.wav"});

  query = {};
  query.duration_s = parse_duration_range("..2s").value();
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/d.wav"});

  query = {};
  query.bpm = parse_bpm_range("100-130").value();
  query.kind = "loop";
  query.key = parse_key_filter("G").value();
  CHECK(paths_of(run(query)) == std::vector<std::string>{"/lib/e.wav"});
}

TEST_CASE("find filters by category, files without one never match a category") {
  std::vector<IndexedFile> files = library();
  files[3].features.category = "kick";
  files[0].features.category = "drum loop";
  FindQuery query;
  query.category = parse_category("Kick").value();
  CHECK(paths_of(run(query, files)) == std::vector<std::string>{"/lib/d.wav"});
  query.category = parse_category("drum loop").value();
  CHECK(paths_of(run(query, files)) == std::vector<std::string>{"/lib/a.wav"});
  query = {};
  query.words = {"kick"};  // a free word finds the category too
  CHECK(paths_of(run(query, files)) == std::vector<std::string>{"/lib/d.wav"});
}

TEST_CASE("find keeps stale files apart, never among the matches") {
  std::vector<IndexedFile> files = library();
  files[0].stale = true;
  files[0].stale_reason = "vanished";
  FindQuery query;
  query.bpm = parse_bpm_range("120-128").value();
  const FindOutcome outcome = run(query, files);
  CHECK(paths_of(outcome) == std::vector<std::string>{"/lib/e.wav"});
  REQUIRE(outcome.stale.size() == 1);
  CHECK(outcome.stale[0].file.path == "/lib/a.wav");
  CHECK(outcome.searched == files.size());

  // Listed with staleness unchecked: only the files that match are looked at on disk (none
  // of these paths exists, so each one looked at is "vanished").
  std::vector<IndexedFile> unchecked = library();
  for (IndexedFile& file : unchecked) file.stale_unchecked = true;
  const FindOutcome deferred = run(query, unchecked);
  CHECK(deferred.matches.empty());
  REQUIRE(deferred.stale.size() == 2);  // the two files in 120-128, and no other
  CHECK(deferred.stale[0].file.path == "/lib/a.wav");
  CHECK(deferred.stale[0].file.stale_reason == "vanished");
  CHECK(deferred.stale[1].file.path == "/lib/e.wav");
}

TEST_CASE("find answers: genre, tags and words come from the cached answer") {
  std::vector<IndexedFile> files = library();
  const AnswerLookup lookup = [](const Features& f) -> std::optional<FindAnswer> {
    if (!f.tempo_bpm) return std::nullopt;
    FindAnswer answer;
    answer.genre = *f.tempo_bpm > 110 ? "deep house" : "hip hop";
    answer.tags = {f.kind, *f.tempo_bpm > 125 ? "driving" : "laid back"};
    return answer;
  };
  FindQuery query;
  query.genre = "house";
  CHECK(paths_of(find_files(files, query, lookup)) ==
        std::vector<std::string>{"/lib/a.wav", "/lib/b.wav", "/lib/e.wav", "/lib/f.wav"});
  query.tags = {"driving"};
  CHECK(paths_of(find_files(files, query, lookup)) == std::vector<std::string>{"/lib/b.wav"});
  query = {};
  query.words = {"hop"};
  CHECK(paths_of(find_files(files, query, lookup)) == std::vector<std::string>{"/lib/c.wav"});
  query.words = {"d.wav"};  // a word in the name needs no answer
  CHECK(paths_of(find_files(files, query, lookup)) == std::vector<std::string>{"/lib/d.wav"});
  query = {};
  query.tags = {"driving"};
  CHECK(find_files(files, query, AnswerLookup{}).matches.empty());  // no answers: no tag matches
}

TEST_CASE("find joins a file to the answer analyze cached under the same key") {
  AiCache cache(std::make_unique<MemoryBackend>(), 0);
  const AnalysisType* type = find_analysis_type("genre_classification");
  REQUIRE(type != nullptr);
  IndexedFile file = cached("/lib/x.wav", 122.0, "A", "minor");
  const AiCacheKey key = make_ai_cache_key("offline", "rules-v1", *type, normalize_features(file.features), "h1");
  CacheRecord record;
  record.key = key.hex;
  record.provider = "offline";
  record.model = "rules-v1";
  record.analysis_type = type->name;
  record.payload = R"({"genre": "Tech House", "subgenres": ["Minimal"], "mood": "Dark", "tags": ["Groovy", 7]})";
  cache.store(record);

  // Point lookups, and the scan of all AI entries that large queries switch to.
  for (const int point_lookups : {AnswerJoin::k_point_lookups_before_scan, 0}) {
    CAPTURE(point_lookups);
    AnswerJoin join(cache, AnswerSource{"offline", "rules-v1", type, "h1"}, point_lookups);
    auto answer = join.answer_for(file.features);
    REQUIRE(answer);
    CHECK(answer->genre == "tech house");
    CHECK(answer->subgenres == std::vector<std::string>{"minimal"});
    CHECK(answer->tags == std::vector<std::string>{"groovy"});
    AnswerJoin other_model(cache, AnswerSource{"offline", "rules-v2", type, "h1"}, point_lookups);
    CHECK_FALSE(other_model.answer_for(file.features));
    IndexedFile other = file;
    other.features.tempo_bpm = 90.0;  // other features, other key
    CHECK_FALSE(join.answer_for(other.features));
  }
  AiCache expiring(std::make_unique<MemoryBackend>(), 60);  // a TTL in force: old entries are expired
  record.cached_at = 0;
  REQUIRE(expiring.backend().put(record).ok);
  CHECK_FALSE(AnswerJoin(expiring, AnswerSource{"offline", "rules-v1", type, "h1"}, 0).answer_for(file.features));
}

TEST_CASE("find outputs: exact paths for programs, escaped for people") {
  std::vector<IndexedFile> files = {cached("/lib/evil\nname.wav", 120.0, "A", "minor"),
                                    cached("/lib/plain.wav", 120.0, "A", "minor")};
  files[0].features.loudness_lufs = std::numeric_limits<double>::quiet_NaN();
  const FindOutcome outcome = run(FindQuery{}, files);
  std::ostringstream nul;
  CHECK(write_find_paths(nul, outcome, '\0').empty());
  CHECK(nul.str() == std::string("/lib/evil\nname.wav\0/lib/plain.wav\0", 34));
  std::ostringstream lines;
  const auto unprintable = write_find_paths(lines, outcome, '\n');
  CHECK(lines.str() == "/lib/plain.wav\n");
  CHECK(unprintable == std::vector<std::string>{"/lib/evil\nname.wav"});
  std::ostringstream table;
  write_find_table(table, outcome);
  CHECK(table.str().find("evil\\nname.wav") != std::string::npos);
  CHECK(table.str().find("evil\nname") == std::string::npos);
  std::ostringstream json;
  write_find_json(json, outcome);
  CHECK(json.str().find("NaN") == std::string::npos);
  const auto document = nlohmann::json::parse(json.str());
  CHECK(document["summary"]["matched"] == 2);
  CHECK(document["files"][0]["path"] == "/lib/evil\nname.wav");
}

namespace samplemind {

TEST_CASE("find answers read from stored text: cleaned like every cached answer, lower case") {
  auto answer = find_answer_from_text(
      R"({"genre": "Deep\u001b[2J House", "subgenres": "Dub", "mood": 7,)"
      R"( "tags": ["Warm\nPad", 3, "sk-ant-api03-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij"]})");
  REQUIRE(answer);
  CHECK(answer->genre == "deep[2j house");  // the escape byte is gone, the text lower case
  CHECK(answer->subgenres == std::vector<std::string>{"dub"});
  CHECK(answer->mood.empty());  // not text
  REQUIRE(answer->tags.size() == 2);
  CHECK(answer->tags[0] == "warm pad");
  CHECK(answer->tags[1] == "***");  // a key-shaped value is masked, as in any report
  CHECK_FALSE(find_answer_from_text("[\"house\"]"));
  CHECK_FALSE(find_answer_from_text("{\"genre\": "));
  CHECK_FALSE(find_answer_from_text(std::string(2 << 20, ' ')));
}

}  // namespace samplemind

TEST_CASE("find --contradicted keeps the files whose audio contradicts the tempo or key their name states") {
  std::vector<IndexedFile> files;
  for (const char* path : {"/lib/Bass_Am_124.wav", "/lib/Bass_Am_62bpm.wav", "/lib/Pad_F#m_124.wav",
                           "/lib/Loop_150bpm.wav", "/lib/plain.wav"}) {
    IndexedFile file = cached(path, 124.0, "A", "minor");
    file.features.key_audio.emplace("A minor");
    apply_file_statements(file.features, path, StatementOptions{});  // as the index does when it loads a file
    files.push_back(std::move(file));
  }
  FindQuery query;
  query.contradicted = true;
  CHECK(paths_of(run(query, files)) == std::vector<std::string>{"/lib/Loop_150bpm.wav", "/lib/Pad_F#m_124.wav"});
  query.kind = "one-shot";
  CHECK(paths_of(run(query, files)).empty());
}
