// The user's tempo range (--tempo-range): what it accepts, and how it moves an audio
// reading (its other candidate first, else whole octaves) while stated tempos stay put.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "audio/feature_extractor.hpp"
#include "metadata/stated_values.hpp"
#include "model/tempo_range.hpp"
#include "support/loop_renderer.hpp"

namespace samplemind {
namespace {

// A loop as the extractor reports one: reading first, its other candidate second.
Features loop_read_at(double bpm, double other_bpm) {
  Features f;
  f.kind = "loop";
  f.duration_s = 60.0 / bpm * 8;
  f.tempo_bpm_audio = bpm;
  f.tempo_bpm = bpm;
  f.tempo_confidence = 0.9;
  f.tempo_candidates = {{bpm, 0.9}, {other_bpm, 0.0812}};
  return f;
}

TEST_CASE("tempo range: the forms a user writes are read, with or without a bpm suffix") {
  for (const char* text : {"70-180", "70..180", " 70 - 180 ", "70bpm-180BPM", "70.5..180.25"}) {
    CAPTURE(text);
    const auto range = parse_tempo_range(text, "--tempo-range");
    REQUIRE(range.ok());
    CHECK(range->min_bpm == doctest::Approx(std::string(text).find(".5") != std::string::npos ? 70.5 : 70.0));
    CHECK(range->max_bpm >= 180.0);
  }
  const auto octave = parse_tempo_range("60-120", "--tempo-range");
  REQUIRE(octave.ok());
  CHECK(octave->contains(60.0));
  CHECK(octave->contains(120.0));
  CHECK_FALSE(octave->contains(120.01));
  CHECK(parse_tempo_range("58-115", "--tempo-range").ok());  // a DJ-software preset, a hair under an octave
}

TEST_CASE("tempo range: malformed ranges are errors that name the setting and say what is wrong") {
  struct Bad {
    const char* text;
    const char* says;
  };
  for (const Bad& bad : {Bad{"120", "two tempos"}, Bad{"", "two tempos"}, Bad{"180-70", "above MIN"},
                         Bad{"120-120", "above MIN"}, Bad{"nan-200", "SAMPLEMIND_TEMPO_RANGE"},
                         Bad{"70-inf", "SAMPLEMIND_TEMPO_RANGE"}, Bad{"5-180", "20"}, Bad{"70-9000", "500"},
                         Bad{"70-", "SAMPLEMIND_TEMPO_RANGE"}, Bad{"-180", "SAMPLEMIND_TEMPO_RANGE"},
                         Bad{"seventy-180", "SAMPLEMIND_TEMPO_RANGE"}, Bad{"70-180-200", "SAMPLEMIND_TEMPO_RANGE"}}) {
    CAPTURE(bad.text);
    const auto range = parse_tempo_range(bad.text, "SAMPLEMIND_TEMPO_RANGE");
    REQUIRE_FALSE(range.ok());
    CHECK(range.error().find("SAMPLEMIND_TEMPO_RANGE") != std::string::npos);
    CHECK(range.error().find(bad.says) != std::string::npos);
  }
}

TEST_CASE("tempo range: a rejected text is shown with control characters escaped and cut short") {
  const auto escaped = parse_tempo_range("\x1b[31m70", "--tempo-range");
  REQUIRE_FALSE(escaped.ok());
  CHECK(escaped.error().find('\x1b') == std::string::npos);
  const auto long_text = parse_tempo_range(std::string(1000, '7'), "--tempo-range");
  REQUIRE_FALSE(long_text.ok());
  CHECK(long_text.error().size() < 300);
}

TEST_CASE("tempo range: a reading inside is kept, one outside takes its candidate inside with its confidence") {
  const TempoRange range{70.0, 180.0};
  Features inside = loop_read_at(120.0, 60.0);
  apply_tempo_range(inside, range);
  CHECK(*inside.tempo_bpm == 120.0);
  CHECK(inside.tempo_confidence == 0.9);

  Features fast = loop_read_at(194.0, 97.0);  // Sonic Pi's 97 BPM loops read 194
  apply_tempo_range(fast, range);
  CHECK(*fast.tempo_bpm == 97.0);
  CHECK(fast.tempo_confidence == 0.081);     // the candidate's own share as printed, not the first reading's
  CHECK(*fast.tempo_bpm_audio == 194.0);     // the extractor's reading stays visible
  CHECK(fast.tempo_source == "audio");

  Features slow = loop_read_at(74.0, 148.0);  // a 148 BPM groove read at half tempo
  apply_tempo_range(slow, TempoRange{80.0, 170.0});
  CHECK(*slow.tempo_bpm == 148.0);
}

TEST_CASE("tempo range: without a candidate inside, the reading moves by whole octaves (2 decimals)") {
  Features f = loop_read_at(194.5, 291.75);  // the other candidate (3:2) is outside too
  apply_tempo_range(f, TempoRange{70.0, 180.0});
  CHECK(*f.tempo_bpm == 97.25);
  CHECK(f.tempo_confidence == 0.9);  // the same pulse at another octave keeps its confidence
  Features odd = loop_read_at(48.625 * 4, 1000.0);
  apply_tempo_range(odd, TempoRange{40.0, 80.0});
  CHECK(*odd.tempo_bpm == doctest::Approx(48.63));  // 48.625 printed to 2 decimals
  Features slow = loop_read_at(31.0, 15.5);
  apply_tempo_range(slow, TempoRange{100.0, 200.0});
  CHECK(*slow.tempo_bpm == 124.0);
  // A range narrower than an octave: 115.3 has no octave in 58-115, and lies 0.004 octaves
  // above it where its half (57.65) would lie 0.009 below.
  Features gap = loop_read_at(115.3, 230.6);
  apply_tempo_range(gap, TempoRange{58.0, 115.0});
  CHECK(*gap.tempo_bpm == 115.3);
  Features low_gap = loop_read_at(57.9, 231.6);
  apply_tempo_range(low_gap, TempoRange{58.0, 115.0});
  CHECK(*low_gap.tempo_bpm == 57.9);  // 115.8 lies 0.01 octaves above, 57.9 only 0.002 below
}

TEST_CASE("tempo range: stated tempos, one-shots and ignore-metadata") {
  const TempoRange range{70.0, 180.0};
  Features stated = loop_read_at(194.0, 97.0);
  stated.stated.bpm = 200.0;  // an ACID chunk says 200: a statement is never moved
  stated.stated.bpm_source = "acid";
  resolve_stated_values(stated, {}, StatementOptions{false, range});
  CHECK(*stated.tempo_bpm == 200.0);
  CHECK(stated.tempo_source == "acid");

  resolve_stated_values(stated, {}, StatementOptions{true, range});  // --ignore-metadata: the audio, in range
  CHECK(*stated.tempo_bpm == 97.0);
  CHECK(stated.tempo_source == "audio");
  resolve_stated_values(stated, {}, StatementOptions{true, range});  // applied again: the same answer
  CHECK(*stated.tempo_bpm == 97.0);
  CHECK(stated.tempo_confidence == 0.081);

  Features hit;  // a one-shot has no tempo to move
  hit.kind = "one-shot";
  resolve_stated_values(hit, {}, StatementOptions{false, range});
  CHECK_FALSE(hit.tempo_bpm.has_value());
}

TEST_CASE("tempo range: a rendered 4/4 loop read at 120 BPM is reported at 240 in a 130-260 range") {
  audio::LoopSpec spec;
  spec.bpm = 120;
  spec.bars = 2;
  spec.drums = audio::DrumStyle::rock;
  spec.sample_rate = 22050;
  const std::vector<float> loop = audio::render_loop(spec);
  Features f = extract_features_from_signal(loop, spec.sample_rate, 1);
  REQUIRE(f.tempo_bpm_audio.has_value());
  CAPTURE(*f.tempo_bpm_audio);
  REQUIRE(std::abs(*f.tempo_bpm_audio - 120.0) < 0.5);  // the extractor reads the written tempo
  resolve_stated_values(f, {}, StatementOptions{false, TempoRange{130.0, 260.0}});
  CHECK(*f.tempo_bpm == doctest::Approx(240.0).epsilon(0.005));
  CHECK(*f.tempo_bpm_audio == doctest::Approx(120.0).epsilon(0.005));
  resolve_stated_values(f, {}, StatementOptions{});  // no range: the reading as it is
  CHECK(*f.tempo_bpm == doctest::Approx(120.0).epsilon(0.005));
}

}  // namespace
}  // namespace samplemind
