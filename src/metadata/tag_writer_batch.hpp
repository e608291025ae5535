#pragma once
// Tagging many files: each file's final tempo and key written (or listed, for a dry run),
// one line per file, and a failure named and skipped so the batch goes on.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "metadata/tag_writer.hpp"
#include "model/features.hpp"

namespace samplemind::metadata {

// A file and its final features (what the file states over the audio estimate).
struct FileToTag {
  std::string path;
  Features features;
};

struct TagBatchOptions {
  KeyNotation notation = KeyNotation::standard;
  bool dry_run = false;
  // Called with each file whose tags were written: its bytes changed, so the caller can
  // record it again in the feature cache (else find would call it stale).
  std::function<void(const std::string&)> after_write;
};

struct TagBatchCounts {
  int changed = 0;    // written, or would be with a dry run
  int unchanged = 0;  // tags already agree (file not touched)
  int nothing = 0;    // no tempo and no key to write
  int failed = 0;     // named on stderr
};

// Why: the values a file's tags should hold: its final tempo and key in the chosen notation.
TagValues tag_values_for(const Features& final_features, KeyNotation notation);

// Why: tags every file, printing "tagged|would tag|unchanged|no values PATH: changes" lines
// (control characters escaped) to out and each failure as an error diagnostic.
TagBatchCounts tag_files(const std::vector<FileToTag>& files, const TagBatchOptions& options, std::ostream& out);

}  // namespace samplemind::metadata
