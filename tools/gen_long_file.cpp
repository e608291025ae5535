// Writes a long stereo FLAC (a 4-bar loop repeated) for the memory benchmark, in
// blocks so the generator itself stays small. Usage: gen_long_file OUT.flac SECONDS
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <sndfile.h>

#include "support/loop_renderer.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_long_file OUT.flac SECONDS\n");
    return 2;
  }
  using namespace samplemind::audio;
  const LoopSpec spec{.bpm = 124, .bars = 4, .tonic = 2, .minor = true, .melody = true,
                      .drums = DrumStyle::four_on_floor, .sample_rate = 44100, .channels = 2, .seed = 5};
  const std::vector<float> loop = render_loop(spec);
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 2;
  info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(argv[1], SFM_WRITE, &info);
  if (file == nullptr) {
    std::fprintf(stderr, "gen_long_file: %s\n", sf_strerror(nullptr));
    return 1;
  }
  const long long total_frames = static_cast<long long>(std::atof(argv[2]) * 44100);
  const long long loop_frames = static_cast<long long>(loop.size() / 2);
  for (long long written = 0; written < total_frames; written += loop_frames) {
    const long long frames = std::min(loop_frames, total_frames - written);
    sf_writef_float(file, loop.data(), frames);
  }
  sf_close(file);
  return 0;
}
