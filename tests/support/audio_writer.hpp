#pragma once
// Writes generated audio (bundled samples, evaluation corpus, tests) with libsndfile.
// Analysis never writes; this exists so tools and tests can make real files.
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "util/result.hpp"

namespace samplemind::audio {

// mp3: constant bitrate (lengths in whole frames); mp3_vbr: variable, with a Xing tag. Both
// carry LAME's gapless tag.
enum class FileFormat { wav16, wav24, wav_float, flac, aiff, ogg, mp3, mp3_vbr, caf };

struct WriteOptions {
  int sample_rate = 44100;
  int channels = 1;
  FileFormat format = FileFormat::wav16;
  std::optional<double> acid_bpm;  // adds an ACID chunk (WAV only) carrying this tempo
  int acid_beats = 0;
};

// Writes interleaved float samples; an error value names what went wrong.
Status write_audio_file(const std::filesystem::path& path, std::span<const float> interleaved,
                        const WriteOptions& options);

// Renames the Info/Xing tag in an MP3's first frame (LAME's gapless header, and a VBR file's
// frame count): decoders then read that frame as silence and keep the encoder's delay and
// fill, as they do for a file from an encoder that writes no such tag. False when none.
bool drop_mp3_gapless_tag(const std::filesystem::path& path);

// File extension for a format, without the dot.
std::string_view extension_of(FileFormat format);

}  // namespace samplemind::audio
