// A file edited through a copy beside it: the copy carries the bytes, permission bits and
// extended attributes, and it replaces the original only if nobody saved the original in the
// meantime, whether the file is older than any timestamp granularity or written this instant.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>

#include "support/temp_dir.hpp"
#include "util/extended_attributes.hpp"
#include "util/file_stat.hpp"
#include "util/replacement_copy.hpp"
#include "util/unique_fd.hpp"

using namespace samplemind;

namespace {

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Rewrites the file in place (same inode, same size) and puts its old mtime back, as a program
// that preserves timestamps would: only the ctime tells.
void rewrite_in_place_keeping_mtime(const std::filesystem::path& path, const std::string& bytes) {
  struct stat before {};
  REQUIRE(::stat(path.c_str(), &before) == 0);
  {
    std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
    out << bytes;
  }
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// Sets the file's mtime to 2001, long past any "racy" window of timestamp granularity.
void make_old(const std::filesystem::path& path) {
  const struct timespec times[2] = {{1'000'000'000, 0}, {1'000'000'000, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

bool user_attributes_supported(const std::filesystem::path& path) {
  if (::setxattr(path.c_str(), "user.samplemind.probe", "1", 1, 0) == 0) {
    ::removexattr(path.c_str(), "user.samplemind.probe");
    return true;
  }
  return false;
}

std::string attribute(const std::filesystem::path& path, const char* name) {
  char value[256] = {};
  const ssize_t got = ::getxattr(path.c_str(), name, value, sizeof(value));
  return got < 0 ? std::string("<absent>") : std::string(value, static_cast<std::size_t>(got));
}

std::size_t entries_in(const std::filesystem::path& folder) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder), {}));
}

struct Opened {
  UniqueFd fd;
  FileStat stat;
};

Opened open_original(const std::filesystem::path& path) {
  Opened opened{UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), {}};
  REQUIRE(opened.fd.get() >= 0);
  auto stat = stat_descriptor(opened.fd.get());
  REQUIRE(stat.ok());
  opened.stat = *stat;
  return opened;
}

// The edit itself: the copy's bytes replaced.
void edit_copy(const ReplacementCopy& copy, const std::string& bytes) {
  REQUIRE(::ftruncate(copy.fd.get(), 0) == 0);
  REQUIRE(::pwrite(copy.fd.get(), bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
}

}  // namespace

TEST_CASE("a replacement copy keeps the bytes, permission bits, extension and extended attributes") {
  testing::TempDir dir;
  const auto original = dir.path() / "Kick 909.wav";
  write_bytes(original, std::string(3 << 20, 'a') + "tail");  // over one copy chunk
  REQUIRE(::chmod(original.c_str(), 0640) == 0);
  const bool attributes = user_attributes_supported(original);
  if (attributes) {
    REQUIRE(::setxattr(original.c_str(), "user.xdg.comment", "my favourite kick", 17, 0) == 0);
    REQUIRE(::setxattr(original.c_str(), "user.rating", "5", 1, 0) == 0);
  }
  auto opened = open_original(original);
  auto copy = make_replacement_copy(opened.fd.get(), original);
  REQUIRE_MESSAGE(copy.ok(), copy.error());
  CHECK(copy->path.parent_path() == dir.path());
  CHECK(copy->path.extension() == ".wav");
  CHECK(bytes_of(copy->path) == bytes_of(original));
  struct stat info {};
  REQUIRE(::stat(copy->path.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  if (attributes) CHECK(attribute(copy->path, "user.xdg.comment") == "my favourite kick");

  edit_copy(*copy, "tagged");
  const Status replaced = replace_if_unchanged(*copy, original, opened.stat);
  REQUIRE_MESSAGE(replaced.ok, replaced.error);
  CHECK(bytes_of(original) == "tagged");
  CHECK(entries_in(dir.path()) == 1);  // no copy left beside it
  if (attributes) {
    CHECK(attribute(original, "user.xdg.comment") == "my favourite kick");
    CHECK(attribute(original, "user.rating") == "5");
  } else {
    MESSAGE("this file system keeps no user extended attributes: that part is not checked");
  }
}

// How another program saves the file between the copy and the rename.
enum class Save { in_place_mtime_kept, renamed_over };

// Copies `original`, edits the copy, lets the other program save, then asks to replace.
void check_other_save_survives(const std::filesystem::path& original, Save save, bool old_file) {
  write_bytes(original, "version one");
  if (old_file) make_old(original);
  auto opened = open_original(original);
  auto copy = make_replacement_copy(opened.fd.get(), original);
  REQUIRE(copy.ok());
  edit_copy(*copy, "version one, tagged");
  std::string saved_bytes;
  if (save == Save::in_place_mtime_kept) {
    saved_bytes = "VERSION TWO";  // the same size: only the ctime moves
    rewrite_in_place_keeping_mtime(original, saved_bytes);
  } else {
    saved_bytes = "version one";  // the same bytes, size and (old) mtime: only the inode tells
    const auto saving = original.parent_path() / "saving.tmp";
    write_bytes(saving, saved_bytes);
    if (old_file) make_old(saving);
    REQUIRE(::rename(saving.c_str(), original.c_str()) == 0);
  }
  const Status replaced = replace_if_unchanged(*copy, original, opened.stat);
  CHECK_FALSE(replaced.ok);
  CHECK(replaced.error.find("changed after it was read") != std::string::npos);
  CHECK(bytes_of(original) == saved_bytes);
  CHECK(entries_in(original.parent_path()) == 1);  // the copy is gone
}

TEST_CASE("a save made by another program while the copy was edited is never overwritten") {
  for (const bool old_file : {true, false}) {
    for (const Save save : {Save::in_place_mtime_kept, Save::renamed_over}) {
      CAPTURE(old_file);
      CAPTURE(static_cast<int>(save));
      testing::TempDir dir;
      check_other_save_survives(dir.path() / "loop.wav", save, old_file);
    }
  }
}

TEST_CASE("an extended attribute that cannot be kept is an error naming it, escaped") {
  testing::TempDir dir;
  const auto original = dir.path() / "pad.flac";
  write_bytes(original, "pad");
  if (!user_attributes_supported(original)) {
    MESSAGE("this file system keeps no user extended attributes: not checked");
    return;
  }
  REQUIRE(::setxattr(original.c_str(), "user.\x1b[31mred", "x", 1, 0) == 0);
  const UniqueFd from(::open(original.c_str(), O_RDONLY | O_CLOEXEC));
  int pipe_ends[2];
  REQUIRE(::pipe(pipe_ends) == 0);
  const UniqueFd read_end(pipe_ends[0]);
  const UniqueFd write_end(pipe_ends[1]);
  // user.* attributes belong to regular files and folders only: a pipe refuses them.
  auto copied = copy_extended_attributes(from.get(), write_end.get());
  REQUIRE_FALSE(copied.ok());
  CHECK(copied.error().find("user.\\x1b[31mred") != std::string::npos);
  CHECK(copied.error().find('\x1b') == std::string::npos);

  const auto bare = dir.path() / "bare.wav";
  write_bytes(bare, "bare");
  const UniqueFd bare_fd(::open(bare.c_str(), O_RDONLY | O_CLOEXEC));
  const UniqueFd to(::open(original.c_str(), O_RDWR | O_CLOEXEC));
  auto none = copy_extended_attributes(bare_fd.get(), to.get());
  REQUIRE(none.ok());
  CHECK(*none == 0);
}

TEST_CASE("an attribute the copy may not set but already holds with the same value is kept") {
  testing::TempDir dir;
  const auto from_path = dir.path() / "from.wav";
  const auto to_path = dir.path() / "to.wav";
  write_bytes(from_path, "from");
  write_bytes(to_path, "to");
  if (!user_attributes_supported(from_path)) {
    MESSAGE("this file system keeps no user extended attributes: not checked");
    return;
  }
  REQUIRE(::setxattr(from_path.c_str(), "user.label", "same", 4, 0) == 0);
  REQUIRE(::setxattr(to_path.c_str(), "user.label", "same", 4, 0) == 0);
  const UniqueFd from(::open(from_path.c_str(), O_RDONLY | O_CLOEXEC));
  const UniqueFd to(::open(to_path.c_str(), O_RDONLY | O_CLOEXEC));
  // An immutable file refuses every attribute change, as a label this user may not set does.
  int flags = 0;
  if (::ioctl(to.get(), FS_IOC_GETFLAGS, &flags) != 0) {
    MESSAGE("no inode flags here: not checked");
    return;
  }
  const int immutable = flags | FS_IMMUTABLE_FL;
  if (::ioctl(to.get(), FS_IOC_SETFLAGS, &immutable) != 0) {
    MESSAGE("not allowed to make a file immutable (needs CAP_LINUX_IMMUTABLE): not checked");
    return;
  }
  auto kept = copy_extended_attributes(from.get(), to.get());
  REQUIRE(::setxattr(from_path.c_str(), "user.label", "other", 5, 0) == 0);
  auto refused = copy_extended_attributes(from.get(), to.get());
  (void)::ioctl(to.get(), FS_IOC_SETFLAGS, &flags);
  REQUIRE_MESSAGE(kept.ok(), (kept.ok() ? "" : kept.error()));
  CHECK(*kept == 1);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().find("cannot keep its extended attribute user.label") != std::string::npos);
}
