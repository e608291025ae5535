#pragma once
// A file edited through a private copy beside it: the copy is created exclusively, filled from
// the open original, given its owner, group, permission bits and extended attributes, and
// renamed over the original only if the original still is the file it was copied from. So a
// failed edit leaves the original exactly as it was, and a save another program made to it in
// the meantime is never overwritten.
#include <filesystem>

#include "util/file_stat.hpp"
#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace samplemind {

struct ReplacementCopy {
  std::filesystem::path path;  // beside the original: "." + its name (cut) + ".tmp.XXXXXX" + its extension
  UniqueFd fd;                 // the copy, open for reading and writing
};

// Why: edits go into a copy so that a failure part way leaves the original untouched. The
// copy keeps the original's extension (tag libraries pick their parser by it) and its name is
// cut to stay within NAME_MAX. Owner and group are given where this process may (root tagging
// a user's library must not hand the files to root); extended attributes must all be kept, or
// there is no copy.
Result<ReplacementCopy> make_replacement_copy(int original_fd, const std::filesystem::path& original_path);

// Why: the last step of an edit. Flushes the copy to disk, checks that original_path still
// shows `original` (same inode, size, mtime and ctime: not renamed over, not written since),
// renames the copy over it. Otherwise the copy is removed and the error
// says why; the original is left as it is.
Status replace_if_unchanged(ReplacementCopy& copy, const std::filesystem::path& original_path, const FileStat& original);

// Why: a failed edit removes its copy.
void discard_replacement_copy(ReplacementCopy& copy);

}  // namespace samplemind
