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

}  // namespace

TEST_CASE("stat record: written and read back, with and without features") {
  Features features;
  features.tempo_bpm = 124.0;
  features.category = "kick";
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
