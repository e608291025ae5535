// Fuzzes the decoder path: arbitrary bytes as an audio file through AudioDecoder and
// FeatureExtractor. Any crash, sanitizer report or non-finite feature is a finding.
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/feature_extractor.hpp"

namespace {

constexpr std::size_t k_block_frames = 4096;

// One in-memory file for the whole run, reopened by path for every input.
int memory_file() {
  static const int fd = memfd_create("fuzz_decoder_input", 0);
  if (fd < 0) std::abort();
  return fd;
}

void require_finite(double value, const char* what) {
  if (std::isfinite(value)) return;
  std::fprintf(stderr, "fuzz_decoder: %s is %f\n", what, value);
  std::abort();
}

}  // namespace

// libFuzzer entry point: write the bytes to the memory file and analyse it like a sample.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memory_file();
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);

  auto decoder = samplemind::AudioDecoder::open(path);
  if (!decoder) return 0;
  const auto& info = decoder->info();
  samplemind::FeatureExtractor extractor(info.sample_rate, info.channels);
  if (decoder->loop_metadata()) extractor.set_loop_metadata(*decoder->loop_metadata());
  std::vector<float> block;
  std::size_t total = 0;
  while (const std::size_t frames = decoder->read_interleaved(block, k_block_frames)) {
    for (float sample : block) require_finite(sample, "a decoded sample");
    extractor.push_interleaved(block);
    total += frames;
  }
  if (total == 0) return 0;
  const samplemind::Features features = extractor.finish();
  require_finite(features.duration_s, "duration_s");
  require_finite(features.loudness_lufs, "loudness_lufs");
  require_finite(features.peak_dbfs, "peak_dbfs");
  require_finite(features.energy, "energy");
  require_finite(features.brightness_hz, "brightness_hz");
  require_finite(features.onset_rate, "onset_rate");
  require_finite(features.tempo_confidence, "tempo_confidence");
  require_finite(features.key_confidence, "key_confidence");
  if (features.tempo_bpm) require_finite(*features.tempo_bpm, "tempo_bpm");
  return 0;
}
