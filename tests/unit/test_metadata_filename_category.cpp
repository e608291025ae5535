// The category a file name states, and when it overrides the audio's.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "metadata/filename_category.hpp"
#include "metadata/stated_values.hpp"

namespace samplemind::metadata {

TEST_CASE("filename category: words, pairs and loops") {
  CHECK(category_from_filename("Kick_01.wav") == "kick");
  CHECK(category_from_filename("808 BassDrum Hard.wav") == "kick");
  CHECK(category_from_filename("bass drum 2.wav") == "kick");
  CHECK(category_from_filename("drum_bass_hard.flac") == "kick");  // Sonic Pi's bass drum
  CHECK(category_from_filename("Sub Drop 03.wav") == "fx");
  CHECK(category_from_filename("SubDrop_C.wav") == "fx");
  CHECK(category_from_filename("Sub Bass C.wav") == "bass");
  // plurals and pack words: "Percs 04", "Adlibs Hey", "vinyl_scratch" (Sonic Pi), "scratch01" (LMMS)
  CHECK(category_from_filename("Percs 04.wav") == "percussion");
  CHECK(category_from_filename("Crashes_Hard.wav") == "cymbal");
  CHECK(category_from_filename("Adlibs Hey.wav") == "vocal");
  CHECK(category_from_filename("vinyl_scratch.flac") == "fx");
  CHECK(category_from_filename("Hi Hat Open.flac") == "hat");
  CHECK(category_from_filename("OHH_dirty.wav") == "hat");
  CHECK(category_from_filename("Dark Pad C.wav") == "pad");
  CHECK(category_from_filename("Bass_Am_120.wav") == "bass");
  CHECK(category_from_filename("funk_drum_loop_96.wav") == "drum loop");
  CHECK(category_from_filename("Kick Loop 128.wav") == "drum loop");
  CHECK(category_from_filename("groove_street.wav") == "drum loop");
  CHECK(category_from_filename("latin guitar loop 100bpm.wav") == "music loop");
  CHECK(category_from_filename("Riser_Up.wav") == "fx");
  // beat and break are drum words; "loop" alone names no category (LMMS's and Sonic Pi's loops)
  CHECK(category_from_filename("electro_beat01.ogg") == "drum loop");
  CHECK(category_from_filename("hiphop beats 90.wav") == "drum loop");
  CHECK(category_from_filename("loop_tabla.flac") == "drum loop");
  CHECK(category_from_filename("rave_bass01 loop.ogg") == "music loop");
  CHECK_FALSE(category_from_filename("house_loop01.ogg"));
  CHECK_FALSE(category_from_filename("loop_amen_full.flac"));
  CHECK_FALSE(category_from_filename("Riser Loop.wav"));
  CHECK_FALSE(category_from_filename("r000623690d88.wav"));
  CHECK_FALSE(category_from_filename("untitled 3.wav"));
}

TEST_CASE("filename category: a stem is read whole, dots and all") {
  CHECK(category_from_stem("Snare 101") == "snare");
  CHECK(category_from_stem("Kick 137.5 Loop") == "drum loop");       // the stem keeps ".5 Loop"
  CHECK(category_from_filename("Kick 137.5 Loop") == "kick");          // a path takes ".5 Loop" for an extension
  CHECK(category_from_filename("Kick 137.5 Loop.wav") == "drum loop");
}

namespace {
// The category and its source after the name is applied to an audio reading (empty: null).
std::pair<std::string, std::string> after(const std::string& audio_category, const char* name) {
  Features f;
  if (!audio_category.empty()) f.category.emplace(audio_category);
  apply_filename_category(f, name);
  return {f.category ? *f.category : std::string(), f.category_source};
}

// An audio reading of a one-shot with a root.
Features rooted(const std::string& category, int midi, const std::string& note, const std::string& source) {
  Features f;
  f.category.emplace(category);
  f.root_midi = midi;
  f.root_note.emplace(note);
  f.root_source = source;
  return f;
}
using Reading = std::pair<std::string, std::string>;
}  // namespace

TEST_CASE("filename category: fills a null, decides within the audio's family, across it when unambiguous") {
  CHECK(after("", "Snare_07.wav") == Reading{"snare", "filename"});
  CHECK(after("tom", "Kick_Deep.wav") == Reading{"kick", "filename"});
  CHECK(after("kick", "Kick_Deep.wav") == Reading{"kick", "audio"});  // both agree: the audio's reading stands
  // across families a name with one meaning wins: pack names beat the audio's rules
  CHECK(after("pad", "Kick_Deep.wav") == Reading{"kick", "filename"});
  CHECK(after("bass", "Crash18-0.wav") == Reading{"cymbal", "filename"});  // ForzeeStereo's crash heard as a bass note
  CHECK(after("snare", "rave_bass02.ogg") == Reading{"bass", "filename"});
  // "sub" says bass, "kick" a drum: two meanings, the audio's fx stands
  CHECK(after("fx", "Sub Kick 3.wav") == Reading{"fx", "audio"});
  // within the audio's family the word of that family decides
  CHECK(after("kick", "99930__menegass__noise-tom0.wav") == Reading{"tom", "filename"});
  CHECK(after("hat", "FX_Chh_01.flac") == Reading{"hat", "audio"});
  // a loop word on a one-shot: the audio decides the kind, so nothing changes
  CHECK(after("percussion", "beats_06-50.flac") == Reading{"percussion", "audio"});
  // on a loop: "loop" alone leaves the audio's kind, a drum word makes a drum loop, a tonal one a music loop
  CHECK(after("drum loop", "house_loop01.ogg") == Reading{"drum loop", "audio"});
  CHECK(after("music loop", "rave_kick01.ogg") == Reading{"drum loop", "filename"});
  CHECK(after("drum loop", "acid bass 03.wav") == Reading{"music loop", "filename"});
  CHECK(after("drum loop", "Riser 2.wav") == Reading{"drum loop", "audio"});  // an effect word names no kind of loop

  Features held_loop;  // a loop the audio named like a one-shot ("bass": a held, rooted line)
  held_loop.kind = "loop";
  held_loop.category.emplace("bass");
  apply_filename_category(held_loop, "Kick Loop 128.wav");
  CHECK(held_loop.category == "drum loop");  // not "kick": it repeats
  held_loop.category.emplace("bass");
  apply_filename_category(held_loop, "Acid Bass Loop 128.wav");
  CHECK(held_loop.category == "bass");  // the name's word of the audio's family
}

TEST_CASE("filename category: a cymbal by its name loses the audio's root, a tom keeps it") {
  Features crash = rooted("bass", 29, "F1", "audio");  // ForzeeStereo's Crash18-0 heard as an F1 bass note
  apply_filename_category(crash, "Crash18-0.wav");
  CHECK(crash.category == "cymbal");
  CHECK_FALSE(crash.root_midi);
  CHECK_FALSE(crash.root_note);

  Features tom = rooted("chord", 43, "G2", "audio");  // Millo's tom_01 heard as a G2 chord: a tuned tom keeps it
  apply_filename_category(tom, "tom_01.flac");
  CHECK(tom.category == "tom");
  CHECK(tom.root_midi == 43);

  Features named_root = rooted("bass", 48, "C3", "filename");  // a root the file states stays
  apply_filename_category(named_root, "Ride C3.wav");
  CHECK(named_root.category == "cymbal");
  CHECK(named_root.root_midi == 48);
}

TEST_CASE("filename category: a drum by its name loses the audio key, never a stated one") {
  const auto keyed = [](std::string category, std::string key_source) {
    Features f;
    f.category = std::move(category);
    f.key = std::string(1, 'B');
    f.mode = "major";
    f.camelot = "1B";
    f.key_audio = "B major";
    f.key_confidence = 0.4;
    f.key_source = std::move(key_source);
    return f;
  };
  Features beat = keyed("music loop", "audio");
  apply_filename_category(beat, "electro_beat01.ogg");
  CHECK(beat.category == "drum loop");
  CHECK_FALSE(beat.key);
  CHECK_FALSE(beat.mode);
  CHECK_FALSE(beat.camelot);
  CHECK_FALSE(beat.key_audio);
  CHECK(beat.key_confidence == 0.0);

  Features snare = keyed("percussion", "audio");  // percussion keeps keys (bells); a snare does not
  apply_filename_category(snare, "Snare_Roll_03.wav");
  CHECK(snare.category == "snare");
  CHECK_FALSE(snare.key);

  Features stated = keyed("music loop", "filename");  // "Drum Loop Bm 120": the name states the key
  apply_filename_category(stated, "Drum Loop Bm 120.wav");
  CHECK(stated.category == "drum loop");
  CHECK(stated.key == "B");
  CHECK(stated.key_source == "filename");

  Features bass = keyed("lead", "audio");  // a tonal category from the name keeps the key
  apply_filename_category(bass, "Bass_Am_120.wav");
  CHECK(bass.category == "bass");
  CHECK(bass.key == "B");
}

TEST_CASE("filename category: the final values keep the audio's category beside the name's") {
  const auto final_of = [](const char* audio_category, const char* file, bool ignore_metadata) {
    Features f;
    f.category.emplace(audio_category);
    apply_file_statements(f, file, StatementOptions{ignore_metadata, std::nullopt});
    return f;
  };
  const Features crash = final_of("bass", "Crash18-0.wav", false);
  CHECK(crash.category == "cymbal");
  CHECK(crash.category_source == "filename");
  CHECK(crash.category_audio == "bass");  // the disagreement stays visible
  const Features agreed = final_of("kick", "Kick_Deep.wav", false);
  CHECK(agreed.category_audio == "kick");
  CHECK(agreed.category_source == "audio");
  const Features audio_only = final_of("bass", "Crash18-0.wav", true);  // --ignore-metadata
  CHECK(audio_only.category == "bass");
  CHECK(audio_only.category_audio == "bass");
}

}  // namespace samplemind::metadata
