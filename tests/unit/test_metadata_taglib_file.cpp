// TagLibFile opens a file once and hands TagLib that descriptor: a FIFO is passed over at
// once (TagLib's own open of a name waited for a writer), the parser is still chosen by the
// file's extension, and tags read and write through the descriptor.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <taglib/flacfile.h>
#include <taglib/tpropertymap.h>
#include <taglib/wavfile.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>
#include <vector>

#include "metadata/taglib_file.hpp"
#include "support/audio_writer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

std::vector<float> tone() {
  std::vector<float> samples(22050);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * static_cast<float>(std::sin(0.06 * static_cast<double>(i)));
  return samples;
}

fs::path write_flac(const fs::path& path) {
  audio::WriteOptions options;
  options.format = audio::FileFormat::flac;
  REQUIRE(audio::write_audio_file(path, tone(), options));
  return path;
}

}  // namespace

TEST_CASE("TagLibFile passes over a FIFO at once instead of waiting for a writer") {
  testing::TempDir dir;
  const fs::path fifo = dir.path() / "pipe.flac";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::atomic<bool> returned{false};
  std::thread reader([&] {
    const metadata::TagLibFile opened(fifo, metadata::TagLibAccess::read_only, false);
    CHECK(opened.file() == nullptr);
    returned = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!returned.load() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const bool in_time = returned.load();
  if (!in_time) {
    // A reader stuck in open(): a writer that opens and closes lets it go, and the test fails.
    const int writer = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
    if (writer >= 0) ::close(writer);
  }
  reader.join();
  CHECK(in_time);
}

TEST_CASE("TagLibFile keeps TagLib's choice of parser by the file's extension") {
  testing::TempDir dir;
  const fs::path flac = write_flac(dir.path() / "take.flac");
  const metadata::TagLibFile as_flac(flac, metadata::TagLibAccess::read_only, true);
  REQUIRE(as_flac.file() != nullptr);
  CHECK(dynamic_cast<TagLib::FLAC::File*>(as_flac.file()) != nullptr);
  REQUIRE(as_flac.file()->audioProperties() != nullptr);
  CHECK(as_flac.file()->audioProperties()->sampleRate() == 44100);

  // The same bytes named .wav go to the WAV parser (which finds no RIFF), never to FLAC's:
  // TagLib would find FLAC by content only if the stream had lost the name.
  fs::copy_file(flac, dir.path() / "take.wav");
  const metadata::TagLibFile as_wav(dir.path() / "take.wav", metadata::TagLibAccess::read_only, true);
  CHECK(dynamic_cast<TagLib::FLAC::File*>(as_wav.file()) == nullptr);
}

TEST_CASE("TagLibFile writes tags through its descriptor, and reads them back by another open") {
  testing::TempDir dir;
  const fs::path flac = write_flac(dir.path() / "loop.flac");
  {
    const metadata::TagLibFile opened(flac, metadata::TagLibAccess::read_write, false);
    REQUIRE(opened.file() != nullptr);
    CHECK_FALSE(opened.file()->readOnly());
    TagLib::PropertyMap properties = opened.file()->properties();
    properties.replace("BPM", TagLib::StringList("128"));
    opened.file()->setProperties(properties);
    CHECK(opened.file()->save());
  }
  const metadata::TagLibFile reread(flac, metadata::TagLibAccess::read_only, false);
  REQUIRE(reread.file() != nullptr);
  CHECK(reread.file()->readOnly());
  CHECK(reread.file()->properties()["BPM"].toString() == "128");
}
