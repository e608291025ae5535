#pragma once
// A guard in front of TagLib, for the inputs its parsers cannot survive. An ID3v2 chapter
// frame (CHAP, CTOC) holds frames of its own and TagLib parses them by recursion, so
// chapters nested 20,000 deep (a 0.56 MB tag; 10,000 did not) overflow the stack and end the
// process. No sample carries chapters: a tag with more than k_max_id3_chapter_frames is not
// handed to TagLib, nor tags over k_max_tag_bytes, nor a WAV or AIFF file whose chunk
// list is too long to look through.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace samplemind::metadata {

// Podcasts have tens of chapters; 256 nested levels are far from TagLib's stack limit.
inline constexpr std::size_t k_max_id3_chapter_frames = 256;
// A sample has a handful of chunks; past this many the ID3 chunks are not looked for.
inline constexpr std::size_t k_max_riff_chunks = 10000;
// TagLib holds a whole ID3v2 or APE tag, a WAV's LIST chunk, an Ogg comment header and all of
// a FLAC file's metadata blocks in memory: an ID3v2 tag may claim 256 MB, an APE tag or a LIST
// chunk 4 GB, an Ogg comment or FLAC pictures any size (each extraction thread would hold them). Cover art runs to a few MB; more than this
// is not handed to TagLib.
inline constexpr std::uint64_t k_max_tag_bytes = 32ull << 20;

// Why: TagLibFile asks this before TagLib parses a file. It reads the ID3v2 tags where
// TagLib finds them (the file's start, or after junk in its first 64 KB; a WAV, RF64 or
// AIFF file's top-level "id3 "/"ID3 " chunks) and counts their chapter frames. nullopt:
// TagLib may parse the file (also for any file this cannot read); else the reason not to.
std::optional<std::string> taglib_hazard(const std::filesystem::path& path);
// Why: TagLibFile opens a file once and asks about that descriptor (read with pread only;
// never closed here), so what the guard looked at is what TagLib reads.
std::optional<std::string> taglib_hazard(int fd);

}  // namespace samplemind::metadata
