// Fuzzes what a file's own bytes state: arbitrary bytes saved as a WAV, AIFF, MP3, FLAC, Ogg,
// Opus, CAF or WavPack file go through the tag reader (TagLib behind its guard, the CAF info
// chunk), the decoder's chunks and the priority rules, and, for half the inputs, through
// `samplemind tag`'s writer. Any crash or sanitizer report is a finding; so is a statement out
// of range, a tag statement with another source, or a tempo the writer says it wrote that does
// not read back.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "audio/audio_decoder.hpp"
#include "metadata/file_statements.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/tag_writer.hpp"
#include "statement_checks.hpp"

namespace {

namespace fs = std::filesystem;
using samplemind::metadata::StatementSource;

// The extensions TagLib chooses a parser by (the scanner's list, where TagLib has one), and CAF.
constexpr std::array<std::string_view, 12> k_extensions = {"wav", "wave", "aif", "aiff", "aifc", "flac",
                                                          "ogg", "oga", "opus", "mp3", "caf", "wv"};

// One private folder for the whole run (the writer renames a copy over the file, so the file
// itself cannot be a memfd); removed when the fuzzer exits.
const fs::path& work_folder() {
  static const fs::path folder = [] {
    std::string name = (fs::temp_directory_path() / "samplemind_fuzz_tags_XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) std::abort();
    std::atexit([] { std::error_code ignored; fs::remove_all(work_folder(), ignored); });
    return fs::path(name);
  }();
  return folder;
}

// Writes the input's bytes to input.EXT, replacing whatever an earlier input left there.
fs::path write_input(std::string_view extension, const std::uint8_t* data, std::size_t size) {
  const fs::path path = work_folder() / ("input." + std::string(extension));
  std::error_code ignored;
  fs::remove(path, ignored);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) std::abort();
  std::size_t done = 0;
  while (done < size) {
    const ssize_t wrote = ::write(fd, data + done, size - done);
    if (wrote <= 0) std::abort();
    done += static_cast<std::size_t>(wrote);
  }
  ::close(fd);
  return path;
}

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz_file_tags: %s\n", what);
  std::abort();
}

// The tag reader's statements: in range, from source tag, and never a root (tags hold none).
void check_tag_statements(const samplemind::metadata::FileStatements& s) {
  samplemind::fuzz::check_statements(s);
  require(!s.bpm_source || *s.bpm_source == StatementSource::tag, "a tag tempo with another source");
  require(!s.key_source || *s.key_source == StatementSource::tag, "a tag key with another source");
  require(!s.root, "a root from the tags");
}

// Writes a tempo and key chosen by `choice`; when the writer says it wrote them, they read back.
void write_and_read_back(const fs::path& path, std::uint8_t choice) {
  samplemind::metadata::TagValues values;
  values.bpm = 60.0 + static_cast<double>(choice % 120) + ((choice & 1) != 0 ? 0.5 : 0.0);
  values.key = (choice & 2) != 0 ? "Am" : "F#";
  (void)samplemind::metadata::plan_tag_changes(path, values);
  const auto outcome = samplemind::metadata::write_tags(path, values, false);
  if (!outcome || !outcome->written) return;
  const auto after = samplemind::metadata::read_tag_statements(path);
  check_tag_statements(after);
  require(after.bpm && std::abs(*after.bpm - *values.bpm) < 0.005, "a written tempo does not read back");
}

}  // namespace

// libFuzzer entry point: byte 0 picks the extension, byte 1 whether (and what) to write.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const fs::path path = write_input(k_extensions[data[0] % k_extensions.size()], data + 2, size - 2);

  check_tag_statements(samplemind::metadata::read_tag_statements(path));
  std::optional<samplemind::LoopMetadata> chunks;
  if (auto decoder = samplemind::AudioDecoder::open(path)) chunks = decoder->loop_metadata();
  samplemind::fuzz::check_statements(samplemind::metadata::read_file_statements(path, chunks));

  if ((data[1] & 0x80) != 0) write_and_read_back(path, data[1]);
  return 0;
}
