#pragma once
// Paths as text: the hot paths of a warm run (feed, stat keys, folder fetches) compare
// folders of 100,000 paths and must not build a std::filesystem::path (an allocation per
// component) for each.
#include <string_view>

namespace samplemind {

// Why: the folder part of a path's text, "" for a bare name ("a/b/c.wav" -> "a/b").
inline std::string_view parent_folder(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace samplemind
