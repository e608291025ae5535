// Runs one analysis stage over a whole signal (stage_probes.hpp).
#include "support/stage_probes.hpp"

#include "audio/analysis_rate.hpp"
#include "audio/onset_stage.hpp"
#include "audio/resampler.hpp"

namespace samplemind::audio {

std::vector<float> at_analysis_rate(const std::vector<float>& signal, int rate_hz) {
  Resampler resampler(rate_hz, k_analysis_rate_hz);
  std::vector<float> resampled;
  resampler.push(signal, resampled);
  resampler.flush(resampled);
  return resampled;
}

VoicedGlide voiced_glide_of(const std::vector<float>& signal, int rate_hz) {
  return measure_voiced_glide(pitch_contour(at_analysis_rate(signal, rate_hz)));
}

Chroma chroma_of(const std::vector<float>& signal, int rate_hz) {
  ChromaStage stage;
  stage.push(at_analysis_rate(signal, rate_hz));
  return stage.finish();
}

OnsetEnvelopes onset_envelopes_of(const std::vector<float>& signal, int rate_hz) {
  OnsetStage onsets;
  onsets.push(at_analysis_rate(signal, rate_hz));
  onsets.finish();
  return onsets.envelopes();
}

TempoEstimate tempo_of(const std::vector<float>& signal, int rate_hz) {
  return estimate_tempo(onset_envelopes_of(signal, rate_hz), static_cast<double>(signal.size()) / rate_hz);
}

TimbreSummary timbre_of(const std::vector<float>& signal, int rate_hz) {
  TimbreStage stage;
  stage.push(at_analysis_rate(signal, rate_hz));
  return stage.finish();
}

}  // namespace samplemind::audio
