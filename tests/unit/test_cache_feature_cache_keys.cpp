// The keys the feature cache stores under: stat-record keys clustered by folder and named
// by the absolute, normal path; the legacy key; the content key with the extractor version.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "audio/feature_extractor.hpp"
#include "cache/feature_cache_keys.hpp"
#include "cache/sha256.hpp"

namespace samplemind {

TEST_CASE("feature cache keys: stat keys of one folder share their first 24 hex digits") {
  const std::string a = file_stat_key("/library/drums/kick.wav");
  const std::string b = file_stat_key("/library/drums/snare.wav");
  const std::string c = file_stat_key("/library/bass/kick.wav");
  REQUIRE(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a.substr(0, 24) == b.substr(0, 24));
  CHECK(a.substr(0, 24) != c.substr(0, 24));
  CHECK(a != b);
  CHECK(a.substr(24) != c.substr(24));
  CHECK(legacy_file_stat_key("/library/drums/kick.wav") == sha256_hex("path\n/library/drums/kick.wav"));
}

TEST_CASE("feature cache keys: a stat key names the absolute, normal path however it was spelt") {
  const std::filesystem::path cwd = std::filesystem::current_path();
  const std::string expected = sha256_hex("folder\n" + (cwd / "drums").string()).substr(0, 24) +
                               sha256_hex("path\n" + (cwd / "drums/kick.wav").string()).substr(0, 40);
  CHECK(file_stat_key("drums/kick.wav") == expected);
  CHECK(file_stat_key("./drums/kick.wav") == expected);
  CHECK(file_stat_key("drums//x/../kick.wav") == expected);
  CHECK(file_stat_key(cwd / "drums" / "." / "kick.wav") == expected);
  CHECK(file_stat_key(cwd / "drums/kick.wav") == expected);
  // The folder part remembered between calls must follow the folder, in any order of calls.
  CHECK(file_stat_key("/a/x.wav").substr(0, 24) == sha256_hex("folder\n/a").substr(0, 24));
  CHECK(file_stat_key("/b/x.wav").substr(0, 24) == sha256_hex("folder\n/b").substr(0, 24));
  CHECK(file_stat_key("/a/y.wav").substr(0, 24) == sha256_hex("folder\n/a").substr(0, 24));
}

TEST_CASE("feature cache keys: a path is made absolute and normal as text") {
  const std::string cwd = std::filesystem::current_path().string();
  CHECK(keyed_path("/library/drums/kick.wav") == "/library/drums/kick.wav");
  CHECK(keyed_path("/library/./drums//kick.wav") == "/library/drums/kick.wav");
  CHECK(keyed_path("/library/bass/../drums/kick.wav") == "/library/drums/kick.wav");
  CHECK(keyed_path("drums/kick.wav") == (std::filesystem::path(cwd) / "drums/kick.wav").string());
  CHECK(keyed_path("./drums/../kick.wav") == (std::filesystem::path(cwd) / "kick.wav").string());
  // A name that merely starts with dots is a name, not a "." or ".." component.
  CHECK(keyed_path("/library/..hidden/.kick.wav") == "/library/..hidden/.kick.wav");
}

TEST_CASE("feature cache keys: content is keyed with the extractor version") {
  const std::string sha = sha256_hex("some audio");
  CHECK(feature_cache_key(sha) == sha + "-x" + std::to_string(k_extractor_version));
  CHECK(feature_cache_key(sha) != feature_cache_key(sha256_hex("other audio")));
}

}  // namespace samplemind
