#pragma once
// Turns a stream of mono samples into Features: decode once, feed every stage.
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "model/features.hpp"
#include "util/result.hpp"

namespace samplemind {

namespace audio {
struct RankedReading;
}  // namespace audio

// Bump when any extractor change alters output: it is part of the feature-cache key.
constexpr int k_extractor_version = 37;

// Frames decoded (or pushed from memory) per block.
inline constexpr std::size_t k_decode_block_frames = 4096;

class FeatureExtractor {
 public:
  FeatureExtractor(int sample_rate, int channels);
  ~FeatureExtractor();
  FeatureExtractor(const FeatureExtractor&) = delete;
  FeatureExtractor& operator=(const FeatureExtractor&) = delete;

  // Feeds the next block of mono samples at the rate given to the constructor.
  void push(std::span<const float> mono);
  // Feeds interleaved frames with the constructor's channel count: loudness and peak
  // then see the real channels, every other stage the mono downmix. Do not mix with push().
  void push_interleaved(std::span<const float> interleaved);
  // Tempo/loop metadata read from the file (ACID chunk); a strong prior for tempo.
  void set_loop_metadata(const LoopMetadata& metadata);
  // Why: what was pushed is an MP3 decoded to whole frames (decoded_to_whole_mpeg_frames);
  // when its sound starts a decoder's delay late, its length is the codec's frame arithmetic,
  // not the loop's, and no evidence of bars.
  void set_decoded_to_whole_mpeg_frames();
  // Why: a file whose channels cancel in the mono fold is pushed again with each channel's
  // sign (aligned_channel_signs()); call before the first push_interleaved().
  void set_channel_signs(std::vector<float> signs);
  // The channels pushed so far cancel in the fold (channel_fold.hpp: -12 dB or more).
  bool channels_cancel() const;
  // The sign of each channel that adds it to the first one over what was pushed.
  std::vector<float> aligned_channel_signs() const;
  // Computes the features of everything pushed so far.
  Features finish();
  // Why: the readings the tempo score chose among for the tempo finish() kept, best first
  // (empty when the file has none), so a tool can refit the score (tools/dump_onsets.cpp).
  const std::vector<audio::RankedReading>& tempo_ranking() const;

 private:
  struct Stages;
  std::unique_ptr<Stages> stages_;
};

// Features of an in-memory signal, so tests and tools need no files.
Features extract_features_from_signal(std::span<const float> mono, int sample_rate, int channels = 1);

// Decodes a file once, streaming, and extracts its features.
Result<Features> extract_features_from_file(const std::filesystem::path& path);

// Why: the score-fitting tool needs what the tempo score chose among; as
// extract_features_from_file, and fills tempo_ranking (FeatureExtractor::tempo_ranking()).
Result<Features> extract_features_and_tempo_ranking(const std::filesystem::path& path,
                                                    std::vector<audio::RankedReading>& tempo_ranking);

// Why: tagging changes what a file states, not its audio; its cached features get the new
// statements (tags, ACID, smpl) without decoding a frame.
Result<StatedValues> read_content_statements(const std::filesystem::path& path);

}  // namespace samplemind
