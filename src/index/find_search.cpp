// The find pipeline over cached files; no file is opened, only names and cached values read.
#include "index/find_search.hpp"

#include <algorithm>
#include <atomic>
#include <thread>


namespace samplemind {

FindOutcome find_files(std::vector<IndexedFile> files, const FindQuery& query, const AnswerLookup& lookup) {
  FindOutcome outcome;
  outcome.searched = files.size();
  const auto by_path = [](const IndexedFile& a, const IndexedFile& b) { return a.path < b.path; };
  if (!std::is_sorted(files.begin(), files.end(), by_path)) std::sort(files.begin(), files.end(), by_path);  // the index sorts already
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (matches_features(query, files[i])) candidates.push_back(i);
  }
  // Each candidate may cost an answer (a key: normalised features, SHA-256; a lookup) and,
  // when it matches, one stat: on all cores.
  std::vector<std::optional<FindAnswer>> answers(candidates.size());
  std::vector<char> matched(candidates.size(), 0);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t c; (c = next.fetch_add(1)) < candidates.size();) {
      IndexedFile& file = files[candidates[c]];
      if (lookup) answers[c] = lookup(file.features);
      if (!matches_answer(query, file, answers[c] ? &*answers[c] : nullptr)) continue;
      check_staleness(file);  // only a file that matches is looked at on disk
      matched[c] = 1;
    }
  };
  const std::size_t helpers = candidates.size() < 64 ? 0 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4) - 1;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (!matched[c]) continue;
    IndexedFile& file = files[candidates[c]];
    auto& into = file.stale ? outcome.stale : outcome.matches;
    into.push_back(FindMatch{std::move(file), std::move(answers[c])});
  }
  return outcome;
}

}  // namespace samplemind
