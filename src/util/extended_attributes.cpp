// Extended attributes copied descriptor to descriptor; see extended_attributes.hpp.
#include "util/extended_attributes.hpp"

#include <sys/xattr.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/display_text.hpp"

namespace samplemind {
namespace {

constexpr int k_size_race_attempts = 4;  // another writer may grow a list or value between the size query and the read

bool no_attributes_here(int error) { return error == ENOTSUP || error == ENOSYS; }

// The attribute names of fd, each NUL-terminated; empty where the file system keeps none.
Result<std::vector<char>> attribute_names(int fd) {
  for (int attempt = 0; attempt < k_size_race_attempts; ++attempt) {
    const ssize_t wanted = ::flistxattr(fd, nullptr, 0);
    if (wanted < 0) {
      if (no_attributes_here(errno)) return std::vector<char>{};
      return Error{std::string("cannot list its extended attributes: ") + std::strerror(errno)};
    }
    if (static_cast<std::size_t>(wanted) > k_max_xattr_list_bytes) return Error{"its extended attribute list is over 64 KB"};
    std::vector<char> names(static_cast<std::size_t>(wanted));
    if (names.empty()) return names;
    const ssize_t got = ::flistxattr(fd, names.data(), names.size());
    if (got >= 0) {
      names.resize(static_cast<std::size_t>(got));
      return names;
    }
    if (errno != ERANGE) return Error{std::string("cannot list its extended attributes: ") + std::strerror(errno)};
  }
  return Error{"its extended attribute list kept changing while it was read"};
}

// One attribute's value; nothing when it went away after the list was read.
Result<std::optional<std::string>> attribute_value(int fd, const char* name) {
  const std::string shown = escape_control_chars(name);
  for (int attempt = 0; attempt < k_size_race_attempts; ++attempt) {
    const ssize_t wanted = ::fgetxattr(fd, name, nullptr, 0);
    if (wanted < 0 && errno == ENODATA) return std::optional<std::string>{};
    if (wanted < 0) return Error{"cannot read its extended attribute " + shown + ": " + std::strerror(errno)};
    if (static_cast<std::size_t>(wanted) > k_max_xattr_value_bytes) return Error{"its extended attribute " + shown + " is over 64 KB"};
    std::string value(static_cast<std::size_t>(wanted), '\0');
    const ssize_t got = ::fgetxattr(fd, name, value.data(), value.size());
    if (got >= 0) {
      value.resize(static_cast<std::size_t>(got));
      return std::optional<std::string>(std::move(value));
    }
    if (errno == ENODATA) return std::optional<std::string>{};
    if (errno != ERANGE) return Error{"cannot read its extended attribute " + shown + ": " + std::strerror(errno)};
  }
  return Error{"its extended attribute " + shown + " kept changing while it was read"};
}

}  // namespace

Result<std::size_t> copy_extended_attributes(int from_fd, int to_fd) {
  auto names = attribute_names(from_fd);
  if (!names) return Error{names.error()};
  std::size_t copied = 0;
  std::size_t start = 0;
  while (start < names->size()) {
    const char* name = names->data() + start;
    const std::size_t length = ::strnlen(name, names->size() - start);
    start += length + 1;
    if (length == 0) continue;
    auto value = attribute_value(from_fd, name);
    if (!value) return Error{value.error()};
    if (!value->has_value()) continue;
    const std::string& bytes = **value;
    if (::fsetxattr(to_fd, name, bytes.data(), bytes.size(), 0) != 0) {
      const int set_error = errno;
      // A copy may be born holding it already (an SELinux label inherited from the folder,
      // which this user may not set): the same value there is kept, not lost.
      auto already = attribute_value(to_fd, name);
      if (!already || !already->has_value() || **already != bytes) {
        return Error{"cannot keep its extended attribute " + escape_control_chars(name) + ": " + std::strerror(set_error)};
      }
    }
    ++copied;
  }
  return copied;
}

}  // namespace samplemind
