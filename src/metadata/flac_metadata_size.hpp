#pragma once
// How many bytes a FLAC stream's metadata blocks take (STREAMINFO, comments, pictures...),
// read from their 4-byte headers alone, so that a file whose pictures run to hundreds of MB
// can be kept from TagLib, which holds every block in memory.
#include <cstdint>

namespace samplemind::metadata {

// Why: taglib_guard's size check for FLAC. The sum of the block lengths (headers included) of
// the stream whose "fLaC" marker is at `start`, up to the last block, 4,096 blocks, or the
// file's end, whichever comes first; 0 when there is no marker there.
std::uint64_t flac_metadata_bytes(int fd, std::uint64_t start);

}  // namespace samplemind::metadata
