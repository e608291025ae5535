// The category a file name states, and when it overrides the audio's.
#include <doctest/doctest.h>

#include "metadata/filename_category.hpp"

namespace samplemind::metadata {

TEST_CASE("filename category: words, pairs and loops") {
  CHECK(category_from_filename("Kick_01.wav") == "kick");
  CHECK(category_from_filename("808 BassDrum Hard.wav") == "kick");
  CHECK(category_from_filename("bass drum 2.wav") == "kick");
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

TEST_CASE("filename category: fills a null, decides within the audio's family, loses across families") {
  Features unknown;
  apply_filename_category(unknown, "Snare_07.wav");
  CHECK(unknown.category == "snare");
  CHECK(unknown.category_source == "filename");

  Features tom;
  tom.category = "tom";
  apply_filename_category(tom, "Kick_Deep.wav");
  CHECK(tom.category == "kick");
  CHECK(tom.category_source == "filename");

  Features pad;
  pad.category = "pad";
  apply_filename_category(pad, "Kick_Deep.wav");
  CHECK(pad.category == "pad");
  CHECK(pad.category_source == "audio");

  Features same;
  same.category = "kick";
  apply_filename_category(same, "Kick_Deep.wav");
  CHECK(same.category_source == "audio");  // both agree: the audio's reading stands

  Features drum_loop;  // "loop" alone leaves the audio's kind of loop
  drum_loop.category = "drum loop";
  apply_filename_category(drum_loop, "house_loop01.ogg");
  CHECK(drum_loop.category == "drum loop");
  CHECK(drum_loop.category_source == "audio");

  Features kicks;  // a drum word on a file the audio heard repeat: a drum loop
  kicks.category = "music loop";
  apply_filename_category(kicks, "rave_kick01.ogg");
  CHECK(kicks.category == "drum loop");
  CHECK(kicks.category_source == "filename");

  Features bass_line;  // a tonal word on one: a music loop
  bass_line.category = "drum loop";
  apply_filename_category(bass_line, "acid bass 03.wav");
  CHECK(bass_line.category == "music loop");

  Features riser;  // an effect word says nothing of the loop's kind
  riser.category = "drum loop";
  apply_filename_category(riser, "Riser 2.wav");
  CHECK(riser.category == "drum loop");
  CHECK(riser.category_source == "audio");
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

}  // namespace samplemind::metadata
