#pragma once
// Where samplemind's data files (the price table) are looked for, in order.
#include <filesystem>
#include <vector>

namespace samplemind {

// The folders to search for a data file: share/samplemind beside the running binary
// (an installed or unpacked tree, wherever its prefix is), the configured install prefix,
// and the source tree's data/ (a binary run from its build folder).
std::vector<std::filesystem::path> data_dirs();

}  // namespace samplemind
