#pragma once
// How many bytes an APEv2 tag at a file's end claims (MP3 and WavPack files carry them), read
// from its 32-byte footer alone, so that a tag of hundreds of MB can be kept from TagLib,
// which holds it in memory several times over.
#include <cstdint>

namespace samplemind::metadata {

// Why: taglib_guard's size check for APE tags. The size the footer states (items and footer),
// for a footer at the file's end or just before an ID3v1 tag there; 0 when there is none.
std::uint64_t ape_tag_bytes(int fd);

}  // namespace samplemind::metadata
