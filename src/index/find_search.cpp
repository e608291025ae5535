// The find pipeline over cached files; no file is opened, only names and cached values read.
#include "index/find_search.hpp"

#include <algorithm>


namespace samplemind {

FindOutcome find_files(std::vector<IndexedFile> files, const FindQuery& query, const AnswerLookup& lookup) {
  FindOutcome outcome;
  outcome.searched = files.size();
  const auto by_path = [](const IndexedFile& a, const IndexedFile& b) { return a.path < b.path; };
  if (!std::is_sorted(files.begin(), files.end(), by_path)) std::sort(files.begin(), files.end(), by_path);  // the index sorts already
  for (IndexedFile& file : files) {
    if (!matches_features(query, file)) continue;
    std::optional<FindAnswer> answer = lookup ? lookup(file.features) : std::nullopt;
    if (!matches_answer(query, file, answer ? &*answer : nullptr)) continue;
    auto& into = file.stale ? outcome.stale : outcome.matches;
    into.push_back(FindMatch{std::move(file), std::move(answer)});
  }
  return outcome;
}

}  // namespace samplemind
