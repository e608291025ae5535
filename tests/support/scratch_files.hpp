#pragma once
// Files the cache tests write and then age: a stat record is trusted and stored only for a
// file older than the racy window (k_racy_mtime_window_ns), so tests move mtimes back.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace samplemind::testing {

// Why: replaces the whole file, as an editor saving it would.
inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

// Moves the mtime into the past so the stat record is not "racy" and gets stored.
inline void age(const std::filesystem::path& path, int seconds = 60) {
  std::filesystem::last_write_time(path, std::filesystem::last_write_time(path) - std::chrono::seconds(seconds));
}

}  // namespace samplemind::testing
