#include "metadata/taglib_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <mutex>
#include <string>
#include <utility>

#include <taglib/tdebuglistener.h>

#include "metadata/taglib_guard.hpp"
#include "util/file_stat.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::metadata {

namespace {

class QuietListener : public TagLib::DebugListener {
 public:
  void printMessage(const TagLib::String&) override {}
};

// TagLib reads the descriptor samplemind opened, but picks its parser by the stream's name
// (the extension first: a WAV whose data holds a FLAC stream must be parsed as a WAV), so the
// stream answers with the file's own name.
class NamedDescriptorStream : public TagLib::FileStream {
 public:
  NamedDescriptorStream(int fd, std::string name, bool read_only) : TagLib::FileStream(fd, read_only), name_(std::move(name)) {}
  TagLib::FileName name() const override { return name_.c_str(); }

 private:
  std::string name_;
};

// TagLib prints parse complaints to stderr in Debian's build; a CLI must not.
void silence_taglib_messages() {
  static std::once_flag once;
  static QuietListener listener;
  std::call_once(once, [] { TagLib::setDebugListener(&listener); });
}

}  // namespace

TagLibFile::TagLibFile(const std::filesystem::path& path, TagLibAccess access, bool read_audio_properties) {
  silence_taglib_messages();
  // Opened once, here: the guard and TagLib read this very file, so a file swapped in after
  // the guard looked cannot reach TagLib, and a FIFO swapped in is passed over, not waited on.
  // Writing falls back to reading, as TagLib's own open does (TagLib then says read-only).
  constexpr int k_flags = O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
  UniqueFd file(access == TagLibAccess::read_write ? ::open(path.c_str(), O_RDWR | k_flags) : -1);
  const bool writable = file.get() >= 0;
  if (!writable) file = UniqueFd(::open(path.c_str(), O_RDONLY | k_flags));
  const auto status = stat_descriptor(file.get());
  if (file.get() < 0 || !status || !status->is_regular()) return;
  if (auto hazard = taglib_hazard(file.get())) {
    refusal_ = *hazard + "; its tags are not read";
    return;
  }
  const int handed = file.release();  // the stream's to close (fclose), once it has opened it
  stream_ = std::make_unique<NamedDescriptorStream>(handed, path.native(), !writable);
  if (!stream_->isOpen()) {
    ::close(handed);  // fdopen refused it, so nothing else will close it
    return;
  }
  // The stream's name keeps TagLib's choice of format by extension, then by content.
  ref_ = std::make_unique<TagLib::FileRef>(stream_.get(), read_audio_properties);
}

TagLib::File* TagLibFile::file() const {
  if (!ref_ || ref_->isNull()) return nullptr;
  TagLib::File* file = ref_->file();
  return file != nullptr && file->isValid() ? file : nullptr;
}

}  // namespace samplemind::metadata
