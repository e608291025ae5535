#pragma once
// Finds the audio files under the given paths, recursively, in a deterministic order.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace samplemind {

struct ScanOptions {
  bool include_hidden = false;  // names starting with '.'
};

// A path that could not be walked or is not audio, reported instead of analysed.
struct ScanProblem {
  std::filesystem::path path;
  std::string message;
};

struct ScanResult {
  std::vector<std::filesystem::path> files;  // sorted by byte-wise path within each folder
  std::vector<ScanProblem> problems;
};

// True for extensions libsndfile can read (wav, aiff, flac, ogg, mp3, ...), case-insensitive.
bool has_audio_extension(const std::filesystem::path& path);

// Walks the inputs; files given explicitly are taken whatever their extension.
ScanResult scan_inputs(const std::vector<std::filesystem::path>& inputs, const ScanOptions& options);

}  // namespace samplemind
