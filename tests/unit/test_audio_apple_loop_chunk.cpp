// The Apple Loops 'basc' chunk: its fields from bytes, and from AIFF files where the chunk
// sits last, first (before COMM), damaged, or where no AIFF is (a WAV, a FIFO).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "audio/apple_loop_chunk.hpp"
#include "support/apple_loop_files.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::audio;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {
std::optional<AppleLoopChunk> parse(const std::string& body) {
  return parse_apple_loop_chunk({reinterpret_cast<const unsigned char*>(body.data()), body.size()});
}
constexpr double k_sine_seconds = 0.5;  // what write() puts in a file
}  // namespace

TEST_CASE("apple loop chunk: every field from the bytes, big endian") {
  const auto chunk = parse(basc_body({16, 57, 1, 4, 4, 0}));
  REQUIRE(chunk.has_value());
  CHECK(chunk->beats == 16);
  CHECK(chunk->key_midi == 57);
  CHECK(chunk->scale == AppleLoopScale::minor);
  CHECK(chunk->meter_numerator == 4);
  CHECK(chunk->meter_denominator == 4);
  CHECK_FALSE(chunk->one_shot);
  CHECK_FALSE(chunk->bpm.has_value());  // the tempo needs the file's length
  CHECK(parse(basc_body({16, 52, 2, 4, 4, 1}))->one_shot);
  CHECK(parse(basc_body({16, 52, 2, 4, 4, 1}))->scale == AppleLoopScale::major);
  CHECK(parse(basc_body({16, 52, 3, 4, 4, 0}))->scale == AppleLoopScale::neither);
  CHECK(parse(basc_body({16, 52, 4, 4, 4, 0}))->scale == AppleLoopScale::both);
  CHECK(parse(basc_body({16, 52, 9, 4, 4, 0}))->scale == AppleLoopScale::unknown);
}

TEST_CASE("apple loop chunk: no key, a key out of MIDI's range, and short bodies") {
  CHECK_FALSE(parse(basc_body({8, 0, 3, 4, 4, 0}))->key_midi.has_value());  // 0: "no key", not C-1
  CHECK_FALSE(parse(basc_body({8, 200, 1, 4, 4, 0}))->key_midi.has_value());
  CHECK_FALSE(parse(basc_body({8, 0xffff, 1, 4, 4, 0}))->key_midi.has_value());
  CHECK_FALSE(parse(basc_body({8, 57, 1, 4, 4, 0}, 15)).has_value());  // the meter cut off
  CHECK_FALSE(parse("").has_value());
  const auto no_loop_type = parse(basc_body({8, 57, 1, 4, 4, 1}, 16));
  REQUIRE(no_loop_type.has_value());
  CHECK_FALSE(no_loop_type->one_shot);  // the field is missing: a loop, as most are
}

TEST_CASE("apple loop chunk: read from an AIFF, last or first in its chunk list") {
  TempDir dir;
  const fs::path last = dir.path() / "last.aif";
  write(last, FileFormat::aiff);
  add_basc(last, {1, 60, 2, 4, 4, 0});
  auto chunk = read_apple_loop_chunk(last, k_sine_seconds);
  REQUIRE(chunk.has_value());
  CHECK(chunk->key_midi == 60);
  REQUIRE(chunk->bpm.has_value());
  CHECK(*chunk->bpm == doctest::Approx(120.0));  // one beat in half a second

  const fs::path first = dir.path() / "first.aif";
  write(first, FileFormat::aiff);
  add_basc(first, {2, 50, 1, 4, 4, 0}, true);  // before COMM: libsndfile's own reading has no length there
  chunk = read_apple_loop_chunk(first, k_sine_seconds);
  REQUIRE(chunk.has_value());
  CHECK(*chunk->bpm == doctest::Approx(240.0));
  // The file still decodes, the chunk read beside it.
  auto decoder = AudioDecoder::open(first);
  REQUIRE(decoder.ok());
  REQUIRE(decoder->loop_metadata().has_value());
  REQUIRE(decoder->loop_metadata()->apple_loop.has_value());
  CHECK(decoder->loop_metadata()->apple_loop->key_midi == 50);
}

TEST_CASE("apple loop chunk: a tempo only for a meter in quarter notes and a sane beat count") {
  TempDir dir;
  const auto bpm_of = [&](const BascFields& fields, double seconds = k_sine_seconds) {
    const fs::path path = dir.path() / "loop.aif";
    write(path, FileFormat::aiff);
    add_basc(path, fields);
    const auto chunk = read_apple_loop_chunk(path, seconds);
    REQUIRE(chunk.has_value());
    return chunk->bpm;
  };
  CHECK(bpm_of({1, 57, 1, 3, 4, 0}).has_value());        // 3/4: beats are quarter notes
  CHECK_FALSE(bpm_of({3, 57, 1, 6, 8, 0}).has_value());  // 6/8: which beat a tempo counts is unsaid
  CHECK_FALSE(bpm_of({1, 57, 1, 4, 0, 0}).has_value());  // no meter
  CHECK_FALSE(bpm_of({0, 57, 1, 4, 4, 0}).has_value());  // no beats
  CHECK_FALSE(bpm_of({5000, 57, 1, 4, 4, 0}).has_value());
  CHECK_FALSE(bpm_of({1, 57, 1, 4, 4, 0}, 0.0).has_value());
}

TEST_CASE("apple loop chunk: damaged lists and files that are no AIFF state nothing") {
  TempDir dir;
  const fs::path claims_more = dir.path() / "claims.aif";
  write(claims_more, FileFormat::aiff);
  insert_aiff_chunk(claims_more, "basc", basc_body({8, 57, 1, 4, 4, 0}), false, 1 << 30);
  CHECK_FALSE(read_apple_loop_chunk(claims_more, k_sine_seconds).has_value());

  const fs::path cut = dir.path() / "cut.aif";
  write(cut, FileFormat::aiff);
  insert_aiff_chunk(cut, "basc", basc_body({8, 57, 1, 4, 4, 0}, 10));
  CHECK_FALSE(read_apple_loop_chunk(cut, k_sine_seconds).has_value());
  auto decoder = AudioDecoder::open(cut);
  REQUIRE(decoder.ok());  // and libsndfile's own reading of the cut chunk (into the next) is not used
  CHECK_FALSE(decoder->loop_metadata().has_value());

  const fs::path wav = dir.path() / "loop.wav";  // a WAV is never read for a basc chunk
  write(wav, FileFormat::wav16);
  CHECK_FALSE(read_apple_loop_chunk(wav, k_sine_seconds).has_value());

  const fs::path fifo = dir.path() / "pipe.aif";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(read_apple_loop_chunk(fifo, k_sine_seconds).has_value());  // returns, never blocks
  CHECK_FALSE(read_apple_loop_chunk(dir.path() / "missing.aif", k_sine_seconds).has_value());
}
