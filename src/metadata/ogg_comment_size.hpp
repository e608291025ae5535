#pragma once
// How many bytes an Ogg stream's second packet takes (the comment header of Vorbis, Opus and
// Ogg FLAC), read from the page headers' lacing values alone, so that a comment of hundreds of
// MB (a picture in METADATA_BLOCK_PICTURE) can be kept from TagLib, which holds it in memory.
#include <cstdint>

namespace samplemind::metadata {

// Why: taglib_guard's size check for Ogg. The second packet's length in the first logical
// stream, counted up to `enough` + 1 (the walk stops there) or the file's end; 0 for a file
// that does not start with an Ogg page. start: where the Ogg stream begins in the file (a WAV
// may wrap one).
std::uint64_t ogg_comment_packet_bytes(int fd, std::uint64_t enough, std::uint64_t start = 0);

}  // namespace samplemind::metadata
