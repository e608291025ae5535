// Stat-record and feature keys. A warm run computes one stat key per file, so the path is
// normalised as text and each thread keeps the last folder's hash.
#include "cache/feature_cache_keys.hpp"

#include <fmt/format.h>

#include "audio/feature_extractor.hpp"
#include "cache/sha256.hpp"
#include "util/path_text.hpp"

namespace samplemind {
namespace {

// The process's working directory, read once: samplemind never changes it, and a getcwd per
// file was a twentieth of a warm run.
const std::filesystem::path& working_directory() {
  static const std::filesystem::path cwd = [] {
    std::error_code error;
    std::filesystem::path here = std::filesystem::current_path(error);
    return error ? std::filesystem::path() : here;
  }();
  return cwd;
}

// True when lexically_normal would return the text unchanged: no ".", ".." or empty
// component and no trailing separator (the walk's paths, joined from names, are like that).
bool already_normal(std::string_view text) {
  if (text.empty() || text.back() == '/') return false;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part(text.data() + start, end - start);
    if ((part.empty() && start != 0) || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

// 24 hex digits of the folder's SHA-256; the walk hands out a folder's files in a row, so
// each thread remembers the last folder it hashed.
std::string folder_key_part(std::string_view folder) {
  thread_local std::string last_folder;
  thread_local std::string last_part;
  if (last_part.empty() || folder != last_folder) {
    last_part = sha256_hex(std::string("folder\n").append(folder)).substr(0, k_folder_key_chars);
    last_folder = folder;
  }
  return last_part;
}

}  // namespace

std::string keyed_path(std::string_view path) {
  const auto normal = [](std::string_view text) { return std::filesystem::path(text).lexically_normal().string(); };
  if (!path.empty() && path.front() == '/') return already_normal(path) ? std::string(path) : normal(path);
  const std::filesystem::path& cwd = working_directory();
  if (cwd.empty()) return normal(path);
  std::string joined = cwd.native();
  if (joined.back() != '/') joined += '/';
  joined += path;
  return already_normal(joined) ? joined : normal(joined);
}

std::string file_stat_key(const std::filesystem::path& path) { return file_stat_key_for(path.native()); }

std::string file_stat_key_for(std::string_view path) {
  const std::string keyed = keyed_path(path);
  return folder_key_part(parent_folder(keyed)) + sha256_hex("path\n" + keyed).substr(0, 40);
}

std::string legacy_file_stat_key(const std::filesystem::path& path) {
  return sha256_hex("path\n" + keyed_path(path.native()));
}

std::string feature_cache_key(const std::string& content_sha256) {
  return fmt::format("{}-x{}", content_sha256, k_extractor_version);
}

}  // namespace samplemind
