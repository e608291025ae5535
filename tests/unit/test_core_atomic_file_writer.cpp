// The one atomic writer: exclusive temp beside the target, nothing left on any failure,
// EFBIG (`ulimit -f`) and a missing folder as error values.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "util/atomic_file_writer.hpp"
#include "util/file_stat.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t files_in(const std::filesystem::path& folder) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++count;
  return count;
}

}  // namespace

TEST_CASE("atomic writer: replaces the target, leaves no temp file, never follows a planted .tmp link") {
  testing::TempDir dir;
  const auto target = dir.path() / "report.json";
  const auto victim = dir.path() / "victim";
  std::ofstream(victim) << "precious";
  std::filesystem::create_symlink(victim, dir.path() / "report.json.tmp");
  REQUIRE(write_file_atomically(target, "first").ok);
  REQUIRE(write_file_atomically(target, "second").ok);
  CHECK(read_all(target) == "second");
  CHECK(read_all(victim) == "precious");
  CHECK(files_in(dir.path()) == 3);  // target, victim, the planted link
}

TEST_CASE("atomic writer: a dropped writer and a failed rename remove their temp file") {
  testing::TempDir dir;
  {
    auto writer = AtomicFileWriter::create(dir.path() / "a");
    REQUIRE(writer.ok());
    REQUIRE(writer->write("partial").ok);
  }
  std::filesystem::create_directory(dir.path() / "folder");
  std::ofstream(dir.path() / "folder" / "inside") << "x";
  Status over_folder = write_file_atomically(dir.path() / "folder", "text");  // rename onto a non-empty folder
  CHECK_FALSE(over_folder.ok);
  CHECK(files_in(dir.path()) == 1);
  CHECK_FALSE(check_writable_target(dir.path() / "folder").ok);
  CHECK(check_writable_target(dir.path() / "new.json").ok);
  CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("atomic writer: a missing folder is an error value naming it") {
  testing::TempDir dir;
  Status missing = write_file_atomically(dir.path() / "no" / "such" / "file", "x");
  CHECK_FALSE(missing.ok);
  CHECK(missing.error.find("no/such") != std::string::npos);
  CHECK_FALSE(check_writable_target(dir.path() / "no" / "r.json").ok);
}

TEST_CASE("atomic writer: past ulimit -f the write fails with a clear error, not SIGXFSZ") {
  testing::TempDir dir;
  ignore_file_size_limit_signal();
  rlimit before{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
  rlimit small = before;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  Status big = write_file_atomically(dir.path() / "big", std::string(100000, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &before);
  CHECK_FALSE(big.ok);
  CHECK(big.error.find("file size limit") != std::string::npos);
  CHECK(files_in(dir.path()) == 0);
}

TEST_CASE("file stat: ctime and mtime in ns, the same for the same inode") {
  testing::TempDir dir;
  const auto file = dir.path() / "f";
  std::ofstream(file) << "abc";
  auto a = stat_path(file);
  auto b = stat_path(file);
  REQUIRE(a.ok());
  CHECK(a->size_bytes == 3);
  CHECK(a->is_regular());
  CHECK(a->ctime_ns > 0);
  CHECK(a->same_content_as(*b));
  CHECK_FALSE(stat_path(dir.path() / "missing").ok());
}

}  // namespace samplemind
