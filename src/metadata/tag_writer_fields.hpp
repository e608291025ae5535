#pragma once
// The tag fields the tag writer reads and sets in one open TagLib file, per format.
#include <functional>
#include <string>
#include <vector>

namespace TagLib {
class File;
}

namespace samplemind::metadata {

// One writable field: its display name, how to read and set it, and what it holds.
struct TagField {
  std::string name;                              // "ID3v2 TBPM", "Vorbis INITIALKEY", "RIFF INFO IBPM"
  bool holds_bpm = false;                        // else a key
  std::function<std::string()> read;
  std::function<void(const std::string&)> write;
};

// Why: the tempo and key fields of an open file (tags created in memory when absent);
// empty for formats the writer does not support.
std::vector<TagField> tag_fields(TagLib::File& file);

// Why: saves the fields' tags with the format's own writer, keeping every other tag.
bool save_tag_fields(TagLib::File& file);


}  // namespace samplemind::metadata
