// Writes a large library of small, distinct files for the scale bench (scripts/bench_scale.sh).
// Usage: gen_scale_library DIR N [THREADS]
// Mixed formats (16-bit WAV, 24-bit WAV, FLAC, AIFF; one file in 50 Ogg Vorbis), 0.05 to
// 0.2 s long at 8 kHz, nested three folders deep (pack/kind/batch, at most 100 files a
// folder). Pitch, level and length cycle (so AI keys repeat, as in a real library); the
// bytes of every file differ.
// Files are written by THREADS workers (default 2): 100,000 files take well under a minute.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/audio_writer.hpp"

namespace fs = std::filesystem;
using samplemind::audio::FileFormat;

namespace {

constexpr int k_rate_hz = 8000;
constexpr int k_files_per_folder = 100;
constexpr double k_pi = 3.14159265358979323846;
constexpr const char* k_kinds[] = {"kicks", "snares", "hats", "bass", "leads", "fx"};

FileFormat format_for(int index) {
  if (index % 50 == 49) return FileFormat::ogg;
  switch (index % 4) {
    case 0: return FileFormat::wav16;
    case 1: return FileFormat::flac;
    case 2: return FileFormat::aiff;
    default: return FileFormat::wav24;
  }
}

// A decaying sine with a bright partial at 2.5 kHz; index picks pitch (48 semitones), level
// (40 steps of 1 dB, one per 48 files), the partial's weight (52 steps, one per 1,920 files)
// and length (0.05 to 0.2 s in 16 steps). Pitch, level and brightness land in different
// steps of the AI key's normalised features, so nearly every file of 100,000 has an AI
// answer of its own, as real material does (the evaluation corpus: 590 keys for 595 files).
std::vector<float> tone(int index) {
  const double freq_hz = 110.0 * std::pow(2.0, (index % 48) / 12.0);
  const double level_db = -1.0 * ((index / 48) % 40);
  const double partial_weight = 0.9 * ((index / 1920) % 52) / 51.0;
  const double amplitude = 0.9 * std::pow(10.0, level_db / 20.0) / (1.0 + partial_weight);
  const int frames = static_cast<int>(k_rate_hz * (0.05 + 0.01 * (index % 16)));
  std::vector<float> samples(static_cast<std::size_t>(frames));
  for (int f = 0; f < frames; ++f) {
    const double decay = std::exp(-3.0 * f / frames);
    const double t = f / static_cast<double>(k_rate_hz);
    samples[static_cast<std::size_t>(f)] = static_cast<float>(
        amplitude * decay * (std::sin(2.0 * k_pi * freq_hz * t) + partial_weight * std::sin(2.0 * k_pi * 2500.0 * t)));
  }
  // The index written into the first samples, 4 bits each at a few LSB of 16 bits: no two
  // files share their bytes, so a cold run really decodes every file (the feature cache is
  // content-addressed and would serve repeated content without decoding).
  for (std::size_t j = 0; j < 6; ++j) {
    samples[j] += static_cast<float>(((static_cast<unsigned>(index) >> (4 * j)) & 0xFU) * 4.0 / 32768.0);
  }
  return samples;
}

fs::path folder_for(const fs::path& root, int index) {
  const int batch = index / k_files_per_folder;
  return root / ("pack_" + std::to_string(batch / 60)) / k_kinds[batch % 6] / ("batch_" + std::to_string(batch));
}

bool write_range(const fs::path& root, int first, int last, int step) {
  for (int i = first; i < last; i += step) {
    const fs::path folder = folder_for(root, i);
    std::error_code error;
    fs::create_directories(folder, error);
    const FileFormat format = format_for(i);
    const fs::path file =
        folder / ("sample_" + std::to_string(i) + "." + std::string(samplemind::audio::extension_of(format)));
    const auto written = samplemind::audio::write_audio_file(file, tone(i), {.sample_rate = k_rate_hz, .format = format});
    if (!written) {
      std::fprintf(stderr, "gen_scale_library: %s\n", written.error.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: gen_scale_library DIR N [THREADS]\n");
    return 2;
  }
  const fs::path root = argv[1];
  const int count = std::stoi(argv[2]);
  const int threads = argc == 4 ? std::max(1, std::stoi(argv[3])) : 2;
  std::vector<std::thread> workers;
  std::vector<char> ok(static_cast<std::size_t>(threads), 1);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] { ok[static_cast<std::size_t>(t)] = write_range(root, t, count, threads) ? 1 : 0; });
  }
  for (auto& worker : workers) worker.join();
  for (const char good : ok) {
    if (!good) return 1;
  }
  return 0;
}
