#pragma once
// Finds the audio files under the given paths, recursively, in a deterministic order.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "pipeline/shard.hpp"
#include "util/file_stat.hpp"

namespace samplemind {

struct ScanOptions {
  bool include_hidden = false;  // names starting with '.'
  std::optional<Shard> shard;   // --shard K/N: only the items whose relative path falls in it
};

// What the walk left out, for the summary.
struct WalkTotals {
  std::size_t outside_shard = 0;  // items that belong to other shards
};

// One file to analyse, or a path that could not be walked (problem is then non-empty).
struct ScanItem {
  std::filesystem::path path;
  std::string problem;
  // A plain file's stat, taken relative to its open folder while it was listed (one name
  // to resolve, not the whole path): the feature cache's change check uses it and does
  // not stat the path again. Empty for links, named files and when the stat failed.
  std::optional<FileStat> stat;
  std::chrono::steady_clock::time_point stat_taken{};  // when stat was taken
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
// With a shard, an item's relative path is its path below the input folder it was found
// in (the file name for a file named on the command line).
WalkTotals walk_inputs(const std::vector<std::filesystem::path>& inputs, const ScanOptions& options,
                       const ScanSink& sink);

// The path of an item relative to the input it was found under, as hashed by --shard.
std::string_view path_below_input(const std::filesystem::path& item, const std::filesystem::path& input);

// The first input that does not exist at all (not even as a dangling symbolic link), or
// nothing: a mistyped PATH is a usage error before any work starts.
std::optional<std::filesystem::path> first_missing_input(const std::vector<std::filesystem::path>& inputs);

// The whole walk collected in one list (tests, small inputs).
ScanResult scan_inputs(const std::vector<std::filesystem::path>& inputs, const ScanOptions& options);

}  // namespace samplemind
