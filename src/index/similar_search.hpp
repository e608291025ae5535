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

// Why: `similar` ranks the whole cache; one distance per file and a sort keep 100,000
// entries in milliseconds. Nearest first; ties by path, so output is stable. Files without
// a comparable descriptor are skipped; a file listed with its staleness unchecked is
// checked (one stat) only when it would be among the n shown.
std::vector<SimilarMatch> find_similar(std::vector<IndexedFile>& files, const SimilarQuery& query);

}  // namespace samplemind
