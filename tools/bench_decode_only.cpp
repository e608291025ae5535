// Benchmark baselines: decodes every file (streamed, like samplemind) and does nothing
// else, so scripts/bench_features.sh can show extraction cost over decode cost.
//   --loudness    also runs samplemind's loudness stage (our BS.1770 meter at the file's
//                 rate and channels, plus peak and RMS): the part of extraction that
//                 cannot move to the lower analysis rate.
//   --libebur128  also runs libebur128's integrated mode (EBUR128_MODE_I), the meter the
//                 loudness stage used before, for comparison.
// Usage: bench_decode_only [--loudness | --libebur128] FILE...
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <ebur128.h>

#include "audio/loudness_stage.hpp"
#include "audio/audio_decoder.hpp"

namespace {
enum class Mode { decode, loudness, libebur128 };

struct EburDeleter {
  void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};

// Decodes one file, feeding the chosen meter; returns a value that depends on the work.
double run_file(const char* path, Mode mode, long long& frames_total) {
  auto decoder = samplemind::AudioDecoder::open(path);
  if (!decoder) return 0.0;
  const int rate = decoder->info().sample_rate, channels = decoder->info().channels;
  std::unique_ptr<samplemind::audio::LoudnessStage> stage;
  std::unique_ptr<ebur128_state, EburDeleter> ebur;
  if (mode == Mode::loudness) stage = std::make_unique<samplemind::audio::LoudnessStage>(rate, channels);
  if (mode == Mode::libebur128) {
    ebur.reset(ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(rate), EBUR128_MODE_I));
  }
  double checksum = 0.0;
  std::vector<float> block;
  while (const std::size_t frames = decoder->read_interleaved(block, 4096)) {
    frames_total += static_cast<long long>(frames);
    checksum += block[0];
    if (stage) stage->push(block);
    if (ebur) ebur128_add_frames_float(ebur.get(), block.data(), frames);
  }
  if (stage) checksum += stage->finish().loudness_lufs;
  if (ebur) {
    double lufs = 0.0;
    ebur128_loudness_global(ebur.get(), &lufs);
    checksum += lufs;
  }
  return checksum;
}
}  // namespace

int main(int argc, char** argv) {
  Mode mode = Mode::decode;
  int first = 1;
  if (argc > 1 && std::strcmp(argv[1], "--loudness") == 0) mode = Mode::loudness;
  if (argc > 1 && std::strcmp(argv[1], "--libebur128") == 0) mode = Mode::libebur128;
  if (mode != Mode::decode) first = 2;
  double checksum = 0.0;
  long long frames_total = 0;
  for (int i = first; i < argc; ++i) checksum += run_file(argv[i], mode, frames_total);
  std::printf("decoded %lld frames (checksum %.3f)\n", frames_total, checksum);
  return 0;
}
