// Reading a library must never open a sample for writing: a close after a write-open is what
// file watchers and sync tools take for a change. inotify reports how each file was opened.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <string>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/tag_writer.hpp"
#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {

// How often a watched file was closed after a write-open and after a read-only open.
struct Closes {
  int after_write = 0;
  int after_read = 0;
};

class OpenWatch {
 public:
  explicit OpenWatch(const fs::path& path) : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    REQUIRE(fd_ >= 0);
    REQUIRE(inotify_add_watch(fd_, path.c_str(), IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_MODIFY) >= 0);
  }
  ~OpenWatch() { ::close(fd_); }
  OpenWatch(const OpenWatch&) = delete;
  OpenWatch& operator=(const OpenWatch&) = delete;

  Closes drain() {
    Closes closes;
    alignas(inotify_event) std::array<char, 4096> buffer{};
    for (;;) {
      const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
      if (got <= 0) break;
      for (ssize_t at = 0; at < got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        if (event->mask & (IN_CLOSE_WRITE | IN_MODIFY)) ++closes.after_write;
        if (event->mask & IN_CLOSE_NOWRITE) ++closes.after_read;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    return closes;
  }

 private:
  int fd_;
};

std::vector<fs::path> files_in_every_format(const fs::path& folder) {
  std::vector<float> samples = audio::silence(0.5, 44100);
  audio::add_note(samples, 44100, 0.0, 0.5, 220.0, 0.5, audio::Timbre::saw);
  std::vector<fs::path> files;
  for (auto format : {audio::FileFormat::wav16, audio::FileFormat::aiff, audio::FileFormat::flac, audio::FileFormat::ogg}) {
    audio::WriteOptions options;
    options.format = format;
    const auto path = folder / ("Bass_Am_120." + std::string(audio::extension_of(format)));
    REQUIRE(audio::write_audio_file(path, samples, options).ok);
    files.push_back(path);
  }
  return files;
}

}  // namespace

TEST_CASE("read-only: tag reading, feature extraction and a tag plan open no file for writing") {
  testing::TempDir dir;
  for (const fs::path& path : files_in_every_format(dir.path())) {
    CAPTURE(path.filename().string());
    OpenWatch watch(path);
    (void)metadata::read_tag_statements(path);
    Closes closes = watch.drain();
    CHECK(closes.after_write == 0);
    CHECK(closes.after_read >= 1);  // the watch works: the reader did open the file

    const auto features = extract_features_from_file(path);
    REQUIRE(features);
    CHECK(features->duration_s == doctest::Approx(0.5));
    closes = watch.drain();
    CHECK(closes.after_write == 0);
    CHECK(closes.after_read >= 1);

    const metadata::TagValues values{120.0, std::string("Am")};
    CHECK(metadata::plan_tag_changes(path, values));
    const auto dry_run = metadata::write_tags(path, values, true);
    REQUIRE(dry_run);
    CHECK_FALSE(dry_run->written);
    closes = watch.drain();
    CHECK(closes.after_write == 0);
    CHECK(closes.after_read >= 1);  // inotify merges repeated identical events

    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);  // the control: a write-open is seen
    REQUIRE(fd >= 0);
    ::close(fd);
    CHECK(watch.drain().after_write == 1);
  }
}
