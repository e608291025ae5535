#include "metadata/taglib_file.hpp"

#include <mutex>
#include <string>

#include <taglib/tdebuglistener.h>

#include "metadata/taglib_guard.hpp"

namespace samplemind::metadata {

namespace {

class QuietListener : public TagLib::DebugListener {
 public:
  void printMessage(const TagLib::String&) override {}
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
  if (auto hazard = taglib_hazard(path)) {
    refusal_ = *hazard + "; its tags are not read";
    return;
  }
  stream_ = std::make_unique<TagLib::FileStream>(path.c_str(), access == TagLibAccess::read_only);
  if (!stream_->isOpen()) return;
  // The stream's name keeps TagLib's choice of format by extension, then by content.
  ref_ = std::make_unique<TagLib::FileRef>(stream_.get(), read_audio_properties);
}

TagLib::File* TagLibFile::file() const {
  if (!ref_ || ref_->isNull()) return nullptr;
  TagLib::File* file = ref_->file();
  return file != nullptr && file->isValid() ? file : nullptr;
}

}  // namespace samplemind::metadata
