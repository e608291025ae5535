// Pure functions from the decoder's LoopMetadata: libsndfile is opened only in the decoder.
#include "metadata/chunk_statements.hpp"

namespace samplemind::metadata {

FileStatements acid_statements(const LoopMetadata& chunks) {
  FileStatements out;
  if (chunks.bpm && !chunks.one_shot && (out.bpm = plausible_bpm(*chunks.bpm))) out.bpm_source = StatementSource::acid;
  if (chunks.root_midi && (out.root = root_from_midi(*chunks.root_midi))) out.root_source = StatementSource::acid;
  return out;
}

FileStatements smpl_statements(const LoopMetadata& chunks) {
  FileStatements out;
  if (chunks.unity_note_midi && (out.root = root_from_midi(*chunks.unity_note_midi))) {
    out.root_source = StatementSource::smpl;
  }
  return out;
}

}  // namespace samplemind::metadata
