// Unlinked temporary files; see private_temp_file.hpp.
#include "util/private_temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace samplemind {

std::string temp_folder() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/tmp");
}

UniqueFd private_temp_file(std::string_view name) {
  const std::string folder = temp_folder();
  UniqueFd fd(::open(folder.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() >= 0) return fd;
  std::string pattern = folder + "/samplemind-" + std::string(name) + ".XXXXXX";
  fd = UniqueFd(::mkostemp(pattern.data(), O_CLOEXEC));
  if (fd.get() >= 0) ::unlink(pattern.c_str());
  return fd;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t step = ::write(fd, bytes.data(), bytes.size());
    if (step < 0 && errno == EINTR) continue;
    if (step <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(step));
  }
  return true;
}

}  // namespace samplemind
