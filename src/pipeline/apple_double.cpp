// Four bytes read, only for names that start with "._": the walk stays one stat per file.
#include "pipeline/apple_double.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>

#include "util/unique_fd.hpp"

namespace samplemind {

namespace {
// AppleDouble's magic number, big endian (AppleSingle's is 0x00051600).
constexpr std::array<unsigned char, 4> k_apple_double_magic = {0x00, 0x05, 0x16, 0x07};
}  // namespace

bool is_apple_double(int folder, const std::string& name, bool follow_link) {
  if (name.rfind("._", 0) != 0) return false;
  const int flags = O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | (follow_link ? 0 : O_NOFOLLOW);
  const UniqueFd file(::openat(folder, name.c_str(), flags));
  if (file.get() < 0) return false;
  std::array<unsigned char, 4> head{};
  return ::pread(file.get(), head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) &&
         head == k_apple_double_magic;
}

}  // namespace samplemind
