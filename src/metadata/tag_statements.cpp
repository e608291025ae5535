// The tempo and key fields of a file's tags. Which fields are read, and why, is in docs/metadata.md.
#include "metadata/tag_statements.hpp"

#include <charconv>
#include <string>
#include <string_view>

#include <taglib/aifffile.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/infotag.h>
#include <taglib/mpegfile.h>
#include <taglib/tpropertymap.h>
#include <taglib/wavfile.h>
#include <taglib/xiphcomment.h>

#include "metadata/caf_info.hpp"
#include "metadata/key_text.hpp"
#include "metadata/taglib_file.hpp"

namespace samplemind::metadata {

namespace {

constexpr std::size_t k_max_bpm_text_bytes = 24;  // "136.89999389648438" fits
constexpr std::size_t k_max_field_bytes = 64;  // longer values are not a tempo or a key

// Field names after TagLib's mapping: ID3v2 TBPM is "BPM", TKEY is "INITIALKEY", a TXXX frame
// is its description; Vorbis comment names are themselves (case-insensitive).
constexpr const char* k_bpm_fields[] = {"BPM", "TEMPO"};
constexpr const char* k_key_fields[] = {"INITIALKEY", "KEY"};

std::string first_value(const TagLib::PropertyMap& properties, const char* field) {
  const auto found = properties.find(field);
  if (found == properties.end() || found->second.isEmpty()) return {};
  std::string text = found->second.front().to8Bit(true);
  return text.size() > k_max_field_bytes ? std::string() : text;
}

// Fills what is still missing from one tag's fields; earlier tags win.
void take_properties(FileStatements& out, const TagLib::PropertyMap& properties, bool id3v2) {
  for (const char* field : k_bpm_fields) {
    if (out.bpm) break;
    if ((out.bpm = parse_bpm_text(first_value(properties, field)))) out.bpm_source = StatementSource::tag;
  }
  for (const char* field : k_key_fields) {
    if (out.key) break;
    const bool tkey = id3v2 && std::string_view(field) == "INITIALKEY";  // TXXX "KEY" has no spec
    if ((out.key = parse_key_field(first_value(properties, field), tkey))) out.key_source = StatementSource::tag;
  }
}

// RIFF INFO has no tempo or key field in its spec. IKEY is "keywords" there, so it counts only
// when the whole value is a key notation; IBPM (written by some tools) only as a bare number.
void take_info(FileStatements& out, const TagLib::RIFF::Info::Tag& info) {
  auto text = [&info](const char* id) {
    std::string value = info.fieldText(id).to8Bit(true);
    return value.size() > k_max_field_bytes ? std::string() : value;
  };
  if (!out.bpm && (out.bpm = parse_bpm_text(text("IBPM")))) out.bpm_source = StatementSource::tag;
  if (!out.key && (out.key = parse_key_field(text("IKEY"), false))) out.key_source = StatementSource::tag;
}

FileStatements read_tags(const std::filesystem::path& path) {
  FileStatements out;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return out;  // a FIFO would block TagLib
  const TagLibFile opened(path, TagLibAccess::read_only, false);
  TagLib::File* file = opened.file();
  if (file == nullptr) {  // TagLib reads no CAF: its info chunk is read here, only then
    const auto caf = read_caf_info(path);
    return caf ? caf_info_statements(*caf) : out;
  }
  if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(file)) {
    if (mpeg->hasID3v2Tag()) take_properties(out, mpeg->ID3v2Tag()->properties(), true);
  } else if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*>(file)) {
    if (wav->hasID3v2Tag()) take_properties(out, wav->ID3v2Tag()->properties(), true);
    if (wav->hasInfoTag()) take_info(out, *wav->InfoTag());
  } else if (auto* aiff = dynamic_cast<TagLib::RIFF::AIFF::File*>(file)) {
    if (aiff->hasID3v2Tag()) take_properties(out, aiff->tag()->properties(), true);
  } else if (auto* flac = dynamic_cast<TagLib::FLAC::File*>(file)) {
    if (flac->hasXiphComment()) take_properties(out, flac->xiphComment()->properties(), false);
    if (flac->hasID3v2Tag()) take_properties(out, flac->ID3v2Tag()->properties(), true);
  } else {  // Ogg (Vorbis comments), MP4, APE...: TagLib's generic property names
    take_properties(out, file->properties(), false);
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\0')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\0')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<double> parse_bpm_text(std::string_view text) {
  text = trim(text);
  if (text.size() > 3) {
    const std::string_view tail = text.substr(text.size() - 3);
    if ((tail[0] | 0x20) == 'b' && (tail[1] | 0x20) == 'p' && (tail[2] | 0x20) == 'm') text = trim(text.substr(0, text.size() - 3));
  }
  if (text.empty() || text.size() > k_max_bpm_text_bytes) return std::nullopt;
  std::string number(text);
  int points = 0;
  for (char& c : number) {
    if (c == ',') c = '.';
    if (c == '.') ++points;
    else if (c < '0' || c > '9') return std::nullopt;
  }
  if (points > 1 || number.front() == '.' || number.back() == '.') return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc{} || end != number.data() + number.size()) return std::nullopt;
  return plausible_bpm(value);
}

std::optional<StatedKey> parse_key_field(std::string_view text, bool id3v2) {
  auto key = parse_key_text(text);
  if (key && id3v2 && !key->minor) key->minor = false;
  return key;
}

FileStatements read_tag_statements(const std::filesystem::path& path) noexcept {
  try {
    return read_tags(path);
  } catch (...) {  // TagLib or an allocation failing on a hostile file: the tags state nothing
    return {};
  }
}

}  // namespace samplemind::metadata
