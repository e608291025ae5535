#pragma once
// Unlinked temporary files in $TMPDIR: the report's entry spool and a stream copied before it
// is decoded keep their bytes in one, so nothing is left behind and no other process can open
// it by name.
#include <string>
#include <string_view>

#include "util/unique_fd.hpp"

namespace samplemind {

// Why: every temporary file and folder samplemind makes lives here: $TMPDIR when set and not
// empty, else /tmp.
std::string temp_folder();

// Why: a file no other process can open: O_TMPFILE (never linked, O_EXCL so it cannot be linked
// later) where the file system has it, else a fresh mkostemp name (`samplemind-NAME.XXXXXX`)
// removed at once. An invalid descriptor when neither works (errno says why).
UniqueFd private_temp_file(std::string_view name);

// Why: writes every byte at the descriptor's position, retrying on EINTR; false on any error.
bool write_all(int fd, std::string_view bytes);

}  // namespace samplemind
