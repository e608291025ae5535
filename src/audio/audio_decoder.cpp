// libsndfile is opened here and nowhere else (an MP3 is read with mpg123 itself,
// mp3_stream.hpp); files are streamed in blocks.
#include "audio/audio_decoder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include <sndfile.h>

#include "audio/apple_loop_chunk.hpp"
#include "audio/channel_fold.hpp"
#include "audio/mp3_stream.hpp"
#include "audio/mpeg_header.hpp"
#include "audio/sndfile_open.hpp"
#include "audio/stream_spool.hpp"
#include "audio/wav_ogg_payload.hpp"
#include "metadata/ogg_comment_size.hpp"
#include "util/file_stat.hpp"
#include "util/range_text.hpp"

namespace samplemind {

struct AudioDecoder::Handle {
  SNDFILE* file = nullptr;
  int fd = -1;  // ours: libsndfile is told not to close it (it would on a failed open too)
  audio::ByteRangeIo wrapped_ogg;  // the Ogg stream of a WAV that wraps one (wav_ogg_payload.hpp)
  std::optional<audio::Mp3Stream> mp3;  // an MP3 read whole (mp3_stream.hpp), else libsndfile reads
  ~Handle() {
    if (file != nullptr) sf_close(file);
    if (fd >= 0) ::close(fd);
  }
};

namespace {

constexpr std::string_view k_unreadable = "not a readable audio file: ";  // every open error starts so
constexpr float k_max_sample_amplitude = 1000.0f;  // +60 dBFS

// Zeroes NaN and infinite samples and clamps the rest to +-k_max_sample_amplitude: float files
// may hold absurd values (1e38), whose squares and sums overflow to inf and NaN in later
// stages (found by fuzz_decoder); +60 dBFS is far beyond any real audio. Returns how many
// were not finite. Written without branches (the exponent bits tell a non-finite float), so
// the compiler runs it several samples at a time: with a branch it was 6% of the features pass.
std::size_t sanitize_samples(std::vector<float>& samples) {
  std::uint32_t non_finite = 0;  // a block holds far fewer than 2^32 samples
  float* const data = samples.data();
  const std::size_t count = samples.size();
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &data[i], sizeof bits);
    const std::uint32_t bad = (bits & 0x7f800000u) == 0x7f800000u ? 1u : 0u;  // all exponent bits: inf or NaN
    non_finite += bad;
    const float v = data[i];
    const float top = k_max_sample_amplitude;
    const float clamped = v < -top ? -top : (v > top ? top : v);
    data[i] = bad != 0 ? 0.0f : clamped;
  }
  return non_finite;
}
// A header claiming more is corrupt (found by fuzz_decoder: an AIFF at 800 MHz made the
// resampler build a filter bank of billions of taps). 768 kHz is the highest real PCM rate.
constexpr int k_max_sample_rate_hz = 768000;
// And less than this is corrupt too (fuzz_decoder: a WAV at 1 Hz). 1 kHz is far below any
// real audio rate (telephony is 8 kHz).
constexpr int k_min_sample_rate_hz = 1000;
// libvorbis holds an Ogg file's comment header whole, several times over, while it opens the
// file (a 64 MB comment: 246 MB of memory); past this, a file is refused before it is opened.
// Cover art in a comment runs to a few MB.
constexpr std::uint64_t k_max_ogg_comment_bytes = std::uint64_t{64} << 20;
constexpr const char* k_ogg_comment_refusal =
    "its Ogg comment header is over 64 MB (libvorbis would hold it whole, several times over); not decoded";

// Whether an Ogg stream starting at `start` (0, or inside a WAV that wraps one) has a comment
// header past the line.
bool ogg_comment_too_large(int fd, std::uint64_t start) {
  return metadata::ogg_comment_packet_bytes(fd, k_max_ogg_comment_bytes, start) > k_max_ogg_comment_bytes;
}

// Human-readable "WAV PCM_16"-style name from libsndfile's format code.
std::string describe_format(int format) {
  auto name_of = [](int code, int command) -> std::string {
    SF_FORMAT_INFO info{};
    info.format = code;
    if (sf_command(nullptr, command, &info, sizeof(info)) != 0 || info.name == nullptr) return "?";
    return info.extension != nullptr && command == SFC_GET_FORMAT_INFO ? info.extension : info.name;
  };
  return name_of(format & SF_FORMAT_TYPEMASK, SFC_GET_FORMAT_INFO) + " " +
         name_of(format & SF_FORMAT_SUBMASK, SFC_GET_FORMAT_INFO);
}

// ACID loop info and the smpl/inst base note, when the file carries them. In an AIFF,
// libsndfile's loop info is the Apple Loops chunk misread ("no key" as C-1, and a cut chunk
// read on into the next), so it is never asked there: apple_loop, read by us, stands in its place.
std::optional<LoopMetadata> read_loop_metadata(SNDFILE* file, bool aiff, std::optional<audio::AppleLoopChunk> apple_loop) {
  LoopMetadata meta;
  SF_LOOP_INFO loop{};
  if (!aiff && sf_command(file, SFC_GET_LOOP_INFO, &loop, sizeof(loop)) == SF_TRUE) {
    if (std::isfinite(loop.bpm) && loop.bpm >= 20.0f && loop.bpm <= 400.0f) meta.bpm = loop.bpm;
    if (loop.num_beats > 0) meta.beats = loop.num_beats;
    // libsndfile gives -1 unless the chunk's root-note flag (0x02) is set.
    if (loop.root_key >= 0 && loop.root_key <= 127) meta.root_midi = loop.root_key;
    meta.one_shot = loop.loop_mode == SF_LOOP_NONE;
  }
  SF_INSTRUMENT instrument{};
  // A unity note of 0 is what writers leave when they fill in nothing.
  if (sf_command(file, SFC_GET_INSTRUMENT, &instrument, sizeof(instrument)) == SF_TRUE &&
      static_cast<int>(instrument.basenote) > 0) {
    meta.unity_note_midi = instrument.basenote;
  }
  meta.apple_loop = std::move(apple_loop);
  if (!meta.bpm && !meta.beats && !meta.root_midi && !meta.unity_note_midi && !meta.apple_loop) return std::nullopt;
  return meta;
}

// libsndfile's words for a failed open, made true of this file: "No Error." is another
// thread's success, and an MP3 whose MPEG stream mpg123 cannot find is reported as a file
// that "does not exist or is not a regular file" although it is one (its data is the fault).
std::string open_failure_reason(const std::string& libsndfile_reason, bool regular) {
  if (libsndfile_reason == "No Error.") return "unrecognised format";
  if (regular && libsndfile_reason.rfind("File does not exist or is not a regular file", 0) == 0) {
    return "no decodable audio stream found (unrecognised or damaged data)";
  }
  return libsndfile_reason;
}

// A regular file, which can be read anywhere and reread; a FIFO or device cannot.
bool is_regular_descriptor(int fd) {
  const auto status = stat_descriptor(fd);
  return status && status->is_regular();
}

// ".mp3", ".mp2", ".mp1" or ".mpga", in any case.
bool has_mpeg_extension(const std::filesystem::path& path) {
  const std::string& name = path.native();
  return ends_with_ci(name, ".mp3") || ends_with_ci(name, ".mp2") || ends_with_ci(name, ".mp1") || ends_with_ci(name, ".mpga");
}

// An MP3 recognised by its first bytes (or claimed by its name or an ID3 tag, and no other
// format's) is opened with mpg123 alone, quiet. Through libsndfile
// its mpg123 prints warnings ("Xing stream size off by more than 1%") to stderr, naming no
// file, between samplemind's own lines. fd: the file, open and regular. nullopt: no MPEG audio at the
// start, so libsndfile is asked as for any file; an error: mpg123 refuses it, as libsndfile's would.
std::optional<Result<audio::Mp3Stream>> open_mp3_quietly(const std::filesystem::path& path, int fd) {
  const bool frame_first = audio::starts_with_mpeg_audio(fd);
  if (!frame_first && !audio::claims_mpeg_audio(fd, has_mpeg_extension(path))) return std::nullopt;
  auto mp3 = audio::Mp3Stream::open(fd);
  if (!mp3) {
    // The OS's reason (the file removed or made unreadable since) as it is; mpg123's in ours
    // for a file that starts like an MP3; a file only named or tagged so is no audio we know.
    const bool os_reason = mp3.error().rfind(k_unreadable, 0) == 0;
    const std::string why = frame_first ? mp3.error() : "unrecognised or damaged data";
    return Result<audio::Mp3Stream>{Error{os_reason ? mp3.error() : std::string(k_unreadable) + "no decodable audio stream found (" + why + ")"}};
  }
  if (mp3->channels() < 1 || mp3->channels() > 2 || mp3->sample_rate() < k_min_sample_rate_hz ||
      mp3->sample_rate() > k_max_sample_rate_hz) {
    return Result<audio::Mp3Stream>{Error{"invalid header: " + std::to_string(mp3->channels()) + " channels at " +
                                          std::to_string(mp3->sample_rate()) + " Hz"}};
  }
  return mp3;
}

// libsndfile's name of an MPEG audio layer, as it would print it for the same file.
int mpeg_subformat(int layer) {
  return layer == 1 ? SF_FORMAT_MPEG_LAYER_I : layer == 2 ? SF_FORMAT_MPEG_LAYER_II : SF_FORMAT_MPEG_LAYER_III;
}

}  // namespace

Result<AudioDecoder> AudioDecoder::open(const std::filesystem::path& path) {
  AudioDecoder decoder;
  decoder.handle_ = std::make_unique<Handle>();
  Handle& handle = *decoder.handle_;
  // The file is opened once, here, and every reader below reads this descriptor: a rename
  // between two opens cannot hand one reader another file. The OS's reason (permission,
  // missing) comes from this open (errno is per thread); O_NONBLOCK so a FIFO cannot hang it.
  handle.fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (handle.fd < 0) return Error{std::string(k_unreadable) + std::strerror(errno)};
  bool regular = is_regular_descriptor(handle.fd);
  if (!regular) {
    // A FIFO named on the command line waits for its writer, as a read of it would; the first
    // descriptor is kept open until then, so a writer it let in does not see the pipe close.
    const int blocking = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC);
    ::close(std::exchange(handle.fd, blocking));
    if (handle.fd < 0) return Error{std::string(k_unreadable) + std::strerror(errno)};
    const auto status = stat_descriptor(handle.fd);
    regular = status && status->is_regular();
    if (status && S_ISFIFO(status->mode)) {  // read once into a file every reader can seek
      auto spooled = audio::spool_stream(handle.fd, has_mpeg_extension(path));
      if (!spooled) return Error{std::string(k_unreadable) + spooled.error()};
      ::close(std::exchange(handle.fd, spooled->release()));
      regular = true;
    }
  }
  if (auto quiet_mp3 = regular ? open_mp3_quietly(path, handle.fd) : std::nullopt) {
    if (!*quiet_mp3) return Error{quiet_mp3->error()};
    audio::Mp3Stream& stream = **quiet_mp3;
    decoder.info_ = {stream.sample_rate(), stream.channels(), stream.frames(),
                     describe_format(SF_FORMAT_MPEG | mpeg_subformat(stream.layer())), stream.layer() == 3};
    handle.mp3 = std::move(stream);
    return decoder;
  }
  if (regular && ogg_comment_too_large(handle.fd, 0)) return Error{k_ogg_comment_refusal};
  audio::SndfileOpening opening = audio::open_with_libsndfile(path, handle.fd, regular);
  SNDFILE* file = opening.file;
  SF_INFO sf_info = opening.info;
  bool wrapped_ogg = false;
  if (file == nullptr && regular) {
    if (auto payload = audio::find_ogg_payload_in_wav(handle.fd)) {
      if (ogg_comment_too_large(handle.fd, static_cast<std::uint64_t>(payload->offset))) return Error{k_ogg_comment_refusal};
      handle.wrapped_ogg = audio::ByteRangeIo{handle.fd, *payload, 0};
      SF_VIRTUAL_IO io = audio::byte_range_virtual_io();  // libsndfile copies the table
      sf_info = SF_INFO{};
      file = sf_open_virtual(&io, SFM_READ, &sf_info, &handle.wrapped_ogg);
      wrapped_ogg = file != nullptr;
    }
  }
  // The file opened, so a refusal is about its data.
  if (file == nullptr) return Error{std::string(k_unreadable) + open_failure_reason(opening.failure, regular)};
  handle.file = file;
  if (sf_info.channels <= 0 || sf_info.samplerate < k_min_sample_rate_hz || sf_info.samplerate > k_max_sample_rate_hz) {
    return Error{"invalid header: " + std::to_string(sf_info.channels) + " channels at " +
                 std::to_string(sf_info.samplerate) + " Hz"};
  }
  if (sf_info.frames <= 0) return Error{"file has no audio frames"};
  decoder.info_.sample_rate = sf_info.samplerate;
  decoder.info_.channels = sf_info.channels;
  decoder.info_.frames = sf_info.frames;
  decoder.info_.format = describe_format(sf_info.format) + (wrapped_ogg ? " in WAV" : "");
  decoder.info_.mpeg_layer3 = (sf_info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III;
  if (decoder.info_.mpeg_layer3 && regular) {
    // libsndfile stops at the length mpg123 first guessed; mpg123 read directly goes on to the
    // end. Should mpg123 disagree on the format or refuse the file, libsndfile reads it; and
    // a fifo named on the command line is read once, by libsndfile (reopening it could block).
    if (auto mp3 = audio::Mp3Stream::open(handle.fd);
        mp3 && mp3->sample_rate() == sf_info.samplerate && mp3->channels() == sf_info.channels) {
      if (mp3->frames() > 0) decoder.info_.frames = mp3->frames();
      handle.mp3 = std::move(*mp3);
    }
  }
  const bool aiff = (sf_info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_AIFF;
  std::optional<audio::AppleLoopChunk> apple_loop;
  if (aiff) apple_loop = audio::read_apple_loop_chunk(handle.fd, static_cast<double>(sf_info.frames) / sf_info.samplerate);
  decoder.loop_metadata_ = read_loop_metadata(file, aiff, std::move(apple_loop));
  if (handle.mp3) {  // one decoder per file: libsndfile's own mpg123 is done with
    sf_close(handle.file);
    handle.file = nullptr;
  }
  return decoder;
}

bool decoded_to_whole_mpeg_frames(const AudioInfo& info, std::int64_t decoded_frames) {
  if (!info.mpeg_layer3 || decoded_frames <= 0) return false;
  const bool mpeg1_rate = info.sample_rate == 32000 || info.sample_rate == 44100 || info.sample_rate == 48000;
  const std::int64_t frame_samples = mpeg1_rate ? 1152 : 576;  // MPEG-1; MPEG-2 and 2.5 (8-24 kHz)
  return decoded_frames % frame_samples == 0;
}

AudioDecoder::AudioDecoder(AudioDecoder&&) noexcept = default;
AudioDecoder& AudioDecoder::operator=(AudioDecoder&&) noexcept = default;
AudioDecoder::~AudioDecoder() = default;

std::size_t AudioDecoder::read_interleaved(std::vector<float>& out, std::size_t max_frames) {
  const auto channels = static_cast<std::size_t>(info_.channels);
  out.resize(max_frames * channels);
  if (!handle_ || (handle_->file == nullptr && !handle_->mp3) || max_frames == 0) {
    out.clear();
    return 0;
  }
  std::size_t frames = 0;
  if (handle_->mp3) {
    frames = handle_->mp3->read_interleaved(out.data(), max_frames);
  } else {
    const sf_count_t got = sf_readf_float(handle_->file, out.data(), static_cast<sf_count_t>(max_frames));
    frames = got > 0 ? static_cast<std::size_t>(got) : 0;
  }
  out.resize(frames * channels);
  samples_read_ += out.size();
  non_finite_samples_ += sanitize_samples(out);
  return frames;
}

std::size_t AudioDecoder::read_mono(std::vector<float>& out, std::size_t max_frames) {
  const std::size_t frames = read_interleaved(interleaved_, max_frames);
  audio::ChannelFold(static_cast<std::size_t>(info_.channels)).fold(interleaved_, out);  // the extractor's fold
  return frames;
}

}  // namespace samplemind
