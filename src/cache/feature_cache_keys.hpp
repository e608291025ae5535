#pragma once
// The keys the feature cache stores under: a path's stat record (clustered by folder) and
// some content's features (content hash plus extractor version).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace samplemind {

// Hex digits of a stat key that name its folder (the rest name the path).
constexpr std::size_t k_folder_key_chars = 24;

// The absolute, normalised form of a path (its native text): what its stat record is keyed
// by and stores. Text, not std::filesystem::path: building one splits the path into parts,
// with an allocation each, for every file of a warm run.
std::string keyed_path(std::string_view path);

// The key of a path's stat record, from its absolute, normalised form: 24 hex digits of the
// SHA-256 of its folder, then 40 of the path's, so a folder's records lie side by side in
// an ordered store and a warm run reads each page once for a dozen files.
std::string file_stat_key(const std::filesystem::path& path);
// Why: the same key from a path's native text, without building a std::filesystem::path.
std::string file_stat_key_for(std::string_view path);

// Why: caches written before the clustered key keep working; SHA-256 of the path alone.
std::string legacy_file_stat_key(const std::filesystem::path& path);

// The feature-cache key of some content: "<sha256>-x<extractor version>".
std::string feature_cache_key(const std::string& content_sha256);

}  // namespace samplemind
