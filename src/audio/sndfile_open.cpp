// libsndfile opened on the decoder's own descriptor, never on a name it could look beside.
#include "audio/sndfile_open.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "audio/sd2_open.hpp"
#include "util/range_text.hpp"

namespace samplemind::audio {

namespace {

constexpr std::string_view k_unrecognised = "Format not recognised.";

struct RawFormat {
  std::string_view extension;  // lower case, with its dot
  int format;
  int sample_rate;
};
// libsndfile's own table (format_from_extension in sndfile.c), for files it does not recognise.
constexpr std::array<RawFormat, 6> k_raw_formats{{
    {".au", SF_FORMAT_RAW | SF_FORMAT_ULAW, 8000},
    {".snd", SF_FORMAT_RAW | SF_FORMAT_ULAW, 8000},
    {".vox", SF_FORMAT_RAW | SF_FORMAT_VOX_ADPCM, 8000},
    {".vox8", SF_FORMAT_RAW | SF_FORMAT_VOX_ADPCM, 8000},
    {".vox6", SF_FORMAT_RAW | SF_FORMAT_VOX_ADPCM, 6000},
    {".gsm", SF_FORMAT_RAW | SF_FORMAT_GSM610, 8000},
}};

// A Sun/NeXT header, read or damaged: libsndfile by name never reads such a file as raw.
bool starts_with_sun_magic(int fd) {
  std::array<char, 4> magic{};
  if (::pread(fd, magic.data(), magic.size(), 0) != static_cast<ssize_t>(magic.size())) return false;
  const std::string_view head(magic.data(), magic.size());
  return head == ".snd" || head == "dns.";
}

}  // namespace

std::optional<SF_INFO> raw_format_for_extension(const std::filesystem::path& path) {
  for (const RawFormat& raw : k_raw_formats) {
    if (!ends_with_ci(path.native(), raw.extension)) continue;
    SF_INFO info{};
    info.format = raw.format;
    info.samplerate = raw.sample_rate;
    info.channels = 1;
    return info;
  }
  return std::nullopt;
}

bool proc_self_fd_available() {
  static const bool mounted = ::access("/proc/self/fd", X_OK) == 0;  // asked once per process
  return mounted;
}

SNDFILE* open_descriptor_with_libsndfile(int fd, bool regular, SF_INFO& info) {
  if (regular && proc_self_fd_available()) {
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    return sf_open(self.c_str(), SFM_READ, &info);
  }
  // A FIFO or device is read once, from where it is: reopening a FIFO could wait for a writer.
  if (regular) ::lseek(fd, 0, SEEK_SET);
  return sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
}

SndfileOpening open_with_libsndfile(const std::filesystem::path& path, int fd, bool regular) {
  if (regular && ends_with_ci(path.native(), ".sd2")) return open_sd2(path, fd);
  SndfileOpening opening;
  opening.file = open_descriptor_with_libsndfile(fd, regular, opening.info);
  if (opening.file != nullptr) return opening;
  // libsndfile keeps this in one process-wide slot: read at once (another thread's open can
  // overwrite it; "No Error." is such a success, and the caller words it).
  opening.failure = sf_strerror(nullptr);
  const std::optional<SF_INFO> raw = raw_format_for_extension(path);
  if (!raw || opening.failure != k_unrecognised || !regular || starts_with_sun_magic(fd)) return opening;
  opening.info = *raw;
  opening.file = open_descriptor_with_libsndfile(fd, regular, opening.info);
  if (opening.file != nullptr) opening.failure.clear();
  return opening;
}

}  // namespace samplemind::audio
