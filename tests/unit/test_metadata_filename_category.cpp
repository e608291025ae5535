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
}

}  // namespace samplemind::metadata
