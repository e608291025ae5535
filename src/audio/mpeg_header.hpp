#pragma once
// Recognising an MP3 by its first bytes, before any decoder is asked: an MPEG audio frame
// header at the start, or right after an ID3v2 tag. WAV, AIFF, FLAC, Ogg, CAF and AAC
// (ADTS) never start so, and an ID3 tag in front of another format is left to libsndfile.
#include <cstdint>
#include <optional>
#include <span>

namespace samplemind::audio {

// Why: a sync word alone matches noise; the header's version, layer, bitrate and rate
// fields must also name values that exist. Reads 4 bytes (false if fewer).
bool is_mpeg_audio_frame_header(std::span<const unsigned char> bytes);

// Why: an ID3v2 tag's length (its 10-byte header, the body and a footer) is where the audio
// starts. nullopt unless the 10 bytes are a well-formed ID3v2 header.
std::optional<std::uint64_t> id3v2_tag_bytes(std::span<const unsigned char> header);

// Why: the decoder opens an MP3 with mpg123 alone when this holds. Reads the open file's
// first bytes with pread (its offset is left alone); false on any read error.
bool starts_with_mpeg_audio(int fd);

// Why: an MP3 that does not start with a frame (junk or padding after its tag, a damaged tag)
// would reach libsndfile, whose mpg123 prints its complaints to stderr. True when the file is
// named as MPEG audio (named_mpeg) or starts with "ID3", and neither its first bytes nor those
// after its tag are another format's (WAV, AIFF, FLAC, Ogg, CAF, AU, VOC): mpg123 then opens
// it alone, quietly, and finds its frames or says that there are none.
bool claims_mpeg_audio(int fd, bool named_mpeg);

}  // namespace samplemind::audio
