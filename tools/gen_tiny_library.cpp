// Writes N tiny, distinct WAV files (100 per folder) for the large-library memory test.
// Usage: gen_tiny_library DIR N
// Each file is 0.1 s of a sine at its own pitch and level, so features (and AI keys)
// differ; files are written as raw bytes because 20,000 of them must be quick to make.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

constexpr int k_rate_hz = 8000;
constexpr int k_frames = 800;  // 0.1 s
constexpr int k_files_per_folder = 100;
constexpr double k_pi = 3.14159265358979323846;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

// A mono 16-bit WAV of one sine; index picks pitch and level.
std::string tiny_wav(int index) {
  std::string out;
  const std::uint32_t data_bytes = k_frames * 2;
  out += "RIFF";
  put_u32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  put_u32(out, 16);
  put_u16(out, 1);
  put_u16(out, 1);
  put_u32(out, k_rate_hz);
  put_u32(out, k_rate_hz * 2);
  put_u16(out, 2);
  put_u16(out, 16);
  out += "data";
  put_u32(out, data_bytes);
  const double freq_hz = 110.0 * std::pow(2.0, (index % 48) / 12.0);
  const double amplitude = 0.05 + 0.9 * ((index / 48) % 20) / 20.0;
  for (int f = 0; f < k_frames; ++f) {
    const auto s = static_cast<std::int16_t>(std::lround(amplitude * 32000.0 * std::sin(2.0 * k_pi * freq_hz * f / k_rate_hz)));
    put_u16(out, static_cast<std::uint16_t>(s));
  }
  return out;
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
    std::ofstream(folder / ("tiny_" + std::to_string(i) + ".wav"), std::ios::binary) << tiny_wav(i);
  }
  return 0;
}
