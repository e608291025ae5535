// Pure functions from the decoder's LoopMetadata: libsndfile is opened only in the decoder.
#include "metadata/chunk_statements.hpp"

namespace samplemind::metadata {

FileStatements acid_statements(const LoopMetadata& chunks) {
  FileStatements out;
  if (chunks.bpm && !chunks.one_shot && (out.bpm = plausible_bpm(*chunks.bpm))) out.bpm_source = StatementSource::acid;
  if (chunks.root_midi && (out.root = root_from_midi(*chunks.root_midi))) out.root_source = StatementSource::acid;
  return out;
}

FileStatements basc_statements(const LoopMetadata& chunks) {
  FileStatements out;
  if (!chunks.apple_loop) return out;
  const audio::AppleLoopChunk& basc = *chunks.apple_loop;
  if (basc.bpm && !basc.one_shot && (out.bpm = plausible_bpm(*basc.bpm))) out.bpm_source = StatementSource::basc;
  if (!basc.key_midi) return out;
  const int pitch_class = *basc.key_midi % 12;
  if (basc.scale == audio::AppleLoopScale::major || basc.scale == audio::AppleLoopScale::minor) {
    out.key = StatedKey{pitch_class, basc.scale == audio::AppleLoopScale::minor};
    out.key_source = StatementSource::basc;
  } else if (basc.scale == audio::AppleLoopScale::neither || basc.scale == audio::AppleLoopScale::both) {
    out.root = StatedRoot{pitch_class, std::nullopt};  // 48..59 name a class, not an octave
    out.root_source = StatementSource::basc;
  }
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
