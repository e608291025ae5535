// Renders the bundled samples/ folder: small, generated, licence-clean files with
// known answers (listed in samples/README.md). Usage: gen_samples OUTPUT_DIR
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "support/audio_writer.hpp"
#include "support/loop_renderer.hpp"

using namespace samplemind::audio;

namespace {

struct SampleFile {
  std::string name;
  std::vector<float> samples;
  WriteOptions options;
};

std::vector<SampleFile> bundled_samples() {
  std::vector<SampleFile> files;
  // 4-bar A minor chord and bass loop (i-iv-V-i) with melody at 120 BPM, stereo FLAC.
  LoopSpec amber{.bpm = 120, .bars = 4, .tonic = 9, .minor = true, .melody = true, .progression = 1,
                 .sample_rate = 22050, .channels = 2, .seed = 11};
  files.push_back({"loop_amber.flac", render_loop(amber), {.sample_rate = 22050, .channels = 2, .format = FileFormat::flac}});
  // 2-bar drum loop at 90 BPM, mono 16-bit WAV.
  LoopSpec street{.bpm = 90, .bars = 2, .chords = false, .bass = false, .drums = DrumStyle::rock,
                  .sample_rate = 22050, .channels = 1, .seed = 12};
  files.push_back({"groove_street.wav", render_loop(street), {.sample_rate = 22050, .channels = 1, .format = FileFormat::wav16}});
  // 2-bar C major loop with drums at 100 BPM, mono AIFF.
  LoopSpec sunrise{.bpm = 100, .bars = 2, .tonic = 0, .minor = false, .melody = true,
                   .drums = DrumStyle::four_on_floor, .progression = 1, .chord_timbre = Timbre::organ,
                   .sample_rate = 22050, .channels = 1, .seed = 13};
  files.push_back({"loop_sunrise.aif", render_loop(sunrise), {.sample_rate = 22050, .channels = 1, .format = FileFormat::aiff}});
  // Kick drum one-shot, mono 24-bit WAV.
  files.push_back({"hit_thump.wav", render_drum_hit(DrumHit::kick, 44100, 14),
                   {.sample_rate = 44100, .channels = 1, .format = FileFormat::wav24}});
  // Pitched pluck one-shot on C3 (MIDI 48), mono FLAC.
  files.push_back({"pluck_glass.flac", render_pitched_hit(48, Timbre::pluck, 1.2, 44100),
                   {.sample_rate = 44100, .channels = 1, .format = FileFormat::flac}});
  // 2-bar E minor loop at 140 BPM, stereo WAV, tagged with an ACID chunk (tempo from metadata).
  LoopSpec tag{.bpm = 140, .bars = 2, .tonic = 4, .minor = true, .drums = DrumStyle::breakbeat, .progression = 2,
               .sample_rate = 22050, .channels = 2, .seed = 15};
  files.push_back({"tagged_ember.wav", render_loop(tag),
                   {.sample_rate = 22050, .channels = 2, .format = FileFormat::wav16, .acid_bpm = 140.0, .acid_beats = 8}});
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: gen_samples OUTPUT_DIR\n");
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  std::filesystem::create_directories(folder);
  for (const SampleFile& file : bundled_samples()) {
    const samplemind::Status status = write_audio_file(folder / file.name, file.samples, file.options);
    if (!status) {
      std::fprintf(stderr, "gen_samples: %s: %s\n", file.name.c_str(), status.error.c_str());
      return 1;
    }
    std::printf("%s\n", (folder / file.name).c_str());
  }
  return 0;
}
