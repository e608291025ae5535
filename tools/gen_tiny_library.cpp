// Writes N tiny, distinct WAV files (100 per folder) for the large-library memory test.
// Usage: gen_tiny_library DIR N
// Each file is 0.1 s of a sine at its own pitch and level, so features (and AI keys)
// differ. Written with the project's libsndfile writer (about 20,000 files a second).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "support/audio_writer.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int k_rate_hz = 8000;
constexpr int k_frames = 800;  // 0.1 s
constexpr int k_files_per_folder = 100;
constexpr double k_pi = 3.14159265358979323846;

// A mono 16-bit sine; index picks pitch and level.
std::vector<float> tiny_tone(int index) {
  const double freq_hz = 110.0 * std::pow(2.0, (index % 48) / 12.0);
  // Twelve levels 2 dB apart cycling with the pitch, so pitches that share a brightness
  // bucket still differ in loudness, and each further 48 files 1 dB lower: the files of a
  // library key apart (the root-note stage needs longer notes than these).
  const double level_db = -2.0 * (index % 12) - 1.0 * ((index / 48) % 20);
  const double amplitude = 0.9 * std::pow(10.0, level_db / 20.0);
  std::vector<float> samples(k_frames);
  for (int f = 0; f < k_frames; ++f) {
    samples[static_cast<std::size_t>(f)] =
        static_cast<float>(amplitude * std::sin(2.0 * k_pi * freq_hz * f / k_rate_hz));
  }
  return samples;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_tiny_library DIR N\n");
    return 2;
  }
  const fs::path root = argv[1];
  const int count = std::stoi(argv[2]);
  for (int i = 0; i < count; ++i) {
    const fs::path folder = root / ("d" + std::to_string(i / k_files_per_folder));
    if (i % k_files_per_folder == 0) fs::create_directories(folder);
    const auto written = samplemind::audio::write_audio_file(folder / ("tiny_" + std::to_string(i) + ".wav"),
                                                             tiny_tone(i), {.sample_rate = k_rate_hz});
    if (!written) {
      std::fprintf(stderr, "gen_tiny_library: %s\n", written.error.c_str());
      return 1;
    }
  }
  return 0;
}
