#pragma once
// One atomic writer for every file samplemind replaces (cache entries, exports, reports):
// an exclusive temp file (O_CREAT|O_EXCL, unpredictable name) in the target's own folder,
// written, optionally fsynced, then renamed over the target. Readers see the old file or
// the whole new one; a planted symlink at any temp name is never followed; the temp file
// is removed on every failure path; a full disk or `ulimit -f` is a clear error value.
#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace samplemind {

// Every temp name holds this marker (the file cache's walks recognise leftovers by it).
constexpr std::string_view k_temp_file_marker = ".tmp.";

struct AtomicWriteOptions {
  mode_t mode = 0600;
  bool sync = false;  // fsync before the rename: reports and exports, not cache entries
};

class AtomicFileWriter {
 public:
  // Why: creates the exclusive temp file next to target; fails (ENOENT, EACCES...) up front.
  static Result<AtomicFileWriter> create(const std::filesystem::path& target, AtomicWriteOptions options = {});

  AtomicFileWriter(AtomicFileWriter&& other) noexcept;
  AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  // Why: a writer dropped before commit() leaves nothing behind.
  ~AtomicFileWriter();

  // Why: buffered append; the first failure sticks and is reported again by commit().
  Status write(std::string_view bytes);
  // Why: flush, fsync when asked, close and rename into place; removes the temp on failure.
  Status commit();
  // Why: gives up and removes the temp file (also what the destructor does).
  void discard();

  const std::filesystem::path& temp_path() const { return temp_; }

 private:
  AtomicFileWriter(std::filesystem::path target, std::filesystem::path temp, int fd, AtomicWriteOptions options);
  Status flush();
  Status fail(const std::string& what);

  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
  AtomicWriteOptions options_;
  std::string buffer_;
  Status failed_ = Status::success();
};

// Why: the whole content in one call (cache entries, counters, reports).
Status write_file_atomically(const std::filesystem::path& target, std::string_view content,
                             AtomicWriteOptions options = {});

// Why: fails before a long run when target could not be written at its end (missing or
// unwritable folder, target is a folder); creates and removes one temp file to be sure.
Status check_writable_target(const std::filesystem::path& target);

// Why: with SIGXFSZ ignored, exceeding `ulimit -f` is EFBIG from write() (an error value,
// fail-open in the cache) instead of a kill with no report. Called once at start.
void ignore_file_size_limit_signal();

}  // namespace samplemind
