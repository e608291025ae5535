// Stat records: what the feature cache writes reads back; records written by earlier
// versions (the same JSON, made by nlohmann) read unchanged; damage never matches a file.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cache/stat_record.hpp"

namespace samplemind {
namespace {

StatRecord sample_stat() {
  StatRecord stat;
  stat.path = std::string("/lib/caf\xe9 loop.wav");  // not UTF-8: stored as hex
  stat.recorded.size_bytes = 4844;
  stat.recorded.mtime_ns = 1'796'206'192'451'429'855;
  stat.recorded.ctime_ns = 1'796'206'192'451'429'856;
  stat.recorded.inode = 10'972'416;
  stat.recorded.device = 65'024;
  stat.sha256 = std::string(64, 'a');
  return stat;
}

Features sample_features() {
  Features features;
  features.tempo_bpm = 124.0;
  features.category = "kick";
  return features;
}

}  // namespace

TEST_CASE("stat record: written and read back, with and without features") {
  const Features features = sample_features();
  const std::string text = stat_record_json(sample_stat(), &features);
  auto read = parse_stat_record(text, true);
  REQUIRE(read);
  CHECK(read->path == sample_stat().path);
  CHECK(read->recorded.size_bytes == 4844);
  CHECK(read->recorded.mtime_ns == sample_stat().recorded.mtime_ns);
  CHECK(read->sha256 == std::string(64, 'a'));
  CHECK(read->has_features);
  REQUIRE(read->features);
  CHECK(read->features->tempo_bpm == std::optional<double>(124.0));
  CHECK(read->features->category == std::optional<std::string>("kick"));
  CHECK(stat_record_matches(*read, sample_stat().recorded));

  auto without = parse_stat_record(text, false);  // features not asked for: not read
  REQUIRE(without);
  CHECK(without->has_features);
  CHECK_FALSE(without->features);
  auto bare = parse_stat_record(stat_record_json(sample_stat(), nullptr), true);
  REQUIRE(bare);
  CHECK_FALSE(bare->has_features);
}

TEST_CASE("stat record: a record in the layout earlier versions wrote reads the same") {
  const nlohmann::json older{{"ctime_ns", 5}, {"device", 7}, {"inode", 6}, {"mtime_ns", 4},
                             {"path_hex", "2f612e776176"}, {"sha256", std::string(64, 'b')},
                             {"size", 3}, {"features", {{"kind", "loop"}, {"tempo_bpm", 90.5}}}};
  auto read = parse_stat_record(older.dump(), true);
  REQUIRE(read);
  CHECK(read->path == "/a.wav");
  CHECK(read->recorded.size_bytes == 3);
  CHECK(read->recorded.device == 7);
  REQUIRE(read->features);
  CHECK(read->features->kind == "loop");
}

TEST_CASE("stat record: damaged fields never match a file, damaged features are left out") {
  CHECK_FALSE(parse_stat_record("[]", true));
  CHECK_FALSE(parse_stat_record("{\"size\": 3", true));
  CHECK_FALSE(parse_stat_record(std::string(2 << 20, ' '), true));  // larger than any record

  nlohmann::json record = nlohmann::json::parse(stat_record_json(sample_stat(), nullptr));
  record["size"] = "4844";  // a string where a number belongs
  auto read = parse_stat_record(record.dump(), true);
  REQUIRE(read);
  CHECK(read->recorded.size_bytes == -1);
  CHECK_FALSE(stat_record_matches(*read, sample_stat().recorded));

  record = nlohmann::json::parse(stat_record_json(sample_stat(), nullptr));
  record["sha256"] = "abc";  // not a SHA-256
  read = parse_stat_record(record.dump(), true);
  REQUIRE(read);
  CHECK(read->sha256.empty());
  CHECK_FALSE(stat_record_matches(*read, sample_stat().recorded));

  record = nlohmann::json::parse(stat_record_json(sample_stat(), nullptr));
  record["path_hex"] = "2f6zz";  // not hex
  record["features"] = {{"sample_rate", "fast"}};
  read = parse_stat_record(record.dump(), true);
  REQUIRE(read);
  CHECK(read->path.empty());
  CHECK(read->has_features);
  CHECK_FALSE(read->features);  // unreadable features: the content entry must answer
  CHECK(stat_record_matches(*read, sample_stat().recorded));  // the stat fields are intact
}

TEST_CASE("stat record: each stat field takes part in the match") {
  const StatRecord stat = sample_stat();
  for (int field = 0; field < 5; ++field) {
    FileStat now = stat.recorded;
    std::int64_t* values[] = {&now.size_bytes, &now.mtime_ns, &now.ctime_ns, &now.inode, &now.device};
    *values[field] += 1;
    CHECK_FALSE(stat_record_matches(stat, now));
  }
}

}  // namespace samplemind

namespace samplemind {
namespace {
AnswerMemo sample_memo() {
  return AnswerMemo{std::string(32, 'e'), std::string(64, 'b'), R"({"genre":"house","tags":["kick"]})", 0.0125,
                    1'796'206'000};
}

// The record text with its "answer" object's field replaced by raw JSON text.
std::string with_memo_field(const std::string& field, const std::string& raw) {
  StatRecord stat = sample_stat();
  stat.answer = sample_memo();
  nlohmann::json document = nlohmann::json::parse(stat_record_json(stat, nullptr));
  document["answer"][field] = nlohmann::json::parse(raw);
  return document.dump();
}
}  // namespace

TEST_CASE("stat record: an answer memo is written and read back") {
  StatRecord stat = sample_stat();
  stat.answer = sample_memo();
  const Features features = sample_features();
  const std::string text = stat_record_json(stat, &features);
  CHECK(text.rfind(R"({"answer":{"cached_at":1796206000,"cost_usd":0.0125,"epoch":")", 0) == 0);  // keys sorted
  auto read = parse_stat_record(text, true);
  REQUIRE(read);
  REQUIRE(read->answer);
  CHECK(*read->answer == sample_memo());
  CHECK(read->features->category == std::optional<std::string>("kick"));
  // A record without one reads as before: no memo.
  auto plain = parse_stat_record(stat_record_json(sample_stat(), nullptr), false);
  REQUIRE(plain);
  CHECK_FALSE(plain->answer);
}

TEST_CASE("stat record: a damaged answer memo is no memo, and the record still reads") {
  const std::vector<std::pair<std::string, std::string>> damage = {
      {"key", R"("b")"},                                  // not 64 digits
      {"key", "\"" + std::string(64, 'B') + "\""},        // not lower-case hex
      {"epoch", R"("")"},                                 // empty
      {"epoch", R"("e\u001b[2J")"},                       // a control sequence
      {"epoch", "\"" + std::string(65, 'e') + "\""},      // too long
      {"payload", R"("")"},                               // nothing
      {"payload", "\"" + std::string(k_max_memo_payload_bytes + 1, 'x') + "\""},  // too large
      {"payload", R"({"genre":"house"})"},                // an object, not the text of one
      {"cost_usd", "-0.5"},                               // negative
      {"cost_usd", R"("free")"},                          // not a number
      {"cached_at", "-1"},                                // before 1970
      {"cached_at", "1.5"},                               // not a whole second
  };
  for (const auto& damaged : damage) {
    const std::string& field = damaged.first;  // named, not bound: clang's CAPTURE lambda cannot take a binding
    const std::string& raw = damaged.second;
    CAPTURE(field);
    const std::string shown = raw.substr(0, 40);
    CAPTURE(shown);
    auto read = parse_stat_record(with_memo_field(field, raw), false);
    REQUIRE(read);
    CHECK(read->sha256 == std::string(64, 'a'));
    CHECK_FALSE(read->answer);
  }
  // The unchanged memo reads, so each case above failed for its own field.
  auto intact = parse_stat_record(with_memo_field("cost_usd", "0.0125"), false);
  REQUIRE(intact);
  CHECK(intact->answer);
}

}  // namespace samplemind
