// mpg123 is opened here (for MP3) and nowhere else but inside libsndfile.
#include "audio/mp3_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>

#include <mpg123.h>

#include "util/unique_fd.hpp"

namespace samplemind::audio {

namespace {
// What mpg123 reads: a duplicate descriptor, ours, read with pread at our own position, so
// the caller's descriptor (libsndfile may be reading it too) keeps its offset.
struct PositionedReader {
  int fd = -1;
  off_t position = 0;
};
}  // namespace

struct Mp3Stream::Handle {
  mpg123_handle* mpg = nullptr;
  PositionedReader reader;
  ~Handle() {
    if (mpg != nullptr) {
      mpg123_close(mpg);
      mpg123_delete(mpg);
    }
    if (reader.fd >= 0) ::close(reader.fd);
  }
};

namespace {
// mpg123 1.27 and later need no global set-up; older ones need this once per process.
void init_mpg123_once() {
  static std::once_flag once;
  std::call_once(once, [] { mpg123_init(); });
}

std::string mpg123_error(mpg123_handle* mpg, int code) {
  const char* text = mpg != nullptr ? mpg123_strerror(mpg) : mpg123_plain_strerror(code);
  return std::string("MP3 decoder: ") + (text != nullptr ? text : "unknown error");
}

// mpg123's reader: the next bytes at the stream's own position.
ssize_t read_at_position(void* opaque, void* out, std::size_t count) {
  auto* reader = static_cast<PositionedReader*>(opaque);
  ssize_t got = 0;
  do {
    got = ::pread(reader->fd, out, count, reader->position);
  } while (got < 0 && errno == EINTR);
  if (got > 0) reader->position += got;
  return got;
}

// mpg123's seek: moves the stream's own position (from the end for a trailing tag).
off_t seek_position(void* opaque, off_t offset, int whence) {
  auto* reader = static_cast<PositionedReader*>(opaque);
  off_t base = 0;
  if (whence == SEEK_CUR) base = reader->position;
  if (whence == SEEK_END) {
    struct stat status {};
    if (::fstat(reader->fd, &status) != 0) return -1;
    base = status.st_size;
  }
  if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return -1;
  if ((offset > 0 && base > std::numeric_limits<off_t>::max() - offset) || base + offset < 0) return -1;
  reader->position = base + offset;
  return reader->position;
}
}  // namespace

Result<Mp3Stream> Mp3Stream::open(const std::filesystem::path& path) {
  const UniqueFd file(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) return Error{std::string("not a readable audio file: ") + std::strerror(errno)};
  return open(file.get());
}

Result<Mp3Stream> Mp3Stream::open(int fd) {
  init_mpg123_once();
  Mp3Stream stream;
  stream.handle_ = std::make_unique<Handle>();
  Handle& handle = *stream.handle_;
  int code = MPG123_OK;
  handle.mpg = mpg123_new(nullptr, &code);
  if (handle.mpg == nullptr) return Error{mpg123_error(nullptr, code)};
  // Float output as libsndfile gives it; gapless: the encoder's delay and fill cut off where
  // the LAME tag states them; quiet: damaged frames are skipped without printing.
  mpg123_param(handle.mpg, MPG123_ADD_FLAGS, MPG123_FORCE_FLOAT | MPG123_GAPLESS | MPG123_QUIET | MPG123_SKIP_ID3V2, 0.0);
  handle.reader.fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (handle.reader.fd < 0) return Error{std::string("not a readable audio file: ") + std::strerror(errno)};
  if (mpg123_replace_reader_handle(handle.mpg, read_at_position, seek_position, nullptr) != MPG123_OK ||
      mpg123_open_handle(handle.mpg, &handle.reader) != MPG123_OK) {
    return Error{mpg123_error(handle.mpg, 0)};
  }
  long rate = 0;
  int channels = 0, encoding = 0;
  if (mpg123_getformat(handle.mpg, &rate, &channels, &encoding) != MPG123_OK) return Error{mpg123_error(handle.mpg, 0)};
  // One output format for the whole stream, the first frame's: mpg123 converts a later frame
  // of another rate or channel count to it where it can; one it cannot convert ends the stream.
  mpg123_format_none(handle.mpg);
  if (mpg123_format(handle.mpg, rate, channels, MPG123_ENC_FLOAT_32) != MPG123_OK) {
    return Error{mpg123_error(handle.mpg, 0)};
  }
  // Not scanned: a scan reads the whole file once more (10% of an MP3 library's features
  // pass) for a length nothing depends on; the stream is read to its end either way.
  const off_t length = mpg123_length(handle.mpg);
  mpg123_frameinfo2 frame{};
  if (mpg123_info2(handle.mpg, &frame) == MPG123_OK) stream.layer_ = frame.layer;
  stream.sample_rate_ = static_cast<int>(rate);
  stream.channels_ = channels;
  stream.frames_ = length > 0 ? static_cast<std::int64_t>(length) : 0;
  return stream;
}

Mp3Stream::Mp3Stream(Mp3Stream&&) noexcept = default;
Mp3Stream& Mp3Stream::operator=(Mp3Stream&&) noexcept = default;
Mp3Stream::~Mp3Stream() = default;

std::size_t Mp3Stream::read_interleaved(float* out, std::size_t max_frames) {
  if (!handle_ || handle_->mpg == nullptr || channels_ <= 0 || max_frames == 0) return 0;
  const std::size_t frame_bytes = sizeof(float) * static_cast<std::size_t>(channels_);
  auto* bytes = reinterpret_cast<unsigned char*>(out);
  std::size_t filled = 0;
  const std::size_t wanted = max_frames * frame_bytes;
  while (filled < wanted) {
    std::size_t done = 0;
    const int code = mpg123_read(handle_->mpg, bytes + filled, wanted - filled, &done);
    filled += done;
    if (code == MPG123_NEW_FORMAT || (code == MPG123_OK && done > 0)) continue;
    break;  // MPG123_DONE, an error, or nothing more for now
  }
  return filled / frame_bytes;
}

}  // namespace samplemind::audio
