// Priority between sources. Why this order: docs/metadata.md ("Priority").
#include "metadata/file_statements.hpp"

#include <filesystem>
#include <initializer_list>

#include "metadata/chunk_statements.hpp"
#include "metadata/filename_statements.hpp"
#include "metadata/tag_statements.hpp"

namespace samplemind::metadata {

namespace {

constexpr int k_default_unity_note_midi = 60;  // C4: what writers put when only loops matter

// Copies one field (value and source) from the first source that states it.
template <class Value>
void first_stated(std::optional<Value>& value, std::optional<StatementSource>& source,
                  std::initializer_list<const FileStatements*> in_order,
                  std::optional<Value> FileStatements::*field, std::optional<StatementSource> FileStatements::*field_source) {
  for (const FileStatements* statements : in_order) {
    if (statements->*field) {
      value = statements->*field;
      source = statements->*field_source;
      return;
    }
  }
}

}  // namespace

FileStatements combine_statements(const StatementsBySource& sources) {
  FileStatements out;
  first_stated(out.bpm, out.bpm_source, {&sources.acid, &sources.basc, &sources.tag, &sources.filename},
               &FileStatements::bpm, &FileStatements::bpm_source);
  first_stated(out.key, out.key_source, {&sources.basc, &sources.tag, &sources.filename}, &FileStatements::key,
               &FileStatements::key_source);
  const auto& smpl_root = sources.smpl.root;
  const auto& other_root = sources.basc.root ? sources.basc.root : sources.filename.root;
  const bool smpl_is_default = smpl_root && smpl_root->midi == k_default_unity_note_midi;
  const bool other_disagrees = other_root && smpl_root && other_root->pitch_class != smpl_root->pitch_class;
  if (smpl_is_default && other_disagrees) {
    first_stated(out.root, out.root_source, {&sources.acid, &sources.basc, &sources.filename}, &FileStatements::root,
                 &FileStatements::root_source);
  } else {
    first_stated(out.root, out.root_source, {&sources.acid, &sources.smpl, &sources.basc, &sources.filename},
                 &FileStatements::root, &FileStatements::root_source);
  }
  return out;
}

FileStatements read_file_statements(const std::filesystem::path& path, const std::optional<LoopMetadata>& chunks) noexcept {
  try {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return {};  // a folder or a missing file states nothing
    StatementsBySource sources;
    sources.tag = read_tag_statements(path);
    if (chunks) {
      sources.acid = acid_statements(*chunks);
      sources.basc = basc_statements(*chunks);
      sources.smpl = smpl_statements(*chunks);
    }
    sources.filename = statements_from_filename(path);
    return combine_statements(sources);
  } catch (...) {  // only allocation can throw here; no statement beats a crash
    return {};
  }
}

}  // namespace samplemind::metadata
