// Benchmark baseline: decodes every file (streamed, like samplemind) and does nothing
// else, so scripts/bench_features.sh can show extraction cost over decode cost.
// Usage: bench_decode_only FILE...
#include <cstdio>
#include <vector>

#include "samplemind/audio_decoder.hpp"

int main(int argc, char** argv) {
  double checksum = 0.0;
  long long frames_total = 0;
  for (int i = 1; i < argc; ++i) {
    auto decoder = samplemind::AudioDecoder::open(argv[i]);
    if (!decoder) continue;
    std::vector<float> block;
    while (const std::size_t frames = decoder->read_interleaved(block, 4096)) {
      frames_total += static_cast<long long>(frames);
      checksum += block[0];
    }
  }
  std::printf("decoded %lld frames (checksum %.3f)\n", frames_total, checksum);
  return 0;
}
