// Distances for every eligible file, sorted; the nearest are checked on disk until n are fresh.
#include "index/similar_search.hpp"

#include <algorithm>

#include "index/timbre_distance.hpp"

namespace samplemind {

std::vector<SimilarMatch> find_similar(std::vector<IndexedFile>& files, const SimilarQuery& query) {
  std::vector<SimilarMatch> ranked;
  ranked.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const IndexedFile& file = files[i];
    if ((file.stale && !query.include_stale) || file.path == query.exclude_path) continue;
    if (auto distance = timbre_distance(query.timbre, file.features.timbre)) ranked.push_back({i, *distance});
  }
  auto nearer = [&files](const SimilarMatch& a, const SimilarMatch& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return files[a.index].path < files[b.index].path;
  };
  std::sort(ranked.begin(), ranked.end(), nearer);
  // Nearest first, each checked on disk only when it would be shown.
  std::vector<SimilarMatch> matches;
  for (const SimilarMatch& match : ranked) {
    if (matches.size() >= query.count) break;
    check_staleness(files[match.index]);
    if (files[match.index].stale && !query.include_stale) continue;
    matches.push_back(match);
  }
  return matches;
}

}  // namespace samplemind
