// Distances for every eligible file, then a partial sort of the first n.
#include "index/similar_search.hpp"

#include <algorithm>

#include "index/timbre_distance.hpp"

namespace samplemind {

std::vector<SimilarMatch> find_similar(const std::vector<IndexedFile>& files, const SimilarQuery& query) {
  std::vector<SimilarMatch> matches;
  matches.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const IndexedFile& file = files[i];
    if ((file.stale && !query.include_stale) || file.path == query.exclude_path) continue;
    if (auto distance = timbre_distance(query.timbre, file.features.timbre)) matches.push_back({i, *distance});
  }
  const std::size_t count = std::min(query.count, matches.size());
  auto nearer = [&files](const SimilarMatch& a, const SimilarMatch& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return files[a.index].path < files[b.index].path;
  };
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(count), matches.end(), nearer);
  matches.resize(count);
  return matches;
}

}  // namespace samplemind
