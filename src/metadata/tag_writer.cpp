// Tag writes that cannot corrupt a file: plan on the original (opened read-only), save into a
// copy beside it (util/replacement_copy), check that the copy decodes to the same samples, then
// rename it over the original if nobody saved the original in the meantime.
#include "metadata/tag_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "metadata/decoded_audio_digest.hpp"
#include "metadata/key_text.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/tag_writer_fields.hpp"
#include "metadata/taglib_file.hpp"
#include "model/musical_key.hpp"
#include "model/tempo_range.hpp"
#include "util/file_stat.hpp"
#include "util/replacement_copy.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::metadata {
namespace {

// Whether a field already holds the value: tempo by number (2 decimals), key by exact text.
bool agrees(const TagField& field, const std::string& before, const std::string& after) {
  if (!field.holds_bpm) return before == after;
  const auto old_bpm = parse_bpm_text(before);
  const auto new_bpm = parse_bpm_text(after);
  return old_bpm && new_bpm && std::fabs(*old_bpm - *new_bpm) < 0.005;
}

// Changes needed in an open file; with apply, sets them in memory too.
std::vector<TagChange> diff_fields(TagLib::File& file, const TagValues& values, bool apply) {
  std::vector<TagChange> changes;
  for (const TagField& field : tag_fields(file)) {
    const std::optional<std::string> wanted =
        field.holds_bpm ? (values.bpm ? std::optional(bpm_text(*values.bpm)) : std::nullopt) : values.key;
    if (!wanted) continue;
    const std::string before = field.read();
    if (agrees(field, before, *wanted)) continue;
    changes.push_back(TagChange{field.name, before, *wanted});
    if (apply) field.write(*wanted);
  }
  return changes;
}

struct OpenedFile {
  std::unique_ptr<TagLibFile> ref;
  TagLib::File* file = nullptr;
};

Result<OpenedFile> open_tags(const std::filesystem::path& path, bool read_only) {
  OpenedFile opened;
  opened.ref = std::make_unique<TagLibFile>(path, read_only ? TagLibAccess::read_only : TagLibAccess::read_write, true);
  opened.file = opened.ref->file();
  if (!opened.ref->refusal().empty()) return Error{"not tagged: " + opened.ref->refusal()};
  if (opened.file == nullptr) return Error{"not a file TagLib can tag (unknown format or damaged)"};
  if (!read_only && opened.file->readOnly()) return Error{"cannot open for writing"};
  if (tag_fields(*opened.file).empty()) return Error{"this format has no tempo or key tag samplemind writes"};
  return opened;
}

// Saves the tags into the copy and checks that the copy decodes to the very samples the file
// did (`before`) and that TagLib reads the values back.
Status tag_copy(const std::filesystem::path& copy, const TagValues& values, const DecodedAudioDigest& before) {
  auto opened = open_tags(copy, false);
  if (!opened) return Status::failure(opened.error());
  diff_fields(*opened->file, values, true);
  if (!save_tag_fields(*opened->file)) return Status::failure("TagLib could not save the tags");
  opened->ref.reset();
  auto reread = open_tags(copy, true);
  if (!reread) return Status::failure("the tagged copy does not read back: " + reread.error());
  if (!diff_fields(*reread->file, values, false).empty()) return Status::failure("the tags did not read back as written");
  reread->ref.reset();
  const auto after = decoded_audio_digest(copy);
  if (!after || !(*after == before)) return Status::failure("saving the tags changed the audio; file left as it was");
  return Status::success();
}

}  // namespace

std::optional<KeyNotation> key_notation_from_name(const std::string& name) {
  if (name == "standard") return KeyNotation::standard;
  if (name == "camelot") return KeyNotation::camelot;
  if (name == "open-key" || name == "openkey") return KeyNotation::open_key;
  return std::nullopt;
}

std::string key_in_notation(int tonic_pc, bool minor, KeyNotation notation) {
  const std::string camelot = camelot_code(tonic_pc, minor);
  if (notation == KeyNotation::camelot) return camelot;
  if (notation == KeyNotation::open_key) {
    // Open Key numbers C major (8B) as 1d and A minor (8A) as 1m: seven steps round the wheel.
    const int number = std::stoi(camelot.substr(0, camelot.size() - 1));
    return std::to_string((number + 4) % 12 + 1) + (minor ? "m" : "d");
  }
  return std::string(pitch_class_name(tonic_pc)) + (minor ? "m" : "");
}

Result<std::vector<TagChange>> plan_tag_changes(const std::filesystem::path& path, const TagValues& values) {
  auto opened = open_tags(path, true);
  if (!opened) return Error{opened.error()};
  return diff_fields(*opened->file, values, false);
}

Result<TagWriteOutcome> write_tags(const std::filesystem::path& path, const TagValues& values, bool dry_run) {
  std::error_code error;
  const std::filesystem::path target = std::filesystem::canonical(path, error);  // a symlink's file, not the link
  if (error) return Error{"cannot resolve: " + error.message()};
  // Held open to the end: the copy is made from this very file, and the rename happens only
  // if the name still shows it. O_NONBLOCK: a FIFO put in its place must not block the open.
  const UniqueFd original_fd(::open(target.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat info {};
  if (original_fd.get() < 0 || ::fstat(original_fd.get(), &info) != 0) {
    return Error{std::string("cannot open: ") + std::strerror(errno)};
  }
  if (!S_ISREG(info.st_mode)) return Error{"not a regular file"};
  TagWriteOutcome outcome;
  try {
    auto opened = open_tags(target, true);
    if (!opened) return Error{opened.error()};
    outcome.changes = diff_fields(*opened->file, values, false);
  } catch (const std::exception& caught) {
    return Error{std::string("cannot read the tags: ") + caught.what()};
  }
  if (!outcome.changes.empty() && info.st_nlink > 1) outcome.other_names = static_cast<std::uint64_t>(info.st_nlink) - 1;
  if (outcome.changes.empty() || dry_run) return outcome;
  // Root may write anywhere; a file without any write bit is still treated as read-only.
  if ((info.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0) {
    return Error{"read-only file: tags not written"};
  }
  const auto before = decoded_audio_digest(target);
  if (!before) {
    std::string why = before.error();
    if (!why.empty() && why.back() == '.') why.pop_back();  // libsndfile's reasons end with one
    return Error{why + "; tags not written"};
  }
  auto copy = make_replacement_copy(original_fd.get(), target);
  if (!copy) return Error{copy.error() + "; tags not written"};
  Status tagged = Status::failure("TagLib failed");
  try {
    tagged = tag_copy(copy->path, values, *before);
  } catch (const std::exception& caught) {
    tagged = Status::failure(std::string("TagLib failed: ") + caught.what());
  }
  if (tagged) tagged = replace_if_unchanged(*copy, target, file_stat_from(info));
  if (!tagged) {
    discard_replacement_copy(*copy);
    return Error{tagged.error};
  }
  outcome.written = true;
  return outcome;
}

}  // namespace samplemind::metadata
