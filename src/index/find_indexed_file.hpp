#pragma once
// What find searches: one cached file with its features and whether it changed since.
// Placeholder for the feature index's IndexedFile until that lands in this branch.
#include <string>

#include "model/features.hpp"

namespace samplemind {

struct IndexedFile {
  std::string path;
  Features features;
  bool stale = false;
  std::string stale_reason;
};

}  // namespace samplemind
