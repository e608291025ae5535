// Benchmark baseline: aubio's own tempo tracker alone (default "specflux" onset, window
// 1024, hop 512, at the file's rate), reading with libsndfile like samplemind does.
// Usage: bench_aubio_tempo [--hop N] FILE...
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <aubio/aubio.h>

#include "audio/audio_decoder.hpp"

namespace {
struct TempoDeleter { void operator()(aubio_tempo_t* t) const { del_aubio_tempo(t); } };
struct FvecDeleter { void operator()(fvec_t* v) const { del_fvec(v); } };
}  // namespace

int main(int argc, char** argv) {
  unsigned hop = 512;
  constexpr unsigned k_window_size = 1024;
  int first = 1;
  if (argc > 2 && std::strcmp(argv[1], "--hop") == 0) {
    hop = static_cast<unsigned>(std::atoi(argv[2]));
    first = 3;
  }
  for (int i = first; i < argc; ++i) {
    auto decoder = samplemind::AudioDecoder::open(argv[i]);
    if (!decoder) continue;
    const auto rate = static_cast<unsigned>(decoder->info().sample_rate);
    std::unique_ptr<aubio_tempo_t, TempoDeleter> tempo(new_aubio_tempo("default", k_window_size, hop, rate));
    std::unique_ptr<fvec_t, FvecDeleter> in(new_fvec(hop)), out(new_fvec(2));
    if (!tempo || !in || !out) return 1;
    std::vector<float> block;
    while (decoder->read_mono(block, hop) > 0) {
      std::fill(in->data, in->data + hop, 0.0f);
      std::copy(block.begin(), block.end(), in->data);
      aubio_tempo_do(tempo.get(), in.get(), out.get());
    }
    std::printf("%s\t%.2f\n", argv[i], aubio_tempo_get_bpm(tempo.get()));
  }
  return 0;
}
