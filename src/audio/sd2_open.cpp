// SD2 files opened through a private folder; see sd2_open.hpp.
#include "audio/sd2_open.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <vector>

#include "audio/sndfile_open.hpp"
#include "util/private_temp_file.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::audio {
namespace {

// Real SD2 resource forks hold a few hundred bytes of parameters; libsndfile reads the fork
// whole into memory, with its length in an int.
constexpr std::int64_t k_max_resource_fork_bytes = 1 << 20;
// sf_open() refuses a path this long or longer ("File name too long": SF_FILENAME_LEN).
constexpr std::size_t k_libsndfile_path_limit_bytes = 1024;
constexpr const char* k_private_name = "audio.sd2";
constexpr const char* k_private_fork_name = "._audio.sd2";

// The fork libsndfile would read, as samplemind read it: its bytes, or why it is refused.
struct ForkRead {
  bool found = false;
  std::vector<char> bytes;
  std::optional<std::string> problem;
};

// The fork candidates in libsndfile's order: the first one that opens is the one it reads.
std::vector<std::filesystem::path> fork_candidates(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.parent_path();
  const std::string name = path.filename().string();
  return {folder / ("._" + name), folder / ".AppleDouble" / name};
}

// Opens the first candidate that opens (O_NONBLOCK: a FIFO opens without a writer and is
// then refused), checks it and, with read_bytes, reads it whole through the same descriptor.
ForkRead read_fork(const std::filesystem::path& path, bool read_bytes) {
  ForkRead fork;
  for (const std::filesystem::path& candidate : fork_candidates(path)) {
    const UniqueFd fd(::open(candidate.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) continue;  // none there (or unreachable): libsndfile goes on to the next
    fork.found = true;
    const std::string name = candidate.filename().string();
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0 || !S_ISREG(status.st_mode)) {
      fork.problem = "its resource fork " + name + " is not a regular file";
    } else if (status.st_size > k_max_resource_fork_bytes) {
      fork.problem = "its resource fork " + name + " is larger than 1 MB";
    } else if (read_bytes) {
      fork.bytes.resize(static_cast<std::size_t>(status.st_size));
      const ssize_t got = ::pread(fd.get(), fork.bytes.data(), fork.bytes.size(), 0);
      if (got < 0) fork.problem = "its resource fork " + name + " cannot be read: " + std::strerror(errno);
      else fork.bytes.resize(static_cast<std::size_t>(got));
    }
    return fork;
  }
  return fork;
}

// A folder only this process writes in, removed with everything in it when it goes.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::string pattern = temp_folder() + "/samplemind-sd2-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~PrivateFolder() {
    if (path_.empty()) return;
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;  // empty when it could not be made
};

// Writes the fork's bytes as a new file (never an existing one) in the private folder.
bool write_private_fork(const std::filesystem::path& target, const std::vector<char>& bytes) {
  const UniqueFd fd(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return false;
  return write_all(fd.get(), std::string_view(bytes.data(), bytes.size()));
}

SndfileOpening refused(std::string why) {
  SndfileOpening opening;
  opening.failure = std::move(why);
  return opening;
}

// Without /proc (or a writable $TMPDIR) libsndfile gets the file's own name, its
// fork just checked (a fork swapped in after the check is not caught then).
SndfileOpening open_by_name(const std::filesystem::path& path) {
  if (path.native().size() >= k_libsndfile_path_limit_bytes) {
    return refused("an SD2 file is read by name when no private folder can be made (no /proc, or $TMPDIR unusable), and this path is too long for libsndfile");
  }
  SndfileOpening opening;
  opening.file = sf_open(path.c_str(), SFM_READ, &opening.info);
  if (opening.file == nullptr) opening.failure = sf_strerror(nullptr);
  return opening;
}

}  // namespace

std::optional<std::string> resource_fork_problem(const std::filesystem::path& path) {
  return read_fork(path, false).problem;
}

SndfileOpening open_sd2(const std::filesystem::path& path, int fd) {
  const ForkRead fork = read_fork(path, true);
  if (fork.problem) return refused(*fork.problem);
  if (!fork.found) {  // read as any other file (a WAV named .sd2 is still a WAV)
    SndfileOpening opening;
    opening.file = open_descriptor_with_libsndfile(fd, true, opening.info);
    if (opening.file == nullptr) opening.failure = sf_strerror(nullptr);
    return opening;
  }
  if (!proc_self_fd_available()) return open_by_name(path);
  PrivateFolder folder;
  if (folder.path().empty()) return open_by_name(path);  // $TMPDIR unwritable: as without /proc
  const std::filesystem::path audio = folder.path() / k_private_name;
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  if (::symlink(self.c_str(), audio.c_str()) != 0 || !write_private_fork(folder.path() / k_private_fork_name, fork.bytes)) {
    return refused(std::string("its resource fork could not be copied to a private folder: ") + std::strerror(errno));
  }
  SndfileOpening opening;
  opening.file = sf_open(audio.c_str(), SFM_READ, &opening.info);
  if (opening.file == nullptr) opening.failure = sf_strerror(nullptr);
  return opening;
}

}  // namespace samplemind::audio
