#pragma once
// A file's extended attributes carried over to its replacement: a file replaced by rename is a
// new inode, and without this it loses what other tools stored beside the audio (desktop
// comments and ratings in user.*, POSIX ACLs in system.posix_acl_access, a browser's origin URL).
#include <cstddef>

#include "util/result.hpp"

namespace samplemind {

// The kernel's own limits (XATTR_LIST_MAX, XATTR_SIZE_MAX): one name list and one value.
constexpr std::size_t k_max_xattr_list_bytes = 65536;
constexpr std::size_t k_max_xattr_value_bytes = 65536;

// Why: a file replaced by a copy must keep every attribute the original had, or be left alone.
// Copies every attribute from_fd lists onto to_fd and returns how many it copied; an attribute
// that cannot be read or set is an error naming it (control characters escaped), so the caller
// can keep the original. A file system without attributes copies none and is not an error.
Result<std::size_t> copy_extended_attributes(int from_fd, int to_fd);

}  // namespace samplemind
