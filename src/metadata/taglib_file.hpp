#pragma once
// The one place samplemind opens a file with TagLib. TagLib's FileRef(path) opens every file
// read-write, even to read its tags; here reading opens the file read-only, so analysing a
// library never opens a sample for writing (file watchers and sync tools see a close after a
// write-open as a change).
#include <filesystem>
#include <memory>
#include <string>

#include <taglib/fileref.h>
#include <taglib/tfilestream.h>

namespace samplemind::metadata {

enum class TagLibAccess { read_only, read_write };

// An open TagLib file and the stream under it; file() is null when TagLib cannot parse it.
class TagLibFile {
 public:
  TagLibFile(const std::filesystem::path& path, TagLibAccess access, bool read_audio_properties);
  TagLibFile(const TagLibFile&) = delete;
  TagLibFile& operator=(const TagLibFile&) = delete;

  // Why: the parsed file, or null for an unknown, empty or damaged one.
  TagLib::File* file() const;
  // Why: a file kept from TagLib on purpose (taglib_guard.hpp) says why; else empty.
  const std::string& refusal() const { return refusal_; }

 private:
  std::unique_ptr<TagLib::FileStream> stream_;  // declared first: outlives the FileRef reading it
  std::unique_ptr<TagLib::FileRef> ref_;
  std::string refusal_;
};

}  // namespace samplemind::metadata
