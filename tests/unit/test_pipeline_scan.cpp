// The walk: deterministic order, audio extensions, hidden files, symlink loops.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "pipeline/scan.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {
void touch(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "x";
}

std::vector<std::string> names(const ScanResult& result, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& item : result.items) {
    out.push_back(fs::relative(item.path, root).string() + (item.problem.empty() ? "" : " !"));
  }
  return out;
}
}  // namespace

TEST_CASE("pipeline scan walks folders in a deterministic sorted order") {
  testing::TempDir dir;
  const auto root = dir.path();
  touch(root / "b" / "2.WAV");
  touch(root / "b" / "1.flac");
  touch(root / "a.mp3");
  touch(root / "c.aiff");
  touch(root / "notes.txt");
  touch(root / ".hidden.wav");
  touch(root / ".hiddendir" / "x.wav");
  const auto result = scan_inputs({root}, ScanOptions{});
  CHECK(names(result, root) == std::vector<std::string>{"a.mp3", "b/1.flac", "b/2.WAV", "c.aiff"});
  const auto with_hidden = scan_inputs({root}, ScanOptions{true});
  CHECK(with_hidden.items.size() == 6);
}

TEST_CASE("pipeline scan survives symlink loops and reports dangling links") {
  testing::TempDir dir;
  const auto root = dir.path();
  touch(root / "sub" / "a.wav");
  fs::create_directory_symlink(root, root / "sub" / "loop");
  fs::create_symlink(root / "missing.wav", root / "dangling.wav");
  const auto result = scan_inputs({root}, ScanOptions{});
  CHECK(names(result, root) == std::vector<std::string>{"dangling.wav !", "sub/a.wav"});
}

TEST_CASE("pipeline scan takes explicit files whatever their extension and names missing paths") {
  testing::TempDir dir;
  touch(dir.path() / "take.me");
  const auto result = scan_inputs({dir.path() / "take.me", dir.path() / "absent.wav"}, ScanOptions{});
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].problem.empty());
  CHECK(result.items[1].problem == "no such file or folder");
  CHECK(has_audio_extension("x.Ogg"));
  CHECK(has_audio_extension("x.aif"));
  CHECK_FALSE(has_audio_extension("x.txt"));
  CHECK_FALSE(has_audio_extension("wav"));
}

TEST_CASE("pipeline scan refuses a device named explicitly but takes a fifo") {
  testing::TempDir dir;
  const auto fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const ScanResult result = scan_inputs({"/dev/zero", fifo}, ScanOptions{});
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].problem.find("not a regular file (device)") != std::string::npos);
  CHECK(result.items[1].problem.empty());
}

TEST_CASE("pipeline scan reports a path past PATH_MAX instead of skipping it") {
  testing::TempDir dir;
  const std::string segment(250, 'd');
  fs::path deep = dir.path();
  while (deep.native().size() < 3900) deep /= segment;
  fs::create_directories(deep);
  // One more level is too long to create by name: mkdirat from the deep folder's descriptor.
  const int fd = ::open(deep.c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  REQUIRE(::mkdirat(fd, segment.c_str(), 0700) == 0);
  ::close(fd);
  touch(deep.parent_path() / "ok.wav");
  const ScanResult result = scan_inputs({dir.path()}, ScanOptions{});
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].problem.find("path too long") != std::string::npos);
  CHECK(result.items[1].problem.empty());
}

TEST_CASE("pipeline scan hands out a plain file's stat from the listing, never a link's") {
  testing::TempDir dir;
  const auto root = dir.path();
  touch(root / "sub" / "plain.wav");
  std::ofstream(root / "sub" / "longer.wav") << "twelve bytes";
  fs::create_symlink(root / "sub" / "plain.wav", root / "link.wav");
  const auto result = scan_inputs({root}, ScanOptions{});
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].path == root / "link.wav");
  CHECK(result.items[1].path == root / "sub" / "longer.wav");
  CHECK_FALSE(result.items[0].stat);  // a link: the worker stats the path (following it)
  REQUIRE(result.items[1].stat);
  REQUIRE(result.items[2].stat);
  struct stat expected {};
  REQUIRE(::stat((root / "sub" / "longer.wav").c_str(), &expected) == 0);
  const FileStat want = file_stat_from(expected);
  CHECK(result.items[1].stat->size_bytes == 12);
  CHECK(result.items[1].stat->inode == want.inode);
  CHECK(result.items[1].stat->mtime_ns == want.mtime_ns);
  CHECK(result.items[1].stat->same_content_as(want));
  CHECK(result.items[2].stat->size_bytes == 1);
  // When it was taken, so a worker far behind the walk stats the file again.
  CHECK(result.items[1].stat_taken > std::chrono::steady_clock::time_point{});
  CHECK(result.items[1].stat_taken <= std::chrono::steady_clock::now());
  CHECK(result.items[0].stat_taken == std::chrono::steady_clock::time_point{});
  // A file named on the command line is stat'ed by the worker, as before.
  const auto named = scan_inputs({root / "sub" / "plain.wav"}, ScanOptions{});
  REQUIRE(named.items.size() == 1);
  CHECK_FALSE(named.items[0].stat);
}

TEST_CASE("pipeline scan leaves the Mac's AppleDouble files out, even with --hidden") {
  testing::TempDir dir;
  const auto root = dir.path();
  touch(root / "kick.wav");
  // What a Mac leaves beside a copied file, and in a zip's __MACOSX folder.
  const std::string apple_double("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ", 24);
  std::ofstream(root / "._kick.wav", std::ios::binary) << apple_double;
  fs::create_directories(root / "__MACOSX");
  std::ofstream(root / "__MACOSX" / "._kick.wav", std::ios::binary) << apple_double;
  fs::create_symlink(root / "._kick.wav", root / "._linked.wav");
  touch(root / "._real.wav");  // a hidden file of another kind is still the user's
  CHECK(names(scan_inputs({root}, ScanOptions{}), root) == std::vector<std::string>{"kick.wav"});
  CHECK(names(scan_inputs({root}, ScanOptions{true}), root) == std::vector<std::string>{"._real.wav", "kick.wav"});
}
