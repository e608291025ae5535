#pragma once
// The n files of an index nearest to a timbre descriptor: exact search, one pass.
#include <cstddef>
#include <string>
#include <vector>

#include "cache/feature_index.hpp"

namespace samplemind {

struct SimilarMatch {
  std::size_t index = 0;  // into the files searched
  double distance = 0.0;  // timbre_distance
};

struct SimilarQuery {
  std::vector<float> timbre;     // the query's descriptor
  std::size_t count = 10;        // how many to return
  std::string exclude_path;      // the query file itself ("" = none)
  bool include_stale = false;    // also rank files that changed or vanished since analysed
};

// Why: `similar` ranks the whole cache; a partial sort over one distance per file keeps
// 100,000 entries in milliseconds. Nearest first; ties by path, so output is stable.
// Files without a comparable descriptor are skipped.
std::vector<SimilarMatch> find_similar(const std::vector<IndexedFile>& files, const SimilarQuery& query);

}  // namespace samplemind
