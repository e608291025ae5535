#pragma once
// A guard in front of TagLib: an ID3v2 chapter frame (CHAP, CTOC) holds frames of its own,
// and TagLib parses them by recursion, so chapters nested some ten thousand deep (a 1.7 MB
// tag) overflow the stack and end the process. No sample carries chapters; a tag with more
// than k_max_id3_chapter_frames of them is not handed to TagLib.
#include <cstddef>
#include <filesystem>

namespace samplemind::metadata {

// Podcasts have tens of chapters; 256 nested levels are far from TagLib's stack limit.
inline constexpr std::size_t k_max_id3_chapter_frames = 256;

// Why: TagLibFile asks this before TagLib parses a file. True when an ID3v2 tag where TagLib
// reads one (at the file's start, or after junk in its first 64 KB; a WAV, RF64 or AIFF
// file's top-level "id3 "/"ID3 " chunks) names more chapter frames than the limit. False for
// any file it cannot read.
bool has_too_many_id3_chapters(const std::filesystem::path& path);

}  // namespace samplemind::metadata
