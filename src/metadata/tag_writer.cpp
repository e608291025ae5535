// Tag writes that cannot corrupt a file: plan on the original (opened read-only), save into a
// copy beside it, check that the copy decodes to the same samples, then rename it over the original.
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
#include "util/atomic_file_writer.hpp"

namespace samplemind::metadata {
namespace {

// The copy's name: "." + at most this much of the file's name + ".tmp.XXXXXX" + its extension,
// 1 + 200 + 11 + 16 bytes at most, within Linux's 255.
constexpr std::size_t k_max_copy_name_bytes = 200;
constexpr std::size_t k_max_copy_extension_bytes = 16;

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
        field.holds_bpm ? (values.bpm ? std::optional(bpm_tag_text(*values.bpm)) : std::nullopt) : values.key;
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

// A private copy of the file beside it, with the file's permission bits and its extension:
// TagLib picks a parser by extension before content, and the copy must be parsed as the file
// was (a WAV whose data holds a FLAC stream was once tagged as FLAC, inside its audio).
// The name is cut so that it stays within NAME_MAX however long the file's own name is. The
// copy gets the file's owner and group where this process may give them (as root: tagging
// another user's library must not hand their files to root), then its permission bits.
Result<std::filesystem::path> copy_beside(const std::filesystem::path& target, const struct stat& original) {
  std::string extension = target.extension().string();
  if (extension.size() > k_max_copy_extension_bytes) extension.clear();
  const std::string name = target.filename().string().substr(0, k_max_copy_name_bytes);
  std::string pattern =
      (target.parent_path() / fmt::format(".{}{}XXXXXX{}", name, k_temp_file_marker, extension)).string();
  const int fd = ::mkstemps(pattern.data(), static_cast<int>(extension.size()));
  if (fd < 0) return Error{std::string("cannot create a copy beside it: ") + std::strerror(errno)};
  ::close(fd);
  std::error_code error;
  std::filesystem::copy_file(target, pattern, std::filesystem::copy_options::overwrite_existing, error);
  if (!error) (void)::chown(pattern.c_str(), original.st_uid, original.st_gid);  // best effort: not allowed is fine
  if (!error && ::chmod(pattern.c_str(), original.st_mode & 07777) != 0) error = std::error_code(errno, std::generic_category());
  if (error) {
    std::filesystem::remove(pattern, error);
    return Error{"cannot copy the file: " + error.message()};
  }
  return std::filesystem::path(pattern);
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

std::string bpm_tag_text(double bpm) {
  const double rounded = std::round(bpm * 100.0) / 100.0;
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) return fmt::format("{:.0f}", rounded);
  std::string text = fmt::format("{:.2f}", rounded);
  while (text.back() == '0') text.pop_back();
  return text;
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
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return Error{std::string("cannot stat: ") + std::strerror(errno)};
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
  auto copy = copy_beside(target, info);
  if (!copy) return Error{copy.error()};
  Status tagged = Status::failure("TagLib failed");
  try {
    tagged = tag_copy(*copy, values, *before);
  } catch (const std::exception& caught) {
    tagged = Status::failure(std::string("TagLib failed: ") + caught.what());
  }
  if (tagged && std::rename(copy->c_str(), target.c_str()) != 0) {
    tagged = Status::failure(std::string("cannot replace the file: ") + std::strerror(errno));
  }
  if (!tagged) {
    std::filesystem::remove(*copy, error);
    return Error{tagged.error};
  }
  outcome.written = true;
  return outcome;
}

}  // namespace samplemind::metadata
