#pragma once
// MP3 read with mpg123 itself. libsndfile decodes MP3 through mpg123 too, but stops at the
// length mpg123 reports when the file is opened, and for a variable-bitrate file without
// its Xing/VBRI header that length is a guess from the first frame's bitrate: the rest of
// the file was never decoded (a 3.95 s loop read as 2.94 s). Here the stream is read until
// mpg123 says it is done, gapless as libsndfile is.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "util/result.hpp"

namespace samplemind::audio {

class Mp3Stream {
 public:
  // Why: an MP3 (recognised by its first bytes, mpeg_header.hpp, or by libsndfile) is read
  // whole and quietly; an error names what mpg123 refuses (damaged frames are skipped by
  // mpg123, not refused).
  static Result<Mp3Stream> open(const std::filesystem::path& path);
  // Why: the decoder opens a file once and reads that very file (no second open by name that
  // a rename could redirect). Reads a duplicate of fd with pread; fd's offset is not moved.
  static Result<Mp3Stream> open(int fd);

  Mp3Stream(Mp3Stream&&) noexcept;
  Mp3Stream& operator=(Mp3Stream&&) noexcept;
  ~Mp3Stream();

  int sample_rate() const { return sample_rate_; }
  int channels() const { return channels_; }
  // The MPEG audio layer of the first frame (1, 2 or 3): its frame size in samples differs.
  int layer() const { return layer_; }
  // Samples per channel as mpg123 reports them on opening: exact at a constant bitrate or
  // with a Xing/VBRI tag, else a guess; read_interleaved does not stop there.
  std::int64_t frames() const { return frames_; }

  // Why: the decoder streams in blocks. Reads up to max_frames interleaved float frames into
  // out (room for max_frames * channels()); 0 at the end of the stream or on an error.
  std::size_t read_interleaved(float* out, std::size_t max_frames);

 private:
  struct Handle;
  Mp3Stream() = default;
  std::unique_ptr<Handle> handle_;
  int sample_rate_ = 0;
  int channels_ = 0;
  int layer_ = 0;
  std::int64_t frames_ = 0;
};

}  // namespace samplemind::audio
