// File-name statements: a table of real-style sample names with the tempo, key and root each
// states (or must not state), plus the tokeniser and the shared key-text parser.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "metadata/filename_statements.hpp"
#include "metadata/filename_tokens.hpp"
#include "metadata/key_text.hpp"
#include "model/musical_key.hpp"

using namespace samplemind::metadata;

namespace {

// Pitch classes, to keep the table readable (not every one appears in it).
[[maybe_unused]] constexpr int C = 0, Cs = 1, D = 2, Eb = 3, E = 4, F = 5, Fs = 6, G = 7, Ab = 8, A = 9, Bb = 10, B = 11;

StatedKey minor(int pc) { return {pc, true}; }
StatedKey major(int pc) { return {pc, false}; }
StatedKey open_mode(int pc) { return {pc, std::nullopt}; }  // a key named without its mode
StatedRoot note(int pc) { return {pc, std::nullopt}; }
StatedRoot midi(int number) { return {number % 12, number}; }

struct NameCase {
  const char* file;
  std::optional<double> bpm;
  std::optional<StatedKey> key;
  std::optional<StatedRoot> root;
};

const std::vector<NameCase> k_names = {
    // Tempi, with and without "bpm"
    {"Amen Break 137 BPM.wav", 137.0, {}, {}},
    {"Bass_Am_120.wav", 120.0, minor(A), {}},
    {"loop_90bpm.wav", 90.0, {}, {}},
    {"House Loop 128-bpm.wav", 128.0, {}, {}},
    {"AmenBreak170BPM.wav", 170.0, {}, {}},
    {"BPM_128_Top_Loop.wav", 128.0, {}, {}},
    {"BPM128_Loop.wav", 128.0, {}, {}},
    {"bpm92 keys.wav", 92.0, {}, {}},
    {"120_Drum_Loop.wav", 120.0, {}, {}},
    {"Bass 137.5 BPM.wav", 137.5, {}, {}},
    {"Chant 30 BPM.wav", 30.0, {}, {}},                 // "bpm" widens the range to 30..300
    {"Loop 16 bars 120bpm.wav", 120.0, {}, {}},
    {"Lead 8 Bars 128.wav", 128.0, {}, {}},
    {"Loop 400bpm.wav", {}, {}, {}},                     // stated, but no tempo
    {"Room 40.wav", {}, {}, {}},                         // bare numbers need 50..250
    {"Synth Loop 90 120.wav", {}, {}, {}},               // two readings: no statement
    // Numbers that are not tempi
    {"Kick 909.wav", {}, {}, {}},
    {"Take 2.wav", {}, {}, {}},
    {"TR-808 Snare.wav", {}, {}, {}},
    {"Vol 3 Pad.wav", {}, {}, {}},
    {"Snare 01.wav", {}, {}, {}},
    {"Loop 090.wav", {}, {}, {}},                        // leading zero: a count
    {"beats_06-50.flac", {}, {}, {}},                    // a kit's numbered series (Hydrogen's rumpf kit)
    {"Loop 120-125.wav", {}, {}, {}},                    // a range states no one tempo
    {"Top Loop 2-128.wav", {}, {}, {}},                  // joined to a number: part of an index
    {"808 Bass.wav", {}, {}, {}},
    {"Breakbeat 1994.wav", {}, {}, {}},
    {"Sine 48k 24bit.wav", {}, {}, {}},
    {"Tone 44100.wav", {}, {}, {}},
    {"Hat 96 kHz.wav", {}, {}, {}},
    {"Texture 2023-05-01.wav", {}, {}, {}},
    {"Synth CS 80 Pad.wav", {}, {}, {}},                 // Yamaha CS-80
    {"SH 101 Bass Line.wav", {}, {}, {}},                // Roland SH-101
    {"DR_110_Kit_Loop.wav", {}, {}, {}},                 // Boss DR-110
    {"MPC 60 Drums.wav", {}, {}, {}},
    {"SO_TX_90_Piano_Loop_Cmaj.wav", 90.0, major(C), {}},  // a pack prefix, not a TX model
    {"CS_124_Bass_Loop.wav", 124.0, {}, {}},              // CS-124 is no model
    {"AB_CD_90_Loop.wav", {}, {}, {}},                   // "CD 90": a count word keeps any number
    {"Juno 106 Pad C.wav", {}, {}, note(C)},
    {"Perc Shot 100.wav", {}, {}, {}},
    {"yen100_desc_el.ogg", {}, {}, {}},                // tuxpaint: a coin's name, spoken
    {"Clap x2.wav", {}, {}, {}},
    // Identifiers (hashes, serials, download ids) are one opaque word
    {"r2efdee7ddb87.flac", {}, {}, {}},
    {"a0ec05fcac80.wav", {}, {}, {}},
    {"rf79a1732785b.wav", {}, {}, {}},
    {"3f2a9c8b7d61_bass.wav", {}, {}, {}},
    {"Bass_a1b2c3_120.wav", 120.0, {}, {}},            // the id says nothing; the 120 still does
    {"TR808Kick Loop 120.wav", 120.0, {}, {}},         // two changes: words and a model number
    {"TR808Kick 120.wav", {}, {}, {}},                 // a kick with no loop word: 120 counts hits
    {"Snare 101.wav", {}, {}, {}},
    {"percussion-50.wav", {}, {}, {}},                 // a desktop earcon set's index, not 50 BPM
    {"57.wav", {}, {}, {}},                            // a numbered slice or take (Asterisk's spoken "57")
    {"120.wav", {}, {}, {}},                           // a number alone: a sequence, not a tempo
    {"57 (2).wav", {}, {}, {}},                        // numbers only
    {"120bpm.wav", 120.0, {}, {}},                     // marked: still a tempo
    {"Vocal 100.wav", 100.0, {}, {}},                  // a bare tempo beside a word
    {"Clap 128 BPM.wav", 128.0, {}, {}},               // "bpm" still states a tempo
    {"Perc Loop 120.wav", 120.0, {}, {}},
    {"U00E5.ogg", {}, {}, {}},                         // KLettres: the letter å by its code point, not E5
    {"Voice U+00E6.wav", {}, {}, {}},
    {"u0066.wav", {}, {}, {}},
    {"Bass E5.wav", {}, {}, midi(76)},
    // Keys: a note with a mode
    {"Vocal Chop 2 Am.wav", {}, minor(A), {}},
    {"Vocal I Am Free 95 BPM.wav", 95.0, {}, {}},        // "I Am": the verb, not A minor
    {"Synth Lead F#min 128.wav", 128.0, minor(Fs), {}},
    {"Chords C# major 95bpm.wav", 95.0, major(Cs), {}},
    {"Pluck_Dbm_140.wav", 140.0, minor(Cs), {}},
    {"Strings Cmaj 100.wav", 100.0, major(C), {}},
    {"Guitar_G#m_85.wav", 85.0, minor(Ab), {}},
    {"Pad A min.wav", {}, minor(A), {}},
    {"Pad Amin.wav", {}, minor(A), {}},
    {"Organ A minor.wav", {}, minor(A), {}},
    {"Brass Stab Gm 110.wav", 110.0, minor(G), {}},
    {"Vox E\xE2\x99\xADm 90.wav", 90.0, minor(Eb), {}},  // E♭m
    {"Bass_Loop_90_Am.wav", 90.0, minor(A), {}},
    {"Lead Am 120 Cm.wav", 120.0, {}, {}},               // two keys: no statement
    {"Fm Chords.wav", {}, minor(F), {}},
    {"Arp_F_sharp_minor_128.wav", 128.0, minor(Fs), {}},  // accidentals spelled out
    {"Lead B Flat Major 120.wav", 120.0, major(Bb), {}},
    {"Guitar Csharp minor_00.wav", {}, minor(Cs), {}},
    {"Pad E flat.wav", {}, {}, note(Eb)},
    {"Sharp Lead Gm.wav", {}, minor(G), {}},               // "Sharp" alone is a word
    {"Flat_EQ_Pad.wav", {}, {}, {}},
    {"Lead_Loop_126bpm_key_F#.wav", 126.0, open_mode(Fs), {}},  // "key" names a key, its mode left open
    {"Guitar Riff - 110 BPM - Key of A.wav", 110.0, open_mode(A), {}},
    {"Vocal Chop 12 (Key C#m) 125bpm.wav", 125.0, minor(Cs), {}},
    {"Key Lime Pad.wav", {}, {}, {}},
    // Not keys
    {"FM Bass.wav", {}, {}, {}},
    {"fm_bass_loop_124.wav", 124.0, {}, {}},
    {"Dance Ambient Bass.wav", {}, {}, {}},
    {"Emotional Pad.wav", {}, {}, {}},
    {"a_loop.wav", {}, {}, {}},
    {"DnB Bass Loop 174.wav", 174.0, {}, {}},
    // Roots: notes without a mode
    {"bass_hit_c.flac", {}, {}, note(C)},
    {"bass_drop_c.flac", {}, {}, note(C)},               // Sonic Pi: a bass that drops in pitch, not a section
    {"Piano C3.wav", {}, {}, midi(48)},
    {"Piano C\xE2\x99\xAF" "3.wav", {}, {}, midi(49)},  // C♯3
    {"Pad A.wav", {}, {}, note(A)},
    {"Pad_A_2.wav", {}, {}, note(A)},
    {"Lead Bb.wav", {}, {}, note(Bb)},
    {"Bb 120 Bass Loop.wav", 120.0, {}, note(Bb)},
    {"Kick_C1.wav", {}, {}, midi(24)},
    {"Keys Ebmaj7.wav", {}, {}, note(Eb)},               // a chord: its root, not a key
    {"Chord Cm7.wav", {}, {}, note(C)},
    {"guit_em9.flac", {}, {}, note(E)},                  // Sonic Pi: lowercase chord on a pitched name
    {"kick_am7.wav", {}, {}, {}},                        // ...not on a drum
    {"FMBass E.wav", {}, {}, note(E)},
    {"808 C.wav", {}, {}, note(C)},
    {"SH101 Bass G.wav", {}, {}, note(G)},
    {"Bass \xFF\xFE C.wav", {}, {}, note(C)},            // not UTF-8: still parsed, no crash
    // Sample-library spellings: a velocity layer after the octave (Salamander Grand Piano) and
    // 's' for sharp before an octave (the Philharmonia Orchestra samples)
    {"C4v1.flac", {}, {}, midi(60)},
    {"D#4v8.flac", {}, {}, midi(63)},
    {"A0v16.flac", {}, {}, midi(21)},
    {"violin_As4_1_forte_arco-normal.mp3", {}, {}, midi(70)},
    {"cello_Cs3_05_piano_arco-normal.mp3", {}, {}, midi(49)},
    {"flute_Fs5_15_mezzo-forte_normal.mp3", {}, {}, midi(78)},
    {"Horn_Gs2_025_fortissimo.wav", {}, {}, midi(44)},
    {"As Long As You Can.wav", {}, {}, {}},              // 's' is a sharp only before an octave
    {"Bass_Es2.wav", {}, {}, {}},                        // ...and only for the five sharps music writes
    {"Lead C4v.wav", {}, {}, {}},                        // a velocity layer needs its number
    {"Pad_C4va.wav", {}, {}, {}},
    // Letters that are variations, not notes
    {"Drum A.wav", {}, {}, {}},
    {"Kick B.wav", {}, {}, {}},
    {"Bass Drum A.wav", {}, {}, {}},
    {"Guitar Take B.wav", {}, {}, {}},
    {"Pad Section A1.wav", {}, {}, {}},
    {"A Bass Line.wav", {}, {}, {}},
    {"Kick bb.wav", {}, {}, {}},
};

std::string pitch(int pc) { return std::string(samplemind::pitch_class_name(pc)); }

// "bpm=120 key=Am root=C3(48)": failures read as names, not as bytes.
std::string describe(const std::optional<double>& bpm, const std::optional<StatedKey>& key,
                     const std::optional<StatedRoot>& root) {
  std::string out = "bpm=" + (bpm ? std::to_string(*bpm).substr(0, std::to_string(*bpm).find('.') + 3) : "-");
  out += " key=" + (key ? pitch(key->tonic_pc) + (key->minor ? (*key->minor ? "m" : "maj") : "?") : "-");
  out += " root=" + (root ? pitch(root->pitch_class) + (root->midi ? "(" + std::to_string(*root->midi) + ")" : "") : "-");
  return out;
}

}  // namespace

TEST_CASE("metadata filename: the table of sample names") {
  CHECK(k_names.size() >= 40);
  for (const NameCase& row : k_names) {
    const std::string file = row.file;
    CAPTURE(file);
    const FileStatements got = statements_from_filename(row.file);
    CHECK(describe(got.bpm, got.key, got.root) == describe(row.bpm, row.key, row.root));
    CHECK(got.bpm_source == (row.bpm ? std::optional(StatementSource::filename) : std::nullopt));
    CHECK(got.key_source == (row.key ? std::optional(StatementSource::filename) : std::nullopt));
    CHECK(got.root_source == (row.root ? std::optional(StatementSource::filename) : std::nullopt));
  }
}

TEST_CASE("metadata filename: the stem only, not the folders or the extension") {
  CHECK(statements_from_filename("/samples/Bass 120 BPM Am/Kick.wav").empty());
  CHECK(statements_from_filename("/Pad Loops 100 BPM/Pad_Cmaj.wav.bak").key == major(C));  // stem "Pad_Cmaj.wav"
  CHECK_FALSE(statements_from_filename("/Pad Loops 100 BPM/Pad_Cmaj.wav.bak").bpm.has_value());
  CHECK(statements_from_stem(std::string(10000, 'A') + " 120 BPM").empty());  // cut at 255 bytes
  CHECK(statements_from_stem("").empty());
}

TEST_CASE("metadata filename: tokens split on separators and camel case") {
  using Tokens = std::vector<std::string>;
  CHECK(tokenise_name("Amen Break_137-BPM (final)") == Tokens{"Amen", "Break", "137", "BPM", "final"});
  CHECK(tokenise_name("AmenBreak137BPM") == Tokens{"Amen", "Break", "137", "BPM"});
  CHECK(tokenise_name("beats_06-50") == Tokens{"beats", "06-50"});
  CHECK(tokenise_name("Loop 128 - 2") == Tokens{"Loop", "128", "2"});  // spaced: still two words
  CHECK(tokenise_name("FMBass EbMaj F#Minor") == Tokens{"FM", "Bass", "Eb", "Maj", "F#", "Minor"});
  CHECK(tokenise_name("Loop120 x2 c3 eb3 137.5bpm v1.2") == Tokens{"Loop", "120", "x2", "c3", "eb3", "137.5bpm", "v1.2"});
  CHECK(tokenise_name("Ebmaj7 Csus4 Loopmaj7") == Tokens{"Ebmaj7", "Csus4", "Loopmaj", "7"});
  CHECK(tokenise_name("r2efdee7ddb87 TR808Kick a1b2c3") == Tokens{"r2efdee7ddb87", "TR808", "Kick", "a1b2c3"});
  CHECK(tokenise_name("DnB_RnB") == Tokens{"DnB", "RnB"});
  CHECK(tokenise_name("...").empty());
}

TEST_CASE("metadata key text: every notation a tag may hold") {
  CHECK(parse_key_text("Am") == StatedKey{9, true});
  CHECK(parse_key_text("A minor") == StatedKey{9, true});
  CHECK(parse_key_text("a min") == StatedKey{9, true});
  CHECK(parse_key_text("Amin") == StatedKey{9, true});
  CHECK(parse_key_text("AM") == StatedKey{9, true});            // all-caps tags: M is minor
  CHECK(parse_key_text("F#min") == StatedKey{6, true});
  CHECK(parse_key_text("C# major") == StatedKey{1, false});
  CHECK(parse_key_text("Dbm") == StatedKey{1, true});
  CHECK(parse_key_text("Abm") == StatedKey{8, true});
  CHECK(parse_key_text("Cmaj") == StatedKey{0, false});
  CHECK(parse_key_text("G#") == StatedKey{8, std::nullopt});
  CHECK(parse_key_text("Bb") == StatedKey{10, std::nullopt});
  CHECK(parse_key_text("F sharp minor") == StatedKey{6, true});
  CHECK(parse_key_text("B flat major") == StatedKey{10, false});
  CHECK(parse_key_text("E\xE2\x99\xAD m") == StatedKey{3, true});  // E♭ m
  CHECK(parse_key_text(" 8A ") == StatedKey{9, true});          // Camelot
  CHECK(parse_key_text("8B") == StatedKey{0, false});
  CHECK(parse_key_text("01A") == StatedKey{8, true});
  CHECK(parse_key_text("12A") == StatedKey{1, true});
  CHECK(parse_key_text("1m") == StatedKey{9, true});            // Open Key
  CHECK(parse_key_text("1d") == StatedKey{0, false});
  CHECK(parse_key_text("6m") == StatedKey{8, true});
  CHECK(parse_key_text("8A/Am") == StatedKey{9, true});
  CHECK(parse_key_text("Am / 8A") == StatedKey{9, true});
  CHECK(parse_key_text("Bb/Bbm") == StatedKey{10, true});
  for (const char* nothing : {"", "o", "H", "13A", "0A", "8C", "Am/Em", "8A/Em", "Am7", "A minor key of life",
                              "Cmajor scale", "\xFF\xFE", "Ambient", "Bass", "x", "/", "Am/"}) {
    CAPTURE(nothing);
    CHECK_FALSE(parse_key_text(nothing).has_value());
  }
  CHECK_FALSE(parse_key_text(std::string(33, 'A')).has_value());
}

TEST_CASE("metadata key text: Camelot codes agree with the wheel the features report") {
  for (int pc = 0; pc < 12; ++pc) {
    for (const bool is_minor : {false, true}) {
      const std::string code = samplemind::camelot_code(pc, is_minor);
      CAPTURE(code);
      CHECK(parse_key_text(code) == StatedKey{pc, is_minor});
      CHECK(parse_key_text(std::string(samplemind::pitch_class_name(pc)) + (is_minor ? "m" : "maj")) ==
            StatedKey{pc, is_minor});
    }
  }
}
