// Per-format tag fields: ID3v2 frames, Vorbis comments, RIFF INFO. docs/index.md lists them.
#include "metadata/tag_writer_fields.hpp"

#include <taglib/aifffile.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/infotag.h>
#include <taglib/mpegfile.h>
#include <taglib/textidentificationframe.h>
#include <taglib/wavfile.h>
#include <taglib/xiphcomment.h>

#include "metadata/key_text.hpp"

namespace samplemind::metadata {
namespace {

std::string utf8(const TagLib::String& text) { return text.to8Bit(true); }

void add_id3v2(std::vector<TagField>& fields, TagLib::ID3v2::Tag* tag) {
  if (tag == nullptr) return;
  for (const char* id : {"TBPM", "TKEY"}) {
    const std::string frame_id(id);
    fields.push_back(TagField{
        "ID3v2 " + frame_id, frame_id == "TBPM",
        [tag, frame_id] {
          const auto& frames = tag->frameListMap()[TagLib::ByteVector(frame_id.c_str())];
          return frames.isEmpty() ? std::string() : utf8(frames.front()->toString());
        },
        [tag, frame_id](const std::string& value) {
          tag->removeFrames(TagLib::ByteVector(frame_id.c_str()));
          auto* frame = new TagLib::ID3v2::TextIdentificationFrame(TagLib::ByteVector(frame_id.c_str()),
                                                                   TagLib::String::UTF8);
          frame->setText(TagLib::String(value, TagLib::String::UTF8));
          tag->addFrame(frame);  // the tag owns the frame
        }});
  }
}

void add_xiph(std::vector<TagField>& fields, TagLib::Ogg::XiphComment* comment) {
  if (comment == nullptr) return;
  std::vector<std::string> names = {"BPM", "INITIALKEY"};
  if (comment->contains("KEY")) names.emplace_back("KEY");  // kept in agreement, never added
  for (const std::string& name : names) {
    fields.push_back(TagField{
        "Vorbis " + name, name == "BPM",
        [comment, name] {
          const auto& map = comment->fieldListMap();
          const auto found = map.find(TagLib::String(name));
          return found == map.end() || found->second.isEmpty() ? std::string() : utf8(found->second.front());
        },
        [comment, name](const std::string& value) {
          comment->addField(TagLib::String(name), TagLib::String(value, TagLib::String::UTF8), true);
        }});
  }
}

void add_info(std::vector<TagField>& fields, TagLib::RIFF::Info::Tag* info) {
  if (info == nullptr) return;
  // IKEY is "keywords" in the RIFF spec: set only when empty or already a key notation.
  const std::string keywords = utf8(info->fieldText("IKEY"));
  std::vector<std::string> ids = {"IBPM"};
  if (keywords.empty() || parse_key_text(keywords)) ids.emplace_back("IKEY");
  for (const std::string& id : ids) {
    fields.push_back(TagField{
        "RIFF INFO " + id, id == "IBPM", [info, id] { return utf8(info->fieldText(TagLib::ByteVector(id.c_str()))); },
        [info, id](const std::string& value) {
          info->setFieldText(TagLib::ByteVector(id.c_str()), TagLib::String(value, TagLib::String::UTF8));
        }});
  }
}

}  // namespace

std::vector<TagField> tag_fields(TagLib::File& file) {
  std::vector<TagField> fields;
  if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(&file)) {
    add_id3v2(fields, mpeg->ID3v2Tag(true));
  } else if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*>(&file)) {
    add_id3v2(fields, wav->ID3v2Tag());
    add_info(fields, wav->InfoTag());
  } else if (auto* aiff = dynamic_cast<TagLib::RIFF::AIFF::File*>(&file)) {
    add_id3v2(fields, aiff->tag());
  } else if (auto* flac = dynamic_cast<TagLib::FLAC::File*>(&file)) {
    add_xiph(fields, flac->xiphComment(true));
  } else {
    add_xiph(fields, dynamic_cast<TagLib::Ogg::XiphComment*>(file.tag()));  // Ogg Vorbis, Opus, Speex
  }
  return fields;
}

bool save_tag_fields(TagLib::File& file) {
  if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(&file)) {
    return mpeg->save(TagLib::MPEG::File::ID3v2, TagLib::File::StripNone, TagLib::ID3v2::v4,
                      TagLib::File::DoNotDuplicate);
  }
  if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*>(&file)) {
    return wav->save(TagLib::RIFF::WAV::File::AllTags, TagLib::File::StripNone, TagLib::ID3v2::v4);
  }
  return file.save();
}

}  // namespace samplemind::metadata
