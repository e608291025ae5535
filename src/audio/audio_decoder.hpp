#pragma once
// The only place libsndfile is opened: streams a file as mono float blocks.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/apple_loop_chunk.hpp"
#include "util/result.hpp"

namespace samplemind {

struct AudioInfo {
  int sample_rate = 0;
  int channels = 0;
  std::int64_t frames = 0;     // as the header claims
  std::string format;          // e.g. "WAV PCM_16"
  bool mpeg_layer3 = false;    // an MP3 (decoded_to_whole_mpeg_frames)
};

// Tempo/loop metadata from the file's chunks, when present (src/metadata/ turns it into
// statements; docs/metadata.md).
struct LoopMetadata {
  std::optional<double> bpm;              // ACID tempo, as stored (a float)
  std::optional<int> beats;               // ACID beat count
  std::optional<int> root_midi;           // ACID root note, only when its root-note flag is set
  bool one_shot = false;                  // ACID one-shot flag: the tempo is not a loop's
  std::optional<int> unity_note_midi;     // smpl unity note (AIFF: INST base note), 1..127
  std::optional<audio::AppleLoopChunk> apple_loop;  // AIFF 'basc' (Apple Loops); ACID fields then stay empty
};

// Why: an MP3 without a gapless (LAME "Info"/"Xing") header, or read by a decoder that
// ignores it, keeps its encoder's delay (about 50 ms) and its last frame's fill, so its
// length is whole MPEG frames (1152 samples at 32-48 kHz, 576 below) and says nothing of the
// loop in it; a gapless decode gives back the source's length, whole frames by chance only.
bool decoded_to_whole_mpeg_frames(const AudioInfo& info, std::int64_t decoded_frames);

// A decoder that keeps the padding first outputs its own delay (529 samples, 12 ms at 44.1
// kHz) and the encoder's (576 for LAME) as near-silence: a file of whole frames whose sound
// starts sooner is a gapless decode whose length is whole frames by chance (a bar at 125 BPM
// at 48 kHz is 80 frames).
inline constexpr double k_min_mpeg_padding_lead_s = 0.01;

class AudioDecoder {
 public:
  // Opens a file; a clear error naming what is wrong when it is not readable audio.
  static Result<AudioDecoder> open(const std::filesystem::path& path);

  AudioDecoder(AudioDecoder&&) noexcept;
  AudioDecoder& operator=(AudioDecoder&&) noexcept;
  ~AudioDecoder();

  const AudioInfo& info() const { return info_; }
  const std::optional<LoopMetadata>& loop_metadata() const { return loop_metadata_; }

  // Reads up to max_frames frames folded to mono (the mean, as ChannelFold folds them) into
  // out; 0 at the end. Tools use it; the extractor folds itself and can refold a file.
  // Non-finite samples are replaced by 0 so no stage sees NaN or inf.
  std::size_t read_mono(std::vector<float>& out, std::size_t max_frames);
  // Reads up to max_frames interleaved frames (all channels) into out; 0 at the end.
  // Loudness needs the real channels; non-finite samples are replaced by 0.
  std::size_t read_interleaved(std::vector<float>& out, std::size_t max_frames);
  // Why: a float file made mostly of NaN or infinity is damaged, not silent; the caller can
  // tell it from a few stray values (which are zeroed and analysed) by these two counts.
  std::uint64_t non_finite_samples() const { return non_finite_samples_; }
  std::uint64_t samples_read() const { return samples_read_; }

 private:
  struct Handle;
  AudioDecoder() = default;
  std::unique_ptr<Handle> handle_;
  AudioInfo info_;
  std::optional<LoopMetadata> loop_metadata_;
  std::vector<float> interleaved_;
  std::uint64_t non_finite_samples_ = 0;
  std::uint64_t samples_read_ = 0;
};

}  // namespace samplemind
