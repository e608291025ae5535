// libsndfile writer plus a hand-written ACID chunk (libsndfile reads it but cannot write it).
#include "support/audio_writer.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include <sndfile.h>

namespace samplemind::audio {

namespace {

int sndfile_format(FileFormat format) {
  switch (format) {
    case FileFormat::wav16: return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    case FileFormat::wav24: return SF_FORMAT_WAV | SF_FORMAT_PCM_24;
    case FileFormat::wav_float: return SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    case FileFormat::flac: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    case FileFormat::aiff: return SF_FORMAT_AIFF | SF_FORMAT_PCM_16;
    case FileFormat::ogg: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    case FileFormat::caf: return SF_FORMAT_CAF | SF_FORMAT_PCM_16;
    case FileFormat::mp3:
    case FileFormat::mp3_vbr: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  }
  return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

// Appends an 'acid' chunk to a RIFF/WAVE file and fixes the RIFF size.
Status append_acid_chunk(const std::filesystem::path& path, double bpm, int beats) {
  std::string chunk = "acid";
  put_u32(chunk, 24);
  put_u32(chunk, 0x04);       // flags: stretch on, not a one-shot, no root note
  put_u16(chunk, 60);         // root note
  put_u16(chunk, 0x8000);
  put_u32(chunk, 0);          // unknown
  put_u32(chunk, static_cast<std::uint32_t>(beats));
  put_u16(chunk, 4);          // meter denominator
  put_u16(chunk, 4);          // meter numerator
  float tempo = static_cast<float>(bpm);
  std::uint32_t bits = 0;
  std::memcpy(&bits, &tempo, sizeof(bits));
  put_u32(chunk, bits);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!file) return Status::failure("cannot reopen file to add the ACID chunk");
  file.seekp(0, std::ios::end);
  const auto size = static_cast<std::uint32_t>(file.tellp());
  file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  std::string riff_size;
  put_u32(riff_size, size + static_cast<std::uint32_t>(chunk.size()) - 8);
  file.seekp(4);
  file.write(riff_size.data(), 4);
  return file ? Status::success() : Status::failure("could not write the ACID chunk");
}

}  // namespace

bool drop_mp3_gapless_tag(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  for (const char* tag : {"Info", "Xing"}) {
    const std::size_t at = data.find(tag);
    if (at != std::string::npos && at < 400) {  // in the first frame, after its header and side info
      data.replace(at, 4, "None");
      std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
      return true;
    }
  }
  return false;
}

std::string_view extension_of(FileFormat format) {
  switch (format) {
    case FileFormat::wav16:
    case FileFormat::wav24:
    case FileFormat::wav_float: return "wav";
    case FileFormat::flac: return "flac";
    case FileFormat::aiff: return "aif";
    case FileFormat::ogg: return "ogg";
    case FileFormat::caf: return "caf";
    case FileFormat::mp3:
    case FileFormat::mp3_vbr: return "mp3";
  }
  return "wav";
}

Status write_audio_file(const std::filesystem::path& path, std::span<const float> interleaved,
                        const WriteOptions& options) {
  SF_INFO info{};
  info.samplerate = options.sample_rate;
  info.channels = options.channels;
  info.format = sndfile_format(options.format);
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) return Status::failure(std::string("cannot write audio: ") + sf_strerror(nullptr));
  if (options.format == FileFormat::ogg) {
    double quality = 0.6;
    sf_command(file, SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof(quality));
  }
  if (options.format == FileFormat::mp3 || options.format == FileFormat::mp3_vbr) {
    int mode = options.format == FileFormat::mp3 ? SF_BITRATE_MODE_CONSTANT : SF_BITRATE_MODE_VARIABLE;
    sf_command(file, SFC_SET_BITRATE_MODE, &mode, sizeof(mode));
  }
  const auto frames = static_cast<sf_count_t>(interleaved.size() / static_cast<std::size_t>(options.channels));
  const sf_count_t written = sf_writef_float(file, interleaved.data(), frames);
  sf_close(file);
  if (written != frames) return Status::failure("short write");
  if (options.acid_bpm && (options.format == FileFormat::wav16 || options.format == FileFormat::wav24)) {
    return append_acid_chunk(path, *options.acid_bpm, options.acid_beats);
  }
  return Status::success();
}

}  // namespace samplemind::audio
