// Developer tool: prints the onset envelopes and chroma the tempo and key stages see, one
// JSON line per file (with the timbre summary the category rules see, and the head's f0
// contour the continuous-speech rule reads: [midi, confidence, rms] per 11.6 ms hop, and
// its voiced, glide and held shares), so a rule can be studied offline before it is
// written in C++. "ranking" holds the readings the extractor's tempo score chose among, each
// with the terms it added up (named by "term_names", weighted by the shipped "term_weights"),
// which tools/fit_tempo_score.py refits; "tempo_bpm" is the extractor's reading (null: none),
// "category" the extractor's category from the audio (fit_tempo_score.py --by-category).
// Usage: dump_onsets [--full] FILE...
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audio/analysis_rate.hpp"
#include "audio/chroma_stage.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pitch_contour.hpp"
#include "audio/pitch_stage.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/resampler.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/tempo_estimator.hpp"
#include "audio/tempo_score.hpp"
#include "audio/timbre_stage.hpp"
#include "audio/audio_decoder.hpp"

namespace {

// Rounds to 4 significant decimals so the dump stays small.
std::vector<double> rounded(const std::vector<float>& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (float v : values) out.push_back(static_cast<double>(static_cast<long long>(v * 1e4f)) / 1e4);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace samplemind;
  bool full = false;  // --full: the raw envelopes too
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--full") {
      full = true;
      continue;
    }
    auto decoder = AudioDecoder::open(argv[i]);
    if (!decoder) {
      std::fprintf(stderr, "dump_onsets: %s: %s\n", argv[i], decoder.error().c_str());
      continue;
    }
    const int rate = decoder->info().sample_rate;
    audio::Resampler resampler(rate, audio::k_analysis_rate_hz);
    audio::OnsetStage onset;
    audio::ChromaStage chroma;
    audio::TimbreStage timbre;
    std::vector<float> block, resampled, head;
    const auto head_cap = static_cast<std::size_t>(audio::k_root_note_window_s * audio::k_analysis_rate_hz);
    std::int64_t frames = 0;
    while (const std::size_t n = decoder->read_mono(block, 4096)) {
      frames += static_cast<std::int64_t>(n);
      resampled.clear();
      resampler.push(block, resampled);
      onset.push(resampled);
      chroma.push(resampled);
      timbre.push(resampled);
      const std::size_t room = head_cap - head.size();  // the extractor's head: its first seconds
      head.insert(head.end(), resampled.begin(), resampled.begin() + static_cast<std::ptrdiff_t>(std::min(room, resampled.size())));
    }
    resampled.clear();
    resampler.flush(resampled);
    onset.push(resampled);
    chroma.push(resampled);
    timbre.push(resampled);
    onset.finish();
    const auto& env = onset.envelopes();
    const audio::Chroma profile = chroma.finish();
    nlohmann::json line = {{"path", argv[i]},
                           {"duration_s", static_cast<double>(frames) / rate},
                           {"frame_rate_hz", env.frame_rate_hz},
                           {"low", rounded(env.flux_low)},
                           {"mid", rounded(env.flux_mid)},
                           {"high", rounded(env.flux_high)},
                           {"rms", rounded(env.frame_rms)},
                           {"chroma", profile.bins},
                           {"opening_bass", profile.opening_bass},
                           {"tonalness", profile.tonalness}, {"tuning_concentration", profile.tuning_concentration}, {"tuning_cents", profile.tuning_cents}};
    const audio::TimbreSummary t = timbre.finish();
    line["timbre"] = {{"sustain", t.sustain},          {"low_ratio", t.low_ratio},   {"high_ratio", t.high_ratio},
                      {"centroid_hz", t.centroid_hz},  {"flatness", t.flatness},     {"attack_s", t.attack_s},
                      {"mfcc_spread", t.mfcc_spread},  {"mfcc_mean", t.mfcc_mean},   {"level_spread_db", t.level_spread_db},
                      {"centroid_spread", t.centroid_spread}};
    const double duration_s = static_cast<double>(frames) / rate;
    const audio::PulseEvidence pulse = audio::measure_pulse(env, duration_s);
    nlohmann::json candidates = nlohmann::json::array();
    for (const auto& c : pulse.candidates) {
      candidates.push_back({c.beats, c.bpm, c.periodicity, c.on_beat, c.half_beat, c.quarter_beat});
    }
    // What the extractor's tempo score chose among, best first, as samplemind features reads
    // the file (every gate, stretched length and trim included): [beats, bpm, length_scale,
    // score, terms].
    std::vector<audio::RankedReading> ranking;
    const auto features = extract_features_and_tempo_ranking(argv[i], ranking);
    nlohmann::json ranked = nlohmann::json::array();
    for (const auto& r : ranking) {
      ranked.push_back({r.reading.beats, r.reading.bpm, r.reading.length_scale, r.score, r.terms});
    }
    const nlohmann::json tempo_bpm =
        features && features->tempo_bpm_audio ? nlohmann::json(*features->tempo_bpm_audio) : nlohmann::json();
    const nlohmann::json category =
        features && features->category ? nlohmann::json(*features->category) : nlohmann::json();
    line["pulse"] = {{"onsets", pulse.onsets},         {"sustain", pulse.levels.sustain}, {"swells", pulse.levels.swells},
                     {"quiet_share", pulse.levels.quiet_share}, {"audible_onsets", pulse.levels.audible_onsets},
                     {"regularity", pulse.regularity}, {"acf_peak_bpm", pulse.acf_peak_bpm},
                     {"acf_peak", pulse.acf_peak},     {"acf_contrast", pulse.acf_contrast},
                     {"candidates", candidates},
                     {"ranking", ranked},
                     {"tempo_bpm", tempo_bpm},
                     {"category", category},
                     {"term_names", audio::k_tempo_score_term_names},
                     {"term_weights", audio::k_tempo_score_weights},
                     {"onset_times_s", pulse.onset_times_s}};
    nlohmann::json contour = nlohmann::json::array();
    const std::vector<audio::ContourFrame> frames_f0 = audio::pitch_contour(head);
    for (const auto& f : frames_f0) {
      contour.push_back({std::round(f.midi * 100) / 100, std::round(f.confidence * 1000) / 1000, std::round(f.rms * 1e5) / 1e5});
    }
    line["contour"] = contour;
    const audio::VoicedGlide glide = audio::measure_voiced_glide(frames_f0);
    line["voiced_glide"] = {{"voiced_share", glide.voiced_share}, {"glide_share", glide.glide_share},
                            {"held_share", glide.held_share}};
    if (!full) {
      for (const char* field : {"low", "mid", "high", "rms"}) line.erase(field);
    }
    std::cout << line.dump() << '\n';
  }
  return 0;
}
