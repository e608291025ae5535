// Wires the stages: one decode pass feeds loudness at the file's rate and every
// other stage at the fixed analysis rate.
#include "audio/feature_extractor.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/category_classifier.hpp"
#include "audio/channel_fold.hpp"
#include "audio/chroma_stage.hpp"
#include "audio/continuous_speech.hpp"
#include "audio/key_classifier.hpp"
#include "audio/loop_timing.hpp"
#include "audio/loudness_stage.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pitch_stage.hpp"
#include "audio/resampler.hpp"
#include "audio/tempo_estimator.hpp"
#include "audio/timbre_descriptor.hpp"
#include "audio/timbre_stage.hpp"
#include "audio/voice_phrase.hpp"

namespace samplemind {

namespace {
constexpr double k_energy_floor_dbfs = -60.0;  // energy 0 at or below this RMS

// What the timbre tells the key gates (a drum's key is dropped later, by its category).
audio::TimbreEvidence timbre_evidence(const audio::TimbreSummary& timbre) {
  return audio::timbre_sounds_tonal(timbre) ? audio::TimbreEvidence::tonal : audio::TimbreEvidence::none;
}

}  // namespace

struct FeatureExtractor::Stages {
  Stages(int rate, int channel_count)
      : sample_rate(rate),
        channels(channel_count),
        fold(static_cast<std::size_t>(channel_count)),
        resampler(rate, audio::k_analysis_rate_hz) {
    head.reserve(static_cast<std::size_t>(audio::k_root_note_window_s * audio::k_analysis_rate_hz));
  }

  // Feeds mono samples at the file's rate to the analysis-rate stages.
  void push_analysis(std::span<const float> mono) {
    resampled.clear();
    resampler.push(mono, resampled);
    feed_resampled();
  }

  void feed_resampled() {
    onset.push(resampled);
    chroma.push(resampled);
    timbre.push(resampled);
    const std::size_t room = head.capacity() - head.size();
    head.insert(head.end(), resampled.begin(), resampled.begin() + static_cast<std::ptrdiff_t>(std::min(room, resampled.size())));
  }

  // Notes where the sound of this block ends, for the silent tail after the last sound.
  void note_sounding(std::span<const float> mono) {
    const std::ptrdiff_t last = audio::last_sounding_index(mono);
    if (last >= 0) last_sounding_frame = frames + last;
  }

  int sample_rate;
  int channels;
  std::int64_t frames = 0;
  std::int64_t last_sounding_frame = -1;  // the last frame louder than digital silence
  bool whole_mpeg_frames = false;         // set_decoded_to_whole_mpeg_frames
  audio::ChannelFold fold;
  audio::Resampler resampler;
  audio::OnsetStage onset;
  audio::ChromaStage chroma;
  audio::TimbreStage timbre;
  std::unique_ptr<audio::LoudnessStage> loudness;
  std::vector<float> resampled;
  std::vector<float> mono;
  std::vector<float> head;  // first seconds at the analysis rate, for the root note
  std::optional<LoopMetadata> metadata;
  std::vector<audio::RankedReading> tempo_ranking;  // of the tempo finish() kept (empty: none)
};

FeatureExtractor::FeatureExtractor(int sample_rate, int channels)
    : stages_(std::make_unique<Stages>(std::max(1, sample_rate), std::max(1, channels))) {}

FeatureExtractor::~FeatureExtractor() = default;

void FeatureExtractor::set_loop_metadata(const LoopMetadata& metadata) { stages_->metadata = metadata; }

void FeatureExtractor::set_decoded_to_whole_mpeg_frames() { stages_->whole_mpeg_frames = true; }

void FeatureExtractor::set_channel_signs(std::vector<float> signs) { stages_->fold.set_signs(std::move(signs)); }

bool FeatureExtractor::channels_cancel() const { return stages_->fold.cancels(); }

const std::vector<audio::RankedReading>& FeatureExtractor::tempo_ranking() const { return stages_->tempo_ranking; }

std::vector<float> FeatureExtractor::aligned_channel_signs() const { return stages_->fold.aligned_signs(); }

void FeatureExtractor::push(std::span<const float> mono) {
  auto& s = *stages_;
  if (!s.loudness) s.loudness = std::make_unique<audio::LoudnessStage>(s.sample_rate, 1);
  s.mono.assign(mono.begin(), mono.end());
  for (float& v : s.mono) {
    if (!std::isfinite(v)) v = 0.0f;
  }
  s.loudness->push(s.mono);
  s.note_sounding(s.mono);
  s.frames += static_cast<std::int64_t>(s.mono.size());
  s.push_analysis(s.mono);
}

void FeatureExtractor::push_interleaved(std::span<const float> interleaved) {
  auto& s = *stages_;
  if (!s.loudness) s.loudness = std::make_unique<audio::LoudnessStage>(s.sample_rate, s.channels);
  const auto channels = static_cast<std::size_t>(s.channels);
  const std::size_t frames = interleaved.size() / channels;
  std::span<const float> mono = interleaved.first(frames);  // a mono file is read in place, not copied
  if (channels > 1) {
    s.fold.fold(interleaved.first(frames * channels), s.mono);
    mono = s.mono;
  }
  s.loudness->push(interleaved.first(frames * channels));
  s.note_sounding(mono);
  s.frames += static_cast<std::int64_t>(frames);
  s.push_analysis(mono);
}

Features FeatureExtractor::finish() {
  auto& s = *stages_;
  s.resampled.clear();
  s.resampler.flush(s.resampled);
  s.feed_resampled();
  s.onset.finish();
  if (!s.loudness) s.loudness = std::make_unique<audio::LoudnessStage>(s.sample_rate, s.channels);

  Features features;
  features.sample_rate = s.sample_rate;
  features.channels = s.channels;
  features.duration_s = static_cast<double>(s.frames) / s.sample_rate;

  features.onset_rate = s.onset.onset_rate(features.duration_s);
  const double lead_in_s = audio::leading_silence_s(s.head, audio::k_analysis_rate_hz);
  const double tail_s = s.last_sounding_frame < 0 ? 0.0 : static_cast<double>(s.frames - 1 - s.last_sounding_frame) / s.sample_rate;
  audio::TempoEstimate tempo =
      audio::estimate_tempo(s.onset.envelopes(), features.duration_s, lead_in_s, tail_s, s.onset.brightness_hz(),
                            s.whole_mpeg_frames && lead_in_s >= k_min_mpeg_padding_lead_s);
  const audio::LevelShape levels = tempo.levels;  // the filters below may drop the reading, not the file's shape
  tempo = audio::without_lone_onset_pulse(std::move(tempo), features.onset_rate * features.duration_s);
  const std::optional<audio::RootNote> root = audio::estimate_root_note(s.head);
  tempo = audio::without_held_note_pulse(std::move(tempo), root && root->held);
  const audio::Chroma chroma = s.chroma.finish();
  const audio::TimbreSummary timbre = s.timbre.finish();
  // A voice loses its tempo, key and root (voice_phrase.hpp, continuous_speech.hpp); the
  // sentence check tracks the pitch, so it is asked only where its answer can change them.
  audio::ContinuousSpeechCheck sentence(s.head, chroma.tuning_concentration, timbre);
  const bool phrase =
      audio::sounds_like_spoken_phrase_in_voice_band(levels, chroma.tuning_concentration, chroma.tonalness, timbre);
  const bool holds_one_pitch = root && root->held;
  const bool pitched_phrase =  // the category's stricter line (voice_phrase.hpp)
      audio::sounds_like_spoken_voice(levels, chroma.tuning_concentration, chroma.tonalness, holds_one_pitch);
  tempo = audio::without_spoken_phrase_pulse(
      std::move(tempo), phrase || (audio::voice_can_drop_pulse(tempo) && sentence.drops_pulse(levels)));
  s.tempo_ranking = std::move(tempo.ranking);
  if (tempo.bpm) {
    features.tempo_bpm_audio = tempo.bpm;
    features.tempo_confidence = tempo.confidence;
  }
  features.tempo_candidates = tempo.candidates;
  features.tempo_bpm = features.tempo_bpm_audio;
  features.kind = tempo.bpm ? "loop" : "one-shot";

  const audio::KeyEstimate key = audio::classify_key(
      chroma, k_key_profile_set, tempo.bpm ? audio::SoundKind::loop : audio::SoundKind::one_shot,
      timbre_evidence(timbre));
  if (key.tonic) {
    features.key = std::string(audio::pitch_class_name(*key.tonic));
    features.mode = key.minor ? "minor" : "major";
    features.camelot = audio::camelot_code(*key.tonic, key.minor);
    features.key_confidence = key.confidence;
    features.key_audio = *features.key + " " + *features.mode;
  }

  features.pitch_classes = audio::pitch_class_shares(chroma);

  // Every one-shot gets a root when its head is pitched (a chord strum keeps its key too);
  // a loop only when its head holds one clean pitch (a one-note loop cut at bar lines).
  if (root && (features.kind == "one-shot" || root->held)) {
    features.root_midi = root->midi;
    features.root_note = root->name;
    features.root_note_audio = root->name;
  }

  audio::drop_spoken_phrase_pitch(
      features, !holds_one_pitch && audio::voice_can_drop_pitch(features) && (phrase || sentence.drops_pitch(levels)));

  const audio::LoudnessResult loudness = s.loudness->finish();
  features.loudness_lufs = loudness.loudness_lufs;
  features.peak_dbfs = loudness.peak_dbfs;
  features.energy = std::clamp((loudness.rms_dbfs - k_energy_floor_dbfs) / -k_energy_floor_dbfs, 0.0, 1.0);
  features.brightness_hz = s.onset.brightness_hz();
  features.timbre = audio::timbre_descriptor(timbre);
  features.category = audio::classify_category(timbre, features, chroma.tonalness);
  audio::name_spoken_phrase_vocal(
      features, levels,
      pitched_phrase || (!holds_one_pitch && audio::voice_can_be_named_vocal(features, levels) && sentence()));
  features.category_source = "audio";
  audio::drop_drum_key(features);  // after the category: a loop's key was one of its votes
  return features;
}

Features extract_features_from_signal(std::span<const float> mono, int sample_rate, int channels) {
  FeatureExtractor extractor(sample_rate, channels);
  for (std::size_t offset = 0; offset < mono.size(); offset += k_decode_block_frames) {
    extractor.push(mono.subspan(offset, std::min(k_decode_block_frames, mono.size() - offset)));
  }
  Features features = extractor.finish();
  features.channels = channels;
  return features;
}

}  // namespace samplemind
