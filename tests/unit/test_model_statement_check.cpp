// --check-statements: a file's stated tempo, key and root against its audio's readings, with
// the allowances the audio needs (an octave, a related key, another octave of the root).
#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "audio/feature_extractor.hpp"
#include "metadata/stated_values.hpp"
#include "model/statement_check.hpp"
#include "support/audio_writer.hpp"
#include "support/loop_renderer.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

// Audio readings as the extractor reports them: a loop read at bpm (its half second), in A minor.
Features audio_loop(double bpm) {
  Features f;
  f.kind = "loop";
  f.duration_s = 60.0 / bpm * 8;
  f.tempo_bpm_audio = bpm;
  f.tempo_confidence = 0.9;
  f.tempo_candidates = {{bpm, 0.9}, {bpm / 2.0, 0.05}};
  f.key.emplace("A");  // emplace: assigning a literal trips GCC 12's -Wrestrict false positive
  f.mode.emplace("minor");
  f.key_audio.emplace("A minor");
  return f;
}

// A file name and the verdict its statement should get.
struct Case {
  const char* name;
  StatementVerdict verdict;
};

// The check after the final values are made with what `name` states (as a batch does).
StatementCheck check_named(Features f, const std::string& name) {
  resolve_stated_values(f, statements_from_file_name(name), StatementOptions{});
  return check_statements(f);
}

// Each name's verdict on one field (and a contradiction exactly when that verdict is one).
void check_verdicts(const Features& audio, std::optional<StatementVerdict> StatementCheck::*field,
                    std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const StatementCheck check = check_named(audio, c.name);
    REQUIRE((check.*field).has_value());
    CHECK(*(check.*field) == c.verdict);
    CHECK(check.disagrees() == (c.verdict == StatementVerdict::disagrees));
  }
}

TEST_CASE("statement check: a file that states nothing checks nothing") {
  const StatementCheck check = check_named(audio_loop(97.0), "loop 07.wav");
  CHECK_FALSE(check.states_anything());
  CHECK_FALSE(check.disagrees());
}

TEST_CASE("statement check: a stated tempo agrees within 4% or an octave away, else it is named") {
  check_verdicts(audio_loop(97.0), &StatementCheck::tempo,
                 {{"drums_97bpm.wav", StatementVerdict::agrees}, {"drums_100bpm.wav", StatementVerdict::agrees},
                  {"drums_194bpm.wav", StatementVerdict::agrees}, {"drums_49bpm.wav", StatementVerdict::agrees},
                  {"drums_102bpm.wav", StatementVerdict::disagrees}, {"drums_120bpm.wav", StatementVerdict::disagrees},
                  {"drums_146bpm.wav", StatementVerdict::disagrees}});
  const StatementCheck wrong = check_named(audio_loop(97.0), "drums_120bpm.wav");
  REQUIRE(wrong.disagreements.size() == 1);
  CHECK(wrong.disagreements[0] == "its file name states 120 BPM; its audio reads 97 BPM");
}

TEST_CASE("statement check: the audio's second candidate counts, and no reading leaves the tempo unchecked") {
  Features f = audio_loop(180.0);
  f.tempo_candidates = {{180.0, 0.7}, {120.0, 0.3}};  // a 3:2 reading beside the top one
  CHECK(*check_named(f, "bass_120bpm.wav").tempo == StatementVerdict::agrees);

  Features hit = audio_loop(120.0);
  hit.kind = "one-shot";
  hit.tempo_bpm_audio.reset();
  // Its candidates stay: a reading the audio did not claim as a tempo checks nothing.
  const StatementCheck check = check_named(hit, "hit_128bpm.wav");
  CHECK(*check.tempo == StatementVerdict::unchecked);
  CHECK_FALSE(check.disagrees());
}

TEST_CASE("statement check: a stated key agrees when it is the audio's, its relative, parallel or a fifth away") {
  check_verdicts(audio_loop(120.0), &StatementCheck::key,
                 {{"pad_Am.wav", StatementVerdict::agrees}, {"pad_C_major.wav", StatementVerdict::agrees},
                  {"pad_Em.wav", StatementVerdict::agrees}, {"pad_Dm.wav", StatementVerdict::agrees},
                  {"pad_A_major.wav", StatementVerdict::agrees}, {"pad_F#m.wav", StatementVerdict::disagrees},
                  {"pad_Bbm.wav", StatementVerdict::disagrees}, {"pad_G_major.wav", StatementVerdict::disagrees},
                  {"pad_E_major.wav", StatementVerdict::disagrees}});
  const StatementCheck wrong = check_named(audio_loop(120.0), "pad_F#m.wav");
  REQUIRE(wrong.disagreements.size() == 1);
  CHECK(wrong.disagreements[0] == "its file name states F# minor; its audio reads A minor");

  Features keyless = audio_loop(120.0);
  keyless.key.reset();
  keyless.mode.reset();
  keyless.key_audio.reset();
  CHECK(*check_named(keyless, "drums_Am.wav").key == StatementVerdict::unchecked);
}

TEST_CASE("statement check: a key the wheel rejects agrees when it fits the pitch classes about as well as the best") {
  Features excerpt = audio_loop(120.0);  // the audio reads E minor from a profile of C major's scale
  excerpt.key.emplace("E");
  excerpt.key_audio.emplace("E minor");
  //                    C     C#    D     D#    E     F     F#    G     G#    A     A#    B
  excerpt.pitch_classes = {1.0f, 0.0f, 0.42f, 0.0f, 0.53f, 0.37f, 0.0f, 0.77f, 0.0f, 0.38f, 0.21f, 0.3f};
  check_verdicts(excerpt, &StatementCheck::key,
                 {{"pad_C_major.wav", StatementVerdict::agrees},     // the profile's best key
                  {"pad_D_major.wav", StatementVerdict::disagrees},  // two fifths away: fits far worse
                  {"pad_Bbm.wav", StatementVerdict::disagrees}});
  excerpt.pitch_classes.clear();  // an entry from before pitch classes: the wheel alone
  check_verdicts(excerpt, &StatementCheck::key, {{"pad_C_major.wav", StatementVerdict::disagrees}});
}

TEST_CASE("statement check: a stated root agrees in any octave, a tag's tempo is named as a tag's") {
  Features bass;
  bass.kind = "one-shot";
  bass.root_midi = 36;
  bass.root_note.emplace("C2");
  bass.root_note_audio.emplace("C2");
  CHECK(*check_named(bass, "bass_hit_c.wav").root == StatementVerdict::agrees);
  CHECK(*check_named(bass, "Bass C3.wav").root == StatementVerdict::agrees);
  const StatementCheck wrong = check_named(bass, "bass_hit_d.wav");
  REQUIRE(wrong.root.has_value());
  CHECK(*wrong.root == StatementVerdict::disagrees);
  REQUIRE(wrong.disagreements.size() == 1);
  CHECK(wrong.disagreements[0] == "its file name states the root note D; its audio reads C2");

  Features tagged = audio_loop(97.0);
  tagged.stated.bpm = 136.5;
  tagged.stated.bpm_source = "tag";
  const StatementCheck tag = check_named(tagged, "loop.wav");
  REQUIRE(tag.disagreements.size() == 1);
  CHECK(tag.disagreements[0] == "its tags state 136.5 BPM; its audio reads 97 BPM");
}

// A guitar strum of D#m7 (D# F# A# C#) as the audio reads it: the root of its strongest triad,
// F# major, with the profile that triad sits in (d_sharp: how strongly D# itself sounds).
Features strum_read_as(const char* audio_root, float d_sharp) {
  Features f;
  f.kind = "one-shot";
  f.root_note.emplace(audio_root);
  f.root_note_audio.emplace(audio_root);
  //                C     C#    D     D#       E     F     F#    G     G#    A     A#    B
  f.pitch_classes = {0.1f, 0.8f, 0.1f, d_sharp, 0.1f, 0.2f, 1.0f, 0.1f, 0.2f, 0.1f, 0.9f, 0.1f};
  return f;
}

TEST_CASE("statement check: a chord's stated root agrees with the triad read inside it only when it sounds") {
  // A third, a tritone or a fifth above the stated root, with D# sounding: a chord on D#.
  for (const char* reading : {"F#3", "G3", "A3", "A#3"}) {
    CAPTURE(reading);
    CHECK(*check_named(strum_read_as(reading, 0.7f), "Strum D#m7.wav").root == StatementVerdict::agrees);
  }
  // Any other step, or a D# that does not sound, or no profile (an entry from before it): named.
  CHECK(*check_named(strum_read_as("F3", 0.7f), "Strum D#m7.wav").root == StatementVerdict::disagrees);
  CHECK(*check_named(strum_read_as("B3", 0.7f), "Strum D#m7.wav").root == StatementVerdict::disagrees);
  CHECK(*check_named(strum_read_as("F#3", 0.3f), "Strum D#m7.wav").root == StatementVerdict::disagrees);
  // From C6 up a note's profile holds too few harmonics to tell a chord: no chord is read there.
  CHECK(*check_named(strum_read_as("F#5", 0.7f), "Strum D#m7.wav").root == StatementVerdict::agrees);
  CHECK(*check_named(strum_read_as("F#6", 0.7f), "Strum D#m7.wav").root == StatementVerdict::disagrees);
  Features old_entry = strum_read_as("F#3", 0.7f);
  old_entry.pitch_classes.clear();
  const StatementCheck strict = check_named(old_entry, "Strum D#m7.wav");
  REQUIRE(strict.disagreements.size() == 1);
  CHECK(strict.disagreements[0] == "its file name states the root note D#; its audio reads F#3");
}

TEST_CASE("statement check: a rendered loop named with its own tempo agrees, named with another it is caught") {
  audio::LoopSpec spec;
  spec.bpm = 100;
  spec.bars = 2;
  spec.drums = audio::DrumStyle::rock;
  const std::vector<float> loop = audio::render_loop(spec);
  testing::TempDir dir;
  for (const char* name : {"Rock Loop 100 BPM.wav", "Rock Loop 128 BPM.wav"}) {
    CAPTURE(name);
    const auto path = dir.path() / name;
    REQUIRE(audio::write_audio_file(path, loop, audio::WriteOptions{}).ok);
    const Features f = testing::final_features(path);
    REQUIRE(f.tempo_bpm_audio.has_value());
    const StatementCheck check = check_statements(f);
    REQUIRE(check.tempo.has_value());
    const bool named_right = std::string(name).find("100") != std::string::npos;
    CHECK(*check.tempo == (named_right ? StatementVerdict::agrees : StatementVerdict::disagrees));
  }
}

}  // namespace
}  // namespace samplemind
