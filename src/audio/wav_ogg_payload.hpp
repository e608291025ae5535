#pragma once
// WAV files whose data chunk is a whole Ogg Vorbis stream (format tags 0x674F-0x6771, the
// "Ogg Vorbis in RIFF" modes). libsndfile refuses them ("Malformed 'fmt ' chunk"), yet
// sample libraries ship them (five of LMMS's samples, named .ogg): the payload is a plain
// Ogg file, so it is located here and handed to libsndfile as one.
#include <cstdint>
#include <optional>

#include <sndfile.h>

namespace samplemind::audio {

// Where the Ogg stream sits inside the file, in bytes.
struct ByteRange {
  std::int64_t offset = 0;
  std::int64_t length = 0;
};

// Why: the only WAV codec family libsndfile cannot decode whose payload it can. Walks the
// RIFF chunks of the open file `fd` (at most 64, each size checked against the file's) and
// returns the data chunk when `fmt ` names an Ogg Vorbis mode and the data starts "OggS";
// nullopt for anything else, including every malformed header.
std::optional<ByteRange> find_ogg_payload_in_wav(int fd);

// libsndfile's virtual I/O over one byte range of a file: reads with pread, so the
// descriptor's own offset is never used. The state must outlive the SNDFILE opened on it.
struct ByteRangeIo {
  int fd = -1;
  ByteRange range;
  std::int64_t position = 0;  // within the range
};

// Why: sf_open_virtual needs a callback table; this one reads `ByteRangeIo` (user data).
SF_VIRTUAL_IO byte_range_virtual_io();

}  // namespace samplemind::audio
