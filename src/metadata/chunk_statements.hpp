#pragma once
// Tempo, key and root note from the ACID, Apple Loops and smpl chunks, as the decoder read them.
#include "metadata/statements.hpp"
#include "audio/audio_decoder.hpp"

namespace samplemind::metadata {

// The ACID chunk's tempo (2 decimals; not for an ACID one-shot, which is never stretched) and
// its root note (only when the chunk's root-note flag is set). Source acid.
FileStatements acid_statements(const LoopMetadata& chunks);

// The Apple Loops 'basc' chunk: its tempo (beats over the file's length; not for a one-shot),
// its key when the scale is major or minor, and its key note as a root (pitch class only)
// when the scale is "neither" or "both". Source basc.
FileStatements basc_statements(const LoopMetadata& chunks);

// The smpl chunk's MIDI unity note (AIFF: the INST chunk's base note) as the root. Source smpl.
FileStatements smpl_statements(const LoopMetadata& chunks);

}  // namespace samplemind::metadata
