// Builds the reliability test library: broken files, odd but valid audio, and awkward
// file-system entries, each with a name that says what it is (docs/reliability.md).
// Usage: gen_bad_library DIR            bad/ and odd/ under DIR
//        gen_bad_library --long FILE MINUTES   one long mono 16 kHz WAV, written in blocks
//        gen_bad_library --seeds DIR           tiny files in many formats (fuzz/corpus/decoder)
// Odd formats (u8, 192 kHz float, mp3, 8 channels) are written with libsndfile directly:
// the project's audio writer only offers the formats the bundled samples use.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <sndfile.h>

namespace fs = std::filesystem;

namespace {

constexpr double k_pi = 3.14159265358979323846;
constexpr int k_rate_hz = 22050;

// A sine (plus dc) with `channels` identical channels, interleaved.
std::vector<float> tone(double seconds, int rate_hz, int channels, double freq_hz, double amplitude, double dc = 0.0) {
  const auto frames = static_cast<std::size_t>(seconds * rate_hz);
  std::vector<float> out(frames * static_cast<std::size_t>(channels));
  for (std::size_t f = 0; f < frames; ++f) {
    const double value = dc + amplitude * std::sin(2.0 * k_pi * freq_hz * static_cast<double>(f) / rate_hz);
    for (int c = 0; c < channels; ++c) out[f * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] = static_cast<float>(value);
  }
  return out;
}

// Writes interleaved samples in the given libsndfile format; false (and a message) on failure.
bool write_sndfile(const fs::path& path, const std::vector<float>& samples, int rate_hz, int channels, int format) {
  SF_INFO info{};
  info.samplerate = rate_hz;
  info.channels = channels;
  info.format = format;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    std::fprintf(stderr, "gen_bad_library: %s: %s\n", path.c_str(), sf_strerror(nullptr));
    return false;
  }
  sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);  // clip, never wrap, when converting to integers
  const auto frames = static_cast<sf_count_t>(samples.size() / static_cast<std::size_t>(channels));
  const bool ok = sf_writef_float(file, samples.data(), frames) == frames;
  sf_close(file);
  return ok;
}

// The 44-byte header of a mono 16-bit PCM WAV whose data chunk claims data_bytes.
std::string wav_header(std::uint32_t data_bytes, int rate_hz) {
  std::string h;
  auto u32 = [&h](std::uint32_t v) { for (int i = 0; i < 4; ++i) h.push_back(static_cast<char>((v >> (8 * i)) & 0xff)); };
  auto u16 = [&h](std::uint16_t v) { h.push_back(static_cast<char>(v & 0xff)); h.push_back(static_cast<char>(v >> 8)); };
  h += "RIFF";
  u32(36 + data_bytes);
  h += "WAVEfmt ";
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(rate_hz));
  u32(static_cast<std::uint32_t>(rate_hz) * 2);
  u16(2);
  u16(16);
  h += "data";
  u32(data_bytes);
  return h;
}

// 16-bit little-endian PCM bytes of a mono signal.
std::string pcm16(const std::vector<float>& mono) {
  std::string bytes;
  for (float v : mono) {
    const auto s = static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
    bytes.push_back(static_cast<char>(s & 0xff));
    bytes.push_back(static_cast<char>((s >> 8) & 0xff));
  }
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng() & 0xff);
  return bytes;
}

// Broken files and awkward entries: each must end as a clear per-file error (or be walked).
bool make_bad(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string good = wav_header(4410 * 2, k_rate_hz) + pcm16(tone(0.2, k_rate_hz, 1, 440.0, 0.5));
  write_bytes(dir / "empty.wav", "");
  write_bytes(dir / "random.wav", random_bytes(8192, 1));
  write_bytes(dir / "random.flac", random_bytes(8192, 2));
  write_bytes(dir / "random.mp3", random_bytes(8192, 3));
  write_bytes(dir / "text.aiff", "This is a text file, not an AIFF.\n");
  write_bytes(dir / "short_header.wav", good.substr(0, 20));
  // Header claims 2 s, only 0.2 s follow: analysed as what is there (decided, documented).
  write_bytes(dir / "short_data.wav", wav_header(k_rate_hz * 2 * 2, k_rate_hz) + pcm16(tone(0.2, k_rate_hz, 1, 440.0, 0.5)));
  write_bytes(dir / "zero_frames.wav", wav_header(0, k_rate_hz));
  write_bytes(dir / "one_sample.wav", wav_header(2, k_rate_hz) + pcm16({0.5f}));
  fs::create_directories(dir / "folder.wav");
  write_bytes(dir / "folder.wav" / "inside.wav", good);
  std::error_code ignored;
  fs::create_symlink("missing.wav", dir / "dangling.wav", ignored);
  fs::create_symlink("self_loop.wav", dir / "self_loop.wav", ignored);
  fs::create_directories(dir / "loop_dir");
  fs::create_directory_symlink("..", dir / "loop_dir" / "up", ignored);
  write_bytes(dir / "bad_name_\xff\xfe_latin1_\xe9.wav", good);
  if (::mkfifo((dir / "fifo.wav").c_str(), 0644) != 0) std::perror("gen_bad_library: mkfifo");
  return true;
}

// Odd but valid audio: every file must be analysed with finite features.
bool make_odd(const fs::path& dir) {
  fs::create_directories(dir);
  bool ok = true;
  ok &= write_sndfile(dir / "silence.wav", std::vector<float>(k_rate_hz * 2, 0.0f), k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  std::vector<float> nan_inf = tone(1.0, k_rate_hz, 1, 330.0, 0.5);
  for (std::size_t i = 0; i < nan_inf.size(); i += 97) nan_inf[i] = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t i = 50; i < nan_inf.size(); i += 89) nan_inf[i] = std::numeric_limits<float>::infinity();
  for (std::size_t i = 20; i < nan_inf.size(); i += 83) nan_inf[i] = -std::numeric_limits<float>::infinity();
  ok &= write_sndfile(dir / "nan_inf.wav", nan_inf, k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  ok &= write_sndfile(dir / "clipping.wav", tone(1.0, k_rate_hz, 1, 220.0, 4.0), k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ok &= write_sndfile(dir / "dc_offset.wav", tone(1.0, k_rate_hz, 1, 220.0, 0.3, 0.5), k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ok &= write_sndfile(dir / "eight_channels.wav", tone(1.0, 48000, 8, 440.0, 0.4), 48000, 8, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  ok &= write_sndfile(dir / "u8_8k.wav", tone(1.0, 8000, 1, 440.0, 0.5), 8000, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_U8);
  ok &= write_sndfile(dir / "float_192k.wav", tone(0.5, 192000, 2, 440.0, 0.5), 192000, 2, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  ok &= write_sndfile(dir / "tone.mp3", tone(1.0, 44100, 1, 440.0, 0.5), 44100, 1, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
  const auto duplicate = tone(0.5, k_rate_hz, 1, 523.25, 0.5);
  ok &= write_sndfile(dir / "duplicate_a.wav", duplicate, k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ok &= write_sndfile(dir / "duplicate_b.wav", duplicate, k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ok &= write_sndfile(dir / ".hidden.wav", tone(0.3, k_rate_hz, 1, 440.0, 0.5), k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  fs::create_directories(dir / ".hidden_dir");
  ok &= write_sndfile(dir / ".hidden_dir" / "inside.wav", tone(0.3, k_rate_hz, 1, 660.0, 0.5), k_rate_hz, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  return ok;
}

// A long mono 16 kHz file written block by block, so the generator's memory stays small too.
bool make_long(const fs::path& path, double minutes) {
  constexpr int k_long_rate_hz = 16000;
  SF_INFO info{};
  info.samplerate = k_long_rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) return false;
  const auto total = static_cast<std::int64_t>(minutes * 60.0 * k_long_rate_hz);
  std::vector<float> block(k_long_rate_hz);
  for (std::int64_t done = 0; done < total;) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(total - done, k_long_rate_hz));
    for (std::size_t i = 0; i < n; ++i) {
      const double t = static_cast<double>(done + static_cast<std::int64_t>(i)) / k_long_rate_hz;
      const double beat = std::fmod(t, 0.5) < 0.05 ? 0.6 : 0.0;  // a click every 0.5 s: 120 BPM
      block[i] = static_cast<float>(0.2 * std::sin(2.0 * k_pi * 220.0 * t) + beat * std::sin(2.0 * k_pi * 60.0 * t));
    }
    sf_writef_float(file, block.data(), static_cast<sf_count_t>(n));
    done += static_cast<std::int64_t>(n);
  }
  sf_close(file);
  return true;
}

// Tiny files in every container libsndfile reads well: the decoder fuzzer's seed corpus.
bool make_seeds(const fs::path& dir) {
  fs::create_directories(dir);
  struct Seed { const char* name; int format; int rate_hz; int channels; };
  const Seed seeds[] = {
      {"pcm16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1},
      {"float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8000, 2},
      {"u8.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 8000, 1},
      {"pcm24.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 8000, 1},
      {"pcm16.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 1},
      {"vorbis.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 8000, 1},
      {"layer3.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 8000, 1},
      {"ulaw.au", SF_FORMAT_AU | SF_FORMAT_ULAW, 8000, 1},
      {"alac.caf", SF_FORMAT_CAF | SF_FORMAT_ALAC_16, 8000, 1},
      {"pcm16.w64", SF_FORMAT_W64 | SF_FORMAT_PCM_16, 8000, 1},
      {"ima.wav", SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM, 8000, 1},
  };
  bool ok = true;
  for (const auto& seed : seeds) {
    ok &= write_sndfile(dir / seed.name, tone(0.05, seed.rate_hz, seed.channels, 440.0, 0.5), seed.rate_hz,
                        seed.channels, seed.format);
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--long") return make_long(argv[2], std::stod(argv[3])) ? 0 : 1;
  if (argc == 3 && std::string(argv[1]) == "--seeds") return make_seeds(argv[2]) ? 0 : 1;
  if (argc != 2) {
    std::fprintf(stderr, "usage: gen_bad_library DIR | gen_bad_library --long FILE MINUTES\n");
    return 2;
  }
  const fs::path root = argv[1];
  const bool ok = make_bad(root / "bad") && make_odd(root / "odd");
  return ok ? 0 : 1;
}
