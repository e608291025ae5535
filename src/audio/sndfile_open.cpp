// libsndfile opened on the decoder's own descriptor, never on a name it could look beside.
#include "audio/sndfile_open.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "util/range_text.hpp"

namespace samplemind::audio {

namespace {

// Real SD2 resource forks hold a few hundred bytes of parameters; libsndfile reads the fork
// whole into memory, with its length in an int.
constexpr std::int64_t k_max_resource_fork_bytes = 1 << 20;
// sf_open() refuses a path this long or longer ("File name too long": SF_FILENAME_LEN).
constexpr std::size_t k_libsndfile_path_limit_bytes = 1024;
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

// The open file itself, under a name whose folder holds nothing libsndfile could look for
// (its resource-fork guesses there, `._N` and `.AppleDouble/N`, do not exist). With no /proc
// (not mounted), the bare descriptor: libsndfile then looks for `._` in the working folder.
SNDFILE* open_descriptor(int fd, bool regular, SF_INFO& info) {
  static const bool proc_mounted = ::access("/proc/self/fd", X_OK) == 0;  // asked once per process
  if (regular && proc_mounted) {
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    return sf_open(self.c_str(), SFM_READ, &info);
  }
  // A FIFO or device is read once, from where it is: reopening a FIFO could wait for a writer.
  if (regular) ::lseek(fd, 0, SEEK_SET);
  return sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
}

// Opens a file named .sd2 by name, its resource fork checked first.
SndfileOpening open_sd2_by_name(const std::filesystem::path& path) {
  SndfileOpening opening;
  if (auto problem = resource_fork_problem(path)) {
    opening.failure = *problem;
    return opening;
  }
  if (path.native().size() >= k_libsndfile_path_limit_bytes) {
    opening.failure = "an SD2 file is read by name, and this path is too long for libsndfile";
    return opening;
  }
  opening.file = sf_open(path.c_str(), SFM_READ, &opening.info);
  if (opening.file == nullptr) opening.failure = sf_strerror(nullptr);
  return opening;
}

// What is wrong with one resource fork candidate, if anything.
std::optional<std::string> fork_candidate_problem(const std::filesystem::path& candidate) {
  struct stat status {};
  if (::stat(candidate.c_str(), &status) != 0) return std::nullopt;  // none there (or unreachable)
  const std::string name = candidate.filename().string();
  if (!S_ISREG(status.st_mode)) return "its resource fork " + name + " is not a regular file";
  if (status.st_size > k_max_resource_fork_bytes) return "its resource fork " + name + " is larger than 1 MB";
  return std::nullopt;
}

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

std::optional<std::string> resource_fork_problem(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.parent_path();
  const std::filesystem::path name = path.filename();
  if (auto problem = fork_candidate_problem(folder / ("._" + name.string()))) return problem;
  return fork_candidate_problem(folder / ".AppleDouble" / name);
}

SndfileOpening open_with_libsndfile(const std::filesystem::path& path, int fd, bool regular) {
  if (regular && ends_with_ci(path.native(), ".sd2")) return open_sd2_by_name(path);
  SndfileOpening opening;
  opening.file = open_descriptor(fd, regular, opening.info);
  if (opening.file != nullptr) return opening;
  // libsndfile keeps this in one process-wide slot: read at once (another thread's open can
  // overwrite it; "No Error." is such a success, and the caller words it).
  opening.failure = sf_strerror(nullptr);
  const std::optional<SF_INFO> raw = raw_format_for_extension(path);
  if (!raw || opening.failure != k_unrecognised || !regular || starts_with_sun_magic(fd)) return opening;
  opening.info = *raw;
  opening.file = open_descriptor(fd, regular, opening.info);
  if (opening.file != nullptr) opening.failure.clear();
  return opening;
}

}  // namespace samplemind::audio
