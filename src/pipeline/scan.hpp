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

// One file to analyse, or a path that could not be walked (problem is then non-empty).
struct ScanItem {
  std::filesystem::path path;
  std::string problem;
};

struct ScanResult {
  std::vector<ScanItem> items;  // folder entries sorted byte-wise, depth first
};

// True for extensions libsndfile can read (wav, aiff, flac, ogg, mp3, ...), case-insensitive.
bool has_audio_extension(const std::filesystem::path& path);

// Receives each item as the walk finds it.
using ScanSink = std::function<void(ScanItem item)>;

// Walks the inputs, handing each item to sink as soon as it is found, so analysis can
// start before a large library has been walked; explicit files are taken whatever their extension.
void walk_inputs(const std::vector<std::filesystem::path>& inputs, const ScanOptions& options, const ScanSink& sink);

// The whole walk collected in one list (tests, small inputs).
ScanResult scan_inputs(const std::vector<std::filesystem::path>& inputs, const ScanOptions& options);

}  // namespace samplemind
