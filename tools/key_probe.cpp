// Prints a file's tuning-corrected pitch-class profile and the key each profile set
// picks: the measurement tool behind the choice of profile set (docs/features.md).
// Usage: key_probe FILE...
#include <cstdio>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/chroma_stage.hpp"
#include "audio/key_classifier.hpp"
#include "audio/resampler.hpp"
#include "audio/audio_decoder.hpp"

using namespace samplemind;
using namespace samplemind::audio;

int main(int argc, char** argv) {
  for (int arg = 1; arg < argc; ++arg) {
    auto decoder = AudioDecoder::open(argv[arg]);
    if (!decoder) {
      std::fprintf(stderr, "%s: %s\n", argv[arg], decoder.error().c_str());
      continue;
    }
    Resampler resampler(decoder->info().sample_rate, k_analysis_rate_hz);
    ChromaStage chroma_stage;
    std::vector<float> mono, resampled;
    while (decoder->read_mono(mono, 4096) > 0) {
      resampled.clear();
      resampler.push(mono, resampled);
      chroma_stage.push(resampled);
    }
    resampled.clear();
    resampler.flush(resampled);
    chroma_stage.push(resampled);
    const Chroma chroma = chroma_stage.finish();
    std::printf("%s tuning %+.1f cents, frames %.0f, tonalness %.3f\n ", argv[arg], chroma.tuning_cents, chroma.tonal_frames, chroma.tonalness);
    double top = 1e-12;
    for (double v : chroma.bins) top = std::max(top, v);
    for (int pc = 0; pc < 12; ++pc) std::printf(" %s:%.2f", std::string(pitch_class_name(pc)).c_str(), chroma.bins[static_cast<std::size_t>(pc)] / top);
    std::printf("\n  opening bass:");
    for (int pc = 0; pc < 12; ++pc) std::printf(" %s:%.2f", std::string(pitch_class_name(pc)).c_str(), chroma.opening_bass[static_cast<std::size_t>(pc)]);
    std::printf("\n");
    for (const char* name : {"krumhansl", "temperley", "edma", "bgate"}) {
      const KeyEstimate key = classify_key(chroma, *profile_set_from_name(name));
      std::printf("  %-10s %s %s r=%.3f margin=%.3f\n", name,
                  key.tonic ? std::string(pitch_class_name(*key.tonic)).c_str() : "-",
                  key.tonic ? (key.minor ? "minor" : "major") : "", key.correlation, key.margin);
    }
  }
  return 0;
}
