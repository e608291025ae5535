// Benchmark baselines: decodes every file (streamed, like samplemind) and does nothing
// else, so scripts/bench_features.sh can show extraction cost over decode cost. With
// --loudness it also feeds samplemind's loudness stage (libebur128 integrated mode at
// the file's rate and channels, plus peak and RMS): the part of extraction that cannot
// move to the lower analysis rate.
// Usage: bench_decode_only [--loudness] FILE...
#include <cstdio>
#include <cstring>
#include <vector>

#include "audio/loudness_stage.hpp"
#include "samplemind/audio_decoder.hpp"

int main(int argc, char** argv) {
  double checksum = 0.0;
  long long frames_total = 0;
  int first = 1;
  const bool loudness = argc > 1 && std::strcmp(argv[1], "--loudness") == 0;
  if (loudness) first = 2;
  for (int i = first; i < argc; ++i) {
    auto decoder = samplemind::AudioDecoder::open(argv[i]);
    if (!decoder) continue;
    samplemind::audio::LoudnessStage stage(decoder->info().sample_rate, decoder->info().channels);
    std::vector<float> block;
    while (const std::size_t frames = decoder->read_interleaved(block, 4096)) {
      frames_total += static_cast<long long>(frames);
      checksum += block[0];
      if (loudness) stage.push(block);
    }
    if (loudness) checksum += stage.finish().loudness_lufs;
  }
  std::printf("decoded %lld frames (checksum %.3f)\n", frames_total, checksum);
  return 0;
}
