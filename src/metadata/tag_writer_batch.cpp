// The tag command's loop, shared with analyze --write-tags.
#include "metadata/tag_writer_batch.hpp"

#include <cmath>

#include <fmt/format.h>

#include "model/musical_key.hpp"
#include "report/text_cut.hpp"
#include "util/diagnostics.hpp"
#include "util/display_text.hpp"

namespace samplemind::metadata {
namespace {

// A tag's old text is the file's, of any length: shown cut to this many columns.
constexpr std::size_t k_max_shown_tag_columns = 40;

std::string describe(const std::vector<TagChange>& changes) {
  std::string text;
  for (const auto& change : changes) {
    text += fmt::format("{}{} '{}' -> '{}'", text.empty() ? "" : ", ", change.field,
                        cut_with_ellipsis(change.before, k_max_shown_tag_columns), change.after);
  }
  return escape_control_chars(text);
}

}  // namespace

TagValues tag_values_for(const Features& f, KeyNotation notation) {
  TagValues values;
  if (f.tempo_bpm && std::isfinite(*f.tempo_bpm) && *f.tempo_bpm > 0) values.bpm = *f.tempo_bpm;
  if (f.key && f.mode) {
    if (const auto tonic = pitch_class_from_name(*f.key)) values.key = key_in_notation(*tonic, *f.mode == "minor", notation);
  }
  return values;
}

TagBatchCounts tag_files(const std::vector<FileToTag>& files, const TagBatchOptions& options, std::ostream& out) {
  TagBatchCounts counts;
  for (const FileToTag& file : files) {
    const TagValues values = tag_values_for(file.features, options.notation);
    const std::string shown = escape_control_chars(file.path);
    if (!values.bpm && !values.key) {
      ++counts.nothing;
      out << "no values " << shown << ": no tempo or key to write\n";
      continue;
    }
    auto written = write_tags(file.path, values, options.dry_run);
    if (!written) {
      ++counts.failed;
      diagnostic("samplemind: error: {}: {}", file.path, written.error());
      continue;
    }
    if (written->changes.empty()) {
      ++counts.unchanged;
      out << "unchanged " << shown << "\n";
      continue;
    }
    ++counts.changed;
    if (written->written && options.after_write) options.after_write(file.path);
    out << (options.dry_run ? "would tag " : "tagged ") << shown << ": " << describe(written->changes) << "\n";
    if (written->other_names > 0) {
      diagnostic("samplemind: warning: {}: {} other name(s) of this file (hard links) {} the untagged file", file.path,
                 written->other_names, options.dry_run ? "would keep" : "keep");
    }
  }
  return counts;
}

}  // namespace samplemind::metadata
