// The binary's own location comes first, so a tree installed with DESTDIR, unpacked from the
// .deb with dpkg -x, or moved to another prefix reads its own data and not the source tree's.
#include "util/data_dirs.hpp"

#include <system_error>

namespace samplemind {

namespace {
// PREFIX/share/samplemind for a binary at PREFIX/bin/samplemind; empty when unknown.
std::filesystem::path beside_binary() {
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error || binary.empty()) return {};
  return binary.parent_path().parent_path() / "share" / "samplemind";
}
}  // namespace

std::vector<std::filesystem::path> data_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (auto installed = beside_binary(); !installed.empty()) dirs.push_back(std::move(installed));
  dirs.emplace_back(SAMPLEMIND_DATA_DIR);
  dirs.emplace_back(SAMPLEMIND_SOURCE_DATA_DIR);
  return dirs;
}

}  // namespace samplemind
