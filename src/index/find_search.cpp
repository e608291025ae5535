// The find pipeline over cached files; no file is opened, only names and cached values read.
#include "index/find_search.hpp"

#include <algorithm>

#include "metadata/stated_values.hpp"

namespace samplemind {

FindOutcome find_files(std::vector<IndexedFile> files, const FindQuery& query, const AnswerLookup& lookup,
                       bool ignore_metadata) {
  FindOutcome outcome;
  outcome.searched = files.size();
  std::sort(files.begin(), files.end(), [](const IndexedFile& a, const IndexedFile& b) { return a.path < b.path; });
  for (IndexedFile& file : files) {
    // The cache holds what the content states; the name's statements are applied per run,
    // as analyze does, so find sees the same final tempo and key the report showed.
    apply_file_statements(file.features, file.path, ignore_metadata);
    if (!matches_features(query, file)) continue;
    std::optional<FindAnswer> answer = lookup ? lookup(file.features) : std::nullopt;
    if (!matches_answer(query, file, answer ? &*answer : nullptr)) continue;
    auto& into = file.stale ? outcome.stale : outcome.matches;
    into.push_back(FindMatch{std::move(file), std::move(answer)});
  }
  return outcome;
}

}  // namespace samplemind
