#pragma once
// The one entry point: everything a file states about its tempo, key and root note.
#include <filesystem>
#include <optional>

#include "metadata/statements.hpp"
#include "audio/audio_decoder.hpp"

namespace samplemind::metadata {

// Each source's statements, read separately, before the priority rules pick one per field.
struct StatementsBySource {
  FileStatements tag;
  FileStatements acid;
  FileStatements basc;
  FileStatements smpl;
  FileStatements filename;
};

// Reads tags (TagLib), takes ACID/basc/smpl from the decoder's chunks, parses the file name, and
// keeps one statement per field by the priority in docs/metadata.md. Never throws; a file
// that states nothing (or cannot be read) gives empty statements.
FileStatements read_file_statements(const std::filesystem::path& path, const std::optional<LoopMetadata>& chunks) noexcept;

// The priority rules alone, for callers that already hold each source's statements:
// bpm: acid > basc > tag > filename; key: basc > tag > filename; root: acid > smpl > basc >
// filename, except that a smpl unity note of exactly 60 (C4, many writers' default) yields to
// a basc or filename root naming another pitch class.
FileStatements combine_statements(const StatementsBySource& sources);

}  // namespace samplemind::metadata
